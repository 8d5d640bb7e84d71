// Differential testing of the AVR mote against the abstract one (issue 14): the same capsules and the
// same events go to vm/vm.ts's Vm and to sim/avr/avr-vm.ts's AvrVm (the C firmware on avr8js), each
// with its own recording host; everything observable must match: the host calls in order (LEDs,
// traps with reason and pc, sends with their bytes, sensing, the clock, the serial port), and the
// VM's state after each run (stacks, pcs, heap, messages). Only timing may differ.

import fc from 'fast-check';
import { AvrVm } from '../../../sim/avr/avr-vm.js';
import { CAPSULE_TYPES, CONTEXTS, type Capsule, type CapsuleType, type ContextName } from '../../../vm/capsule.js';
import type { TrapRecord, VmHost } from '../../../vm/host.js';
import { DECODE, OPCODES, type OpcodeRow } from '../../../vm/opcodes.js';
import { Vm } from '../../../vm/vm.js';

/** A host that logs every call, in order, as text. */
export class RecordingHost implements VmHost {
  readonly log: string[] = [];
  busy = false;
  private r = 0;
  constructor(
    readonly moteId: number,
    private readonly randoms: readonly number[],
    private readonly table: readonly (readonly number[])[],
  ) {}
  now(): number {
    return 0;
  }
  random16(): number {
    const v = this.randoms[this.r++ % this.randoms.length];
    this.log.push(`rand ${v}`);
    return v;
  }
  setLeds(leds: number): void {
    this.log.push(`leds ${leds}`);
  }
  startSense(context: ContextName, sensor: number): boolean {
    this.log.push(`sense ${context} ${sensor} ${this.busy ? 'busy' : ''}`);
    return !this.busy;
  }
  startSend(context: ContextName, dest: number, payload: Uint8Array, length: number, routed: boolean): boolean {
    this.log.push(`send ${context} ${dest} ${routed} [${Array.from(payload.subarray(0, length))}] ${this.busy ? 'busy' : ''}`);
    return !this.busy;
  }
  startForward(context: ContextName, capsuleType: number): boolean {
    this.log.push(`forward ${context} ${capsuleType} ${this.busy ? 'busy' : ''}`);
    return !this.busy;
  }
  setClockPeriod(nanoseconds: number): void {
    this.log.push(`clock ${nanoseconds}`);
  }
  trap(record: TrapRecord): void {
    this.log.push(`trap ${record.capsule} pc ${record.pc}: ${record.reason}`);
  }
  neighbours(direction: number): ArrayLike<number> {
    return this.table[direction] ?? [];
  }
  uart(context: ContextName, payload: Uint8Array, length: number): void {
    this.log.push(`uart ${context} [${Array.from(payload.subarray(0, length))}]`);
  }
}

export type MoteEvent =
  | { kind: 'run' }
  | { kind: 'clock' }
  | { kind: 'deliver'; payload: number[]; source: number }
  | { kind: 'forwardRouted'; payload: number[]; source: number }
  | { kind: 'senseDone'; context: ContextName; reading: number }
  | { kind: 'sendDone'; context: ContextName }
  | { kind: 'busy'; on: boolean }
  | { kind: 'install'; capsule: Capsule };

export interface Scenario {
  moteId: number;
  randoms: number[];
  table: number[][];
  capsules: Capsule[];
  events: MoteEvent[];
}

type AnyVm = Vm | AvrVm;

/** Everything the scenario makes observable on one kind of mote. */
export function observe(scenario: Scenario, make: (host: RecordingHost) => AnyVm): string[] {
  const host = new RecordingHost(scenario.moteId, scenario.randoms, scenario.table);
  const vm = make(host);
  const snap = (): void => {
    const s = vm.inspect();
    host.log.push(`state ${JSON.stringify({ ...s, cycles: 0 })}`);
  };
  for (const capsule of scenario.capsules) vm.install(capsule);
  for (const event of scenario.events) {
    switch (event.kind) {
      case 'run':
        for (let round = 0; round < 3 && vm.ready; round++) vm.run(50_000_000);
        snap();
        break;
      case 'clock': vm.fireClock(); break;
      case 'deliver': vm.deliver(Uint8Array.from(event.payload), event.payload.length, event.source); break;
      case 'forwardRouted': vm.forwardRouted(Uint8Array.from(event.payload), event.payload.length, event.source); break;
      case 'senseDone': vm.senseDone(event.context, event.reading); break;
      case 'sendDone': vm.sendDone(event.context); break;
      case 'busy': host.busy = event.on; break;
      case 'install': vm.install(event.capsule); break;
    }
  }
  for (let round = 0; round < 3 && vm.ready; round++) vm.run(50_000_000);
  snap();
  return host.log;
}

export const abstractMote = (host: RecordingHost): AnyVm => new Vm(host, { profile: 'lean' });
export const avrMote = (host: RecordingHost): AnyVm => new AvrVm(host);

// --- arbitraries ------------------------------------------------------------------------------------

const USABLE = OPCODES.filter((row) => row.name !== 'jumps'); // a popped target may point back: no loop guarantee
const NOT_OPCODES = Array.from({ length: 256 }, (_, b) => b).filter((b) => DECODE[b] < 0);
const smallValue = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.integer({ min: -0x8000, max: 0xffff }));

interface Draft {
  row: OpcodeRow | undefined;
  operand: number;
  raw: number;
  /** A short idiom instead (a message built and sent, a reading, a heap index...), by index. */
  idiom: number | undefined;
}

const byName = (name: string): OpcodeRow => OPCODES.find((row) => row.name === name) as OpcodeRow;
const IDIOMS: readonly (readonly number[])[] = [
  [0x1c, 0xc9, 0x07, 0x1f], // pushm, pushc 9, add, send
  [0x1c, 0xc7, 0x50, 0x39], // pushm, pushc 7, setms 0, uart
  [0xc1, 0x1a], // pushc 1, sense
  [0x1d, 0x48], // movm, getmb 0
  [0x1c, 0xc3, 0x58, 0x30, 0xff, 0xff, 0x20], // pushm, pushc 3, setmb 0, pushw 0xffff, sendr
  [0x21], // forw
  [0xc4, 0x22], // pushc 4, forwo
  [0xc0, 0x36], // pushc 0, nbrs
  [0xc1, 0xc0, 0x37], // pushc 1, pushc 0, nbr
  [0xc5, 0x3a], // pushc 5, getvi
  [0xc2, 0xc3, 0x3b], // pushc 2, pushc 3, setvi
  [0x17, 0xc3, 0x13], // rand, pushc 3, mod
  [0xc9, 0x27], // pushc 9, clockf
  [0xd0, 0x28], // pushc 16, clockc
  [0xc2, 0x1a, 0xc5, 0x07, 0x1b], // pushc 2, sense, pushc 5, add, cast
  [0x1c, 0x1e, 0x0b], // pushm, clear, pop
];

const draft = fc.record({
  row: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...USABLE) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  operand: fc.nat(0xffff),
  raw: fc.constantFrom(...NOT_OPCODES),
  idiom: fc.option(fc.nat(IDIOMS.length - 1), { freq: 3, nil: undefined }),
});

/**
 * Encode drafts into code. Jumps go forward only and a subroutine calls only higher-numbered ones
 * (at most two calls a capsule), so every run ends; targets may still land inside an instruction or
 * past the end, which traps.
 */
function encode(prelude: readonly number[], drafts: readonly Draft[], type: CapsuleType, strict: boolean): Uint8Array {
  const sub = type.startsWith('sub') ? Number(type.slice(3)) : -1;
  const bytes: number[] = [...prelude]; // targets count from the capsule's start, prelude included
  const fixups: { at: number; pc: number; span: number; embed: boolean }[] = [];
  const pushc = byName('pushc');
  let calls = 0;
  let depth = 0; // a rough count of operands, so that strict capsules rarely underflow
  for (const d of drafts) {
    if (d.idiom !== undefined) {
      bytes.push(...IDIOMS[d.idiom]);
      continue;
    }
    let row = d.row;
    if (row === undefined) {
      if (!strict) bytes.push(d.raw);
      continue;
    }
    if (strict && row.pops > depth) row = pushc;
    depth = Math.max(0, Math.min(16, depth - row.pops + row.pushes));
    const pc = bytes.length;
    if (row.operand === 'sub') {
      if (calls >= 2 || sub >= 3) continue;
      calls++;
      const n = sub + 1 + (d.operand % (3 - sub));
      bytes.push(row.code + n);
    } else if (row.operand === 'target') {
      fixups.push({ at: pc, pc, span: d.operand, embed: row.embed > 0 });
      bytes.push(row.code);
      if (row.trailing === 1) bytes.push(0);
    } else if (row.embed > 0) {
      bytes.push(row.code + (d.operand % (1 << row.embed)));
    } else {
      bytes.push(row.code);
      if (row.trailing >= 1) bytes.push(d.operand & 0xff);
      if (row.trailing === 2) bytes.push(d.operand >> 8);
    }
  }
  for (const f of fixups) {
    const room = bytes.length - f.pc; // forward targets pc+1 .. length (the end traps)
    const target = f.pc + 1 + (f.span % room);
    if (f.embed) bytes[f.at] = target > 63 ? byName('pop').code : 0x80 + target; // blez reaches 0-63 only
    else bytes[f.at + 1] = target & 0xff;
  }
  return Uint8Array.from(bytes.slice(0, 128)); // at most 16 drafts of at most 7 bytes: never cut
}

/** Prefixes that make programs do more than underflow: a few pushes, a message, a sensor id. */
const PRELUDE: readonly (readonly number[])[] = [[], [0xc1, 0xc2, 0xc3], [0x1c], [0x1c, 0xc5], [0xc0], [0xc7, 0xc1]];

export function capsuleArbitrary(type: CapsuleType, maxInstructions = 16): fc.Arbitrary<Capsule> {
  return fc
    .tuple(fc.constantFrom(...PRELUDE), fc.array(draft, { minLength: 1, maxLength: maxInstructions }), fc.nat(1000), fc.boolean())
    .map(([prelude, drafts, version, strict]) => {
      const code = encode(prelude, drafts, type, strict);
      return { type, version, name: `${type}-${version}`, code };
    });
}

const context = fc.constantFrom(...CONTEXTS);
const payload = fc.array(fc.nat(255), { maxLength: 31 });

export function eventArbitrary(): fc.Arbitrary<MoteEvent> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant<MoteEvent>({ kind: 'run' }) },
    { weight: 3, arbitrary: fc.constant<MoteEvent>({ kind: 'clock' }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), payload, source: fc.nat(0xffff) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('forwardRouted' as const), payload, source: fc.nat(0xffff) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('senseDone' as const), context, reading: smallValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('sendDone' as const), context }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('busy' as const), on: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...CAPSULE_TYPES).chain((t) => capsuleArbitrary(t).map((capsule): MoteEvent => ({ kind: 'install', capsule }))),
    },
  );
}

export function scenarioArbitrary(): fc.Arbitrary<Scenario> {
  const capsules = fc
    .subarray([...CAPSULE_TYPES], { minLength: 1, maxLength: 4 })
    .chain((types) => fc.tuple(...types.map((t) => capsuleArbitrary(t))));
  return fc.record({
    moteId: fc.nat(0xffff),
    randoms: fc.array(fc.nat(0xffff), { minLength: 1, maxLength: 8 }),
    table: fc.tuple(fc.uniqueArray(fc.nat(300), { maxLength: 5 }), fc.uniqueArray(fc.nat(300), { maxLength: 5 })).map(([a, b]) => [
      a.sort((x, y) => x - y),
      b.sort((x, y) => x - y),
    ]),
    capsules,
    events: fc.array(eventArbitrary(), { minLength: 1, maxLength: 12 }),
  });
}
