// What the firmware costs, measured on avr8js (issue 14): every VM instruction's AVR cycles (from one
// entry of vm_pick to the next: the round robin, the fetch, the dispatch and the operation, both
// outcomes of a branch), the TinyOS primitives as the firmware performs them, and a capsule's CPU
// energy on an AVR mote and on an abstract mote. Cycles are avr8js's, nothing comes from a table.

import { assemble } from '../assembler/assemble.js';
import { readFileSync } from 'node:fs';
import { AvrVm } from '../sim/avr/avr-vm.js';
import { firmwareImage } from '../sim/avr/image.js';
import { CPU_ACTIVE_UA, CPU_IDLE_UA } from '../sim/network/cpu.js';
import type { Capsule } from '../vm/capsule.js';
import type { VmHost } from '../vm/host.js';
import { OPCODES, opcodeByName } from '../vm/opcodes.js';
import { CYCLE_NS, runSingleMote } from '../vm/single-host.js';

/** A host that accepts everything at once and records nothing. */
export function quietHost(): VmHost {
  return {
    moteId: 1, now: () => 0, random16: () => 0x1234, setLeds: () => {}, startSense: () => true, startSend: () => true,
    startForward: () => true, setClockPeriod: () => {}, trap: () => {}, neighbours: () => [3, 5, 9], uart: () => {},
  };
}

function capsuleOf(type: string, lines: readonly string[]): Capsule {
  const result = assemble([`.capsule ${type}`, ...lines].join('\n'), `${type}.mate`);
  if (!result.ok) throw new Error(`fidelity: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.capsule;
}

/** How to set up each instruction: the lines before it (its operands) and the instruction itself. */
interface OpCase {
  readonly name: string;
  readonly op: string;
  readonly before: readonly string[];
  readonly after?: readonly string[];
  /** Added to the lean and mate figures (a taken branch). */
  readonly taken?: boolean;
}

const MESSAGE = ['pushm', 'pushc 1', 'add'];
const SPECIAL: Readonly<Record<string, readonly string[]>> = {
  getms: MESSAGE, getmb: MESSAGE, setms: ['pushm', 'pushc 5'], setmb: ['pushm', 'pushc 5'], clear: ['pushm'],
  send: ['pushm'], sendr: ['pushm', 'pushc 1'], uart: ['pushm'], forwo: ['pushc 7'], sense: ['pushc 1'],
  clockf: ['pushc 4'], clockc: ['pushc 4'], getvi: ['pushc 1'], setvi: ['pushc 5', 'pushc 1'], nbrs: ['pushc 0'],
  nbr: ['pushc 1', 'pushc 0'], nbri: ['pushc 5', 'pushc 0'], jumps: ['pushc 2'], mod: ['pushc 7', 'pushc 3'],
  div: ['pushc 7', 'pushc 3'], shiftr: ['pushc 7', 'pushc 3'], shiftl: ['pushc 7', 'pushc 3'],
};

function opCases(): OpCase[] {
  const cases: OpCase[] = [];
  for (const row of OPCODES) {
    const operand = row.operand === 'none' ? '' : row.operand === 'target' ? ' end' : ' 1';
    const before = SPECIAL[row.name] ?? Array.from({ length: row.pops }, () => 'pushc 3');
    if (row.flow === 'branch') {
      const [no, yes] = row.name === 'jumpc' ? ['pushc 0', 'pushc 1'] : ['pushc 1', 'pushc 0'];
      cases.push({ name: `${row.name} not taken`, op: `${row.name} end`, before: [no], after: ['halt', 'end: halt'] });
      cases.push({ name: `${row.name} taken`, op: `${row.name} end`, before: [yes], after: ['halt', 'end: halt'], taken: true });
    } else if (row.name === 'jump') {
      cases.push({ name: 'jump', op: 'jump end', before: [], after: ['halt', 'end: halt'] });
    } else if (row.name === 'call' || row.name === 'ret') {
      cases.push({ name: row.name, op: row.name === 'call' ? 'call 0' : 'ret', before: [] });
    } else {
      cases.push({ name: row.name, op: `${row.name}${operand}`, before, after: ['halt'] });
    }
  }
  return cases;
}

/** Cycles from the vm_pick before instruction `index` to the one after it. */
function instructionCycles(once: Capsule, index: number, extra: readonly Capsule[] = []): number {
  const vm = new AvrVm(quietHost());
  for (const capsule of extra) vm.install(capsule);
  vm.run(1e9); // the extras' install events settle first: pickTimes starts with the once capsule's
  vm.pickTimes = [];
  vm.install(once);
  vm.run(1e9);
  const t = vm.pickTimes;
  if (t.length < index + 2) throw new Error(`fidelity: ${once.name} ran ${t.length - 1} instructions`);
  return t[index + 1] - t[index];
}

/**
 * Cycles of instruction `index` alone (a lean interpreter's cost): from the CALL into vm_exec (fetch,
 * dispatch, checks, the operation, leave() and the host's doorbell where it has an effect) to the
 * first AVR instruction after its RET; the round robin of vm_pick and the loop of vm_run are not in it.
 */
function execCycles(once: Capsule, index: number, extra: readonly Capsule[] = []): number {
  const vm = new AvrVm(quietHost());
  for (const capsule of extra) vm.install(capsule);
  const entry = firmwareImage().record.vmExecWord;
  const steps = traceOf(vm, () => {
    vm.install(once);
    vm.run(1e9);
  });
  let at = -1;
  for (let k = 0; k <= index; k++) at = steps.findIndex((s, j) => j > at && s.pc === entry);
  if (at < 0) throw new Error(`fidelity: ${once.name} ran fewer than ${index + 1} instructions`);
  return callCycles(steps.slice(at - 1), entry);
}

export interface OpFidelity {
  readonly name: string;
  /** Measured: vm_pick to vm_pick, the whole firmware per instruction (the round robin included). */
  readonly avr: number;
  /** Measured: vm_exec alone, call to return (fetch, dispatch, the operation). */
  readonly avrExec: number;
  /** The lean profile (vm/lean-costs.ts, generated from avrExec). */
  readonly lean: number;
  /** SPEC 7's lean figure, the seed's. */
  readonly seedLean: number;
  /** The mate profile (the seed's lean + Maté's overhead, or the paper's figure). */
  readonly mate: number;
}

/** How each instruction's case runs: the capsules and which of its instructions is measured. */
function caseRun(c: OpCase): { once: Capsule; index: number; extra: Capsule[] } {
  const sub = [capsuleOf('sub0', ['ret'])];
  if (c.name === 'call') return { once: capsuleOf('once', ['call 0', 'halt']), index: 0, extra: sub };
  if (c.name === 'ret') return { once: capsuleOf('once', ['call 0', 'halt']), index: 1, extra: sub };
  return { once: capsuleOf('once', [...c.before, c.op, ...(c.after ?? [])]), index: c.before.length, extra: [] };
}

export interface ExecCycles {
  /** The case's name: the mnemonic, and for a branch ' taken' or ' not taken'. */
  readonly name: string;
  readonly cycles: number;
}

/** Every instruction's own cycles on the firmware (vm_exec, call to return), branches both ways: the lean profile's source. */
export function measureExec(): ExecCycles[] {
  return opCases().map((c) => {
    const run = caseRun(c);
    return { name: c.name, cycles: execCycles(run.once, run.index, run.extra) };
  });
}

/** Every instruction measured on the firmware, beside its lean and mate costs. */
export function measureOps(): OpFidelity[] {
  return opCases().map((c) => {
    const row = opcodeByName(c.name.split(' ')[0]);
    if (row === undefined) throw new Error(`fidelity: no opcode ${c.name}`);
    const run = caseRun(c);
    return {
      name: c.name,
      avr: instructionCycles(run.once, run.index, run.extra),
      avrExec: execCycles(run.once, run.index, run.extra),
      lean: row.lean + (c.taken ? (row.leanTaken ?? 0) : 0),
      seedLean: row.seedLean + (c.taken ? (row.taken ?? 0) : 0),
      mate: row.mate + (c.taken ? (row.taken ?? 0) : 0),
    };
  });
}

export interface Primitive {
  readonly measured: number;
  readonly seed: number;
}

export interface Primitives {
  readonly post: Primitive;
  readonly taskSwitch: Primitive;
  readonly interrupt: Primitive & { readonly hardware: number; readonly software: number };
  readonly byteCopy: Primitive;
  readonly eventToHandlerMicros: Primitive;
}

interface Step {
  readonly pc: number;
  readonly cycles: number;
  readonly sp: number;
}

/** The AVR instructions executed while `act` runs (and the runs it asks for). */
function traceOf(vm: AvrVm, act: () => void): Step[] {
  const steps: Step[] = [];
  vm.tracer = (pc, cycles, sp) => steps.push({ pc, cycles, sp });
  act();
  vm.tracer = undefined;
  return steps;
}

/** Cycles from a function's entry (the k-th time) to the first instruction after it returns. */
function callCycles(steps: readonly Step[], entry: number): number {
  const at = steps.findIndex((s) => s.pc === entry);
  if (at < 0) throw new Error('fidelity: the function never ran');
  const back = steps.findIndex((s, k) => k > at && s.sp > steps[at].sp);
  return steps[back].cycles - steps[at].cycles + callOverhead(steps, at);
}

/** The CALL that reached the entry (4 cycles on the ATmega128) belongs to the call too. */
function callOverhead(steps: readonly Step[], at: number): number {
  return at > 0 ? steps[at].cycles - steps[at - 1].cycles : 0;
}

const RETI = 0x9518;

export function measurePrimitives(): Primitives {
  const { record, flash } = firmwareImage();
  const f = record.functions;
  const clock = capsuleOf('clock', ['gets', 'pushc 1', 'add', 'copy', 'sets', 'pushc 7', 'and', 'putled', 'halt']);

  // An empty message through INT0: the interrupt (hardware: avr8js's 2 cycles of dispatch and the
  // vector's JMP; software: the handler to its RETI), the post inside it, the event task, the switch.
  const vm = new AvrVm(quietHost());
  vm.install(clock);
  vm.run(1e9);
  const steps = traceOf(vm, () => {
    vm.deliver(new Uint8Array(0), 0, 1);
    vm.run(1e9);
  });
  const handler = steps.findIndex((s) => s.pc === f.__vector_1);
  const reti = steps.findIndex((s, k) => k > handler && flash[s.pc] === RETI);
  const hardware = 2 + (steps[handler].cycles - steps[handler - 1].cycles);
  const software = steps[reti + 1].cycles - steps[handler].cycles;
  const post = callCycles(steps, f.post);
  const applyAt = steps.findIndex((s) => s.pc === f.apply_event);
  const applyBack = steps.findIndex((s, k) => k > applyAt && s.sp > steps[applyAt].sp);
  const vmRun = steps.findIndex((s, k) => k > applyBack && s.pc === f.vm_run);
  const taskSwitch = steps[vmRun].cycles - steps[applyBack].cycles;

  // Reception's byte copy: a full payload against an empty one.
  const eventCycles = (n: number): number => {
    const mote = new AvrVm(quietHost());
    const before = mote.cycles;
    mote.deliver(new Uint8Array(29).fill(7), n, 1);
    return mote.cycles - before;
  };
  const byteCopy = (eventCycles(29) - eventCycles(0)) / 29;

  // The clock's timer compare to the clock capsule's first instruction.
  const timed = new AvrVm(quietHost());
  timed.install(clock);
  timed.run(1e9);
  const raised = timed.cycles;
  const clockSteps = traceOf(timed, () => {
    timed.fireClock();
    timed.run(1e9);
  });
  const first = clockSteps.find((s) => s.pc === record.vmExecWord);
  if (first === undefined) throw new Error('fidelity: the clock capsule never ran');
  const eventToHandlerMicros = ((first.cycles - raised) * CYCLE_NS) / 1000;

  return {
    post: { measured: post, seed: 10 },
    taskSwitch: { measured: taskSwitch, seed: 51 },
    interrupt: { measured: hardware + software, seed: 9 + 71, hardware, software },
    byteCopy: { measured: byteCopy, seed: 8 },
    eventToHandlerMicros: { measured: eventToHandlerMicros, seed: 40 },
  };
}

export interface EnergyFidelity {
  readonly capsule: string;
  readonly avrMicroJoules: number;
  readonly abstractMicroJoules: number;
}

/** The CPU's energy over a run: active cycles at SPEC 2's 4.6 mA, the rest asleep (idle, 2.4 mA), at 3 V. */
export function cpuMicroJoules(activeCycles: number, seconds: number): number {
  const active = activeCycles * CYCLE_NS * 1e-9;
  return 3 * (CPU_ACTIVE_UA * active + CPU_IDLE_UA * Math.max(0, seconds - active));
}

/** Shipped capsules (files under capsules/) on one AVR mote and one abstract mote (mate profile). */
export function measureEnergy(files: readonly (readonly string[])[], seconds: number): EnergyFidelity[] {
  return files.map((paths) => {
    const capsules = paths.map((path) => {
      const result = assemble(readFileSync(path, 'utf8'), path);
      if (!result.ok) throw new Error(`fidelity: ${path} does not assemble`);
      return result.capsule;
    });
    const avr = runSingleMote(capsules, { seconds, makeVm: (host) => new AvrVm(host) });
    const abstract = runSingleMote(capsules, { seconds, profile: 'mate' });
    return {
      capsule: capsules.map((c) => c.name).join('+'),
      avrMicroJoules: cpuMicroJoules(avr.cycles, seconds),
      abstractMicroJoules: cpuMicroJoules(abstract.cycles, seconds),
    };
  });
}
