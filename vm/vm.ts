// The VM's public face: Maté's programming model (Levis & Culler, ASPLOS 2002; SPEC 7). Capsules
// are installed here and events start contexts here; interpret.ts runs them (costs: see the top of
// interpret.ts) and effects.ts reports faults as trap records. The host never sees an exception.

import { CAPSULE_TYPES, CONTEXTS, OPERAND_STACK_DEPTH, RETURN_STACK_DEPTH } from './capsule.js';
import type { Capsule, CapsuleType, ContextName } from './capsule.js';
import { instructionBoundaries } from './dispatch.js';
import type { VmHost } from './host.js';
import { snapshot, type VmSnapshot } from './inspect.js';
import { interpret } from './interpret.js';
import {
  BLOCKED, CONTEXT_COUNT, IDLE, LAST_RECEIVED, RUNNING, TAG_READING, TAG_VALUE, WAIT_SEND, WAIT_SENSE, WAITING,
} from './memory.js';
import { costTable, type CostProfile } from './opcodes.js';
import { ERROR_LEDS, VmState } from './state.js';

export { ERROR_LEDS } from './state.js';

export interface VmOptions {
  profile?: CostProfile;
  /** Called before each instruction with its context, disassembly and the operand stack. */
  trace?: (line: string) => void;
}

/** Maté's default clock: once a second (SPEC 7). Hosts start with it; a new clock capsule restores it. */
export const DEFAULT_CLOCK_PERIOD_NS = 1_000_000_000;

const CLOCK = CONTEXTS.indexOf('clock');
const SEND = CONTEXTS.indexOf('send');
const RECEIVE = CONTEXTS.indexOf('receive');
const ONCE = CONTEXTS.indexOf('once');
/** Each context runs the capsule of its own name. */
const CONTEXT_CAPSULE = CONTEXTS.map((name) => CAPSULE_TYPES.indexOf(name));

export class Vm {
  private readonly s: VmState;
  private executing = false;

  constructor(host: VmHost, options: VmOptions = {}) {
    this.s = new VmState(host, costTable(options.profile ?? 'mate'), options.trace);
  }

  /** Cycles charged since construction. */
  get cycles(): number {
    return this.s.cycles;
  }

  /** Instructions dispatched since construction (a refused split-phase retry counts each try). */
  get instructions(): number {
    return this.s.instructions;
  }

  /** Some context can run now (a blocked one retries on the next run()). */
  get ready(): boolean {
    const state = this.s.memory.state;
    for (let c = 0; c < CONTEXT_COUNT; c++) if (state[c] === RUNNING || state[c] === BLOCKED) return true;
    return false;
  }

  capsule(type: CapsuleType): Capsule | undefined {
    return this.s.capsules[CAPSULE_TYPES.indexOf(type)];
  }

  /**
   * Store a capsule, replacing the one of its type. Every context executing it or with it on its
   * return stack halts (its code is gone). A clock capsule empties the clock stack, pushes 0 and
   * restores the 1 s clock; a once capsule starts the once context. New code ends the error blink.
   */
  install(capsule: Capsule): void {
    const s = this.s;
    const m = s.memory;
    const type = CAPSULE_TYPES.indexOf(capsule.type);
    if (type < 0) return;
    s.epoch++;
    const code = capsule.code.slice();
    s.capsules[type] = capsule;
    s.codes[type] = code;
    s.bounds[type] = instructionBoundaries(code);
    for (let c = 0; c < CONTEXT_COUNT; c++) {
      if (m.state[c] !== IDLE && this.uses(c, type)) m.state[c] = IDLE;
    }
    if (type === CONTEXT_CAPSULE[CLOCK]) {
      const base = CLOCK * OPERAND_STACK_DEPTH;
      m.values[base] = 0;
      m.tags[base] = TAG_VALUE;
      m.sp[CLOCK] = 1;
      s.host.setClockPeriod(DEFAULT_CLOCK_PERIOD_NS);
    }
    if (s.errorBlink) {
      s.errorBlink = false;
      s.setLeds(0);
    }
    if (type === CONTEXT_CAPSULE[ONCE]) this.start(ONCE);
  }

  /** The clock timer fired: start the clock context at 0, or restart it there if still running. */
  fireClock(): void {
    this.s.epoch++;
    if (this.s.errorBlink) this.s.setLeds(this.s.leds ^ ERROR_LEDS);
    this.start(CLOCK);
  }

  /**
   * A message arrived. It becomes the last received message (for movm) and, unless the receive
   * context is still busy with the previous one (then it is dropped there), that context's buffer.
   */
  deliver(payload: Uint8Array, length: number, source: number): void {
    const m = this.s.memory;
    this.s.epoch++;
    this.s.received = source;
    m.load(LAST_RECEIVED, payload, length);
    if (m.state[RECEIVE] === IDLE && this.start(RECEIVE)) m.copyMessage(LAST_RECEIVED, RECEIVE);
  }

  /** A routed message to pass on: the send context gets it in its buffer and runs (dropped if busy). */
  forwardRouted(payload: Uint8Array, length: number, source: number): void {
    const m = this.s.memory;
    this.s.epoch++;
    this.s.received = source;
    if (m.state[SEND] === IDLE && this.start(SEND)) m.load(SEND, payload, length);
  }

  /** A sensor reading finished: the waiting context gets it, tagged with its sensor. */
  senseDone(context: ContextName, reading: number): void {
    const m = this.s.memory;
    const c = CONTEXTS.indexOf(context);
    this.s.epoch++;
    if (c < 0 || m.state[c] !== WAITING || m.wait[c] !== WAIT_SENSE || m.sp[c] >= OPERAND_STACK_DEPTH) return;
    const slot = c * OPERAND_STACK_DEPTH + m.sp[c]++;
    m.values[slot] = reading;
    m.tags[slot] = TAG_READING + m.waitSensor[c];
    m.state[c] = RUNNING;
  }

  /** A send or capsule broadcast finished. */
  sendDone(context: ContextName): void {
    const m = this.s.memory;
    const c = CONTEXTS.indexOf(context);
    this.s.epoch++;
    if (c >= 0 && m.state[c] === WAITING && m.wait[c] === WAIT_SEND) m.state[c] = RUNNING;
  }

  /** Power loss: contexts, stacks, heap, shared variable, LEDs and capsules are gone. */
  reboot(): void {
    const s = this.s;
    s.epoch++;
    s.memory.clear();
    s.capsules.fill(undefined);
    s.codes.fill(undefined);
    s.bounds.fill(undefined);
    s.leds = 0;
    s.errorBlink = false;
    s.last = CONTEXT_COUNT - 1;
  }

  /** Run ready contexts until none is ready or budgetCycles are spent (overshoot: one instruction). */
  run(budgetCycles: number): number {
    return this.execute(budgetCycles, Infinity);
  }

  /** Execute exactly one instruction of the next ready context; returns its cycles. */
  step(): number {
    return this.execute(Infinity, 1);
  }

  /** A plain copy of the VM's state, for dashboards, tests and traces. */
  inspect(): VmSnapshot {
    const s = this.s;
    return snapshot(s.memory, { leds: s.leds, lastSource: s.received, cycles: s.cycles, instructions: s.instructions });
  }

  private execute(budget: number, maxSteps: number): number {
    if (this.executing) return 0; // a host callback called run(): refuse rather than nest
    this.executing = true;
    const before = this.s.cycles;
    try {
      interpret(this.s, before + budget, maxSteps);
    } finally {
      this.executing = false;
    }
    return this.s.cycles - before;
  }

  /** Start a context at 0 on its capsule, if installed. The clock keeps its operand stack. */
  private start(c: number): boolean {
    const type = CONTEXT_CAPSULE[c];
    if (this.s.codes[type] === undefined) return false;
    const m = this.s.memory;
    m.capsule[c] = type;
    m.pc[c] = 0;
    m.rsp[c] = 0;
    m.wait[c] = 0;
    m.state[c] = RUNNING;
    if (c !== CLOCK) m.sp[c] = 0;
    return true;
  }

  /** Context c is executing this capsule type or will return into it. */
  private uses(c: number, type: number): boolean {
    const m = this.s.memory;
    if (m.capsule[c] === type) return true;
    for (let k = 0; k < m.rsp[c]; k++) if (m.returnCapsule[c * RETURN_STACK_DEPTH + k] === type) return true;
    return false;
  }
}
