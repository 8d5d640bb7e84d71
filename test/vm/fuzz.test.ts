// Property (SPEC 7 "the host never crashes"): whatever the bytes, capsule types, events and
// their order, and even when the host calls back into the VM from its callbacks, the VM never
// throws, faults come back as trap records, and run() ends within its budget plus one instruction.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPSULE_TYPES, CONTEXTS, PAYLOAD_BYTES, type ContextName } from '../../vm/capsule.js';
import type { TrapRecord, TrapReason, VmHost } from '../../vm/host.js';
import { COST_PROFILES, OPCODES } from '../../vm/opcodes.js';
import { Vm } from '../../vm/vm.js';

const REASONS: readonly TrapReason[] = [
  'stack overflow', 'stack underflow', 'return stack overflow', 'bad opcode', 'bad jump', 'type error',
  'division by zero', 'bad message field', 'no such capsule', 'bad sensor', 'bad heap index', 'err',
];
/** The dearest instruction plus the largest data-dependent extras (a taken branch, movm's copy). */
const OVERSHOOT = Math.max(...OPCODES.map((r) => Math.max(r.mate, r.lean))) + 9 + 8 * PAYLOAD_BYTES;

const context = fc.constantFrom(...CONTEXTS);
const bytes = fc.uint8Array({ maxLength: 40 });
const action = fc.oneof(
  fc.record({ kind: fc.constant('install' as const), type: fc.constantFrom(...CAPSULE_TYPES), code: bytes }),
  fc.record({ kind: fc.constant('fire' as const) }),
  fc.record({ kind: fc.constant('deliver' as const), payload: bytes, length: fc.integer({ min: -3, max: 50 }), source: fc.integer() }),
  fc.record({ kind: fc.constant('route' as const), payload: bytes, length: fc.integer({ min: -3, max: 50 }), source: fc.integer() }),
  fc.record({ kind: fc.constant('senseDone' as const), context, reading: fc.integer({ min: -100_000, max: 100_000 }) }),
  fc.record({ kind: fc.constant('sendDone' as const), context }),
  fc.record({ kind: fc.constant('run' as const), budget: fc.integer({ min: 0, max: 300_000 }) }),
  fc.record({ kind: fc.constant('step' as const) }),
  fc.record({ kind: fc.constant('reboot' as const) }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;
/** What a host callback does to the VM before returning. */
const reentry = fc.constantFrom('none', 'none', 'fire', 'run', 'reboot', 'deliver', 'install');

class FuzzHost implements VmHost {
  readonly moteId = 3;
  vm: Vm | undefined;
  traps: TrapRecord[] = [];
  private turn = 0;
  private inside = false;
  constructor(
    private readonly busy: boolean[],
    private readonly reentries: string[],
  ) {}
  now(): number {
    return this.turn;
  }
  random16(): number {
    return (this.turn * 40503) & 0xffff;
  }
  setLeds(): void {
    this.reenter();
  }
  startSense(_context: ContextName, _sensor: number): boolean {
    return this.answer();
  }
  startSend(_context: ContextName, _dest: number, payload: Uint8Array, length: number): boolean {
    expect(length).toBeLessThanOrEqual(payload.length);
    return this.answer();
  }
  startForward(): boolean {
    return this.answer();
  }
  setClockPeriod(nanoseconds: number): void {
    expect(nanoseconds).toBeGreaterThanOrEqual(0);
  }
  trap(record: TrapRecord): void {
    this.traps.push(record);
    this.reenter();
  }
  neighbours(direction: number): ArrayLike<number> {
    return direction === 0 ? [2, 5, 0xffff] : [1];
  }
  uart(_context: ContextName, payload: Uint8Array, length: number): void {
    expect(length).toBeLessThanOrEqual(payload.length);
    this.reenter();
  }
  private answer(): boolean {
    this.reenter();
    return !this.busy[this.turn % this.busy.length];
  }
  /** One level deep: a host whose setLeds fires the clock, which blinks the LEDs, would recurse forever. */
  private reenter(): void {
    const what = this.reentries[this.turn++ % this.reentries.length];
    const vm = this.vm;
    if (vm === undefined || this.inside) return;
    this.inside = true;
    if (what === 'fire') vm.fireClock();
    if (what === 'run') vm.run(1000);
    if (what === 'reboot') vm.reboot();
    if (what === 'deliver') vm.deliver(Uint8Array.from([1, 2, 3]), 3, 9);
    if (what === 'install') vm.install({ type: 'clock', version: 1, name: 'again', code: Uint8Array.from([0xc1, 0x07]) });
    this.inside = false;
  }
}

function apply(vm: Vm, a: Action): void {
  switch (a.kind) {
    case 'install':
      vm.install({ type: a.type, version: 1, name: `fuzz-${a.type}`, code: a.code });
      return;
    case 'fire':
      vm.fireClock();
      return;
    case 'deliver':
      vm.deliver(a.payload, a.length, a.source);
      return;
    case 'route':
      vm.forwardRouted(a.payload, a.length, a.source);
      return;
    case 'senseDone':
      vm.senseDone(a.context, a.reading);
      return;
    case 'sendDone':
      vm.sendDone(a.context);
      return;
    case 'run': {
      const spent = vm.run(a.budget);
      expect(spent).toBeGreaterThanOrEqual(0);
      expect(spent).toBeLessThan(a.budget + OVERSHOOT);
      return;
    }
    case 'step':
      expect(vm.step()).toBeLessThanOrEqual(OVERSHOOT);
      return;
    case 'reboot':
      vm.reboot();
  }
}

describe('the VM under arbitrary input', () => {
  it('never throws to its host, traps with known reasons, and keeps run() within its budget', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COST_PROFILES),
        fc.array(action, { maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.array(reentry, { minLength: 1, maxLength: 8 }),
        (profile, actions, busy, reentries) => {
          const host = new FuzzHost(busy, reentries);
          const vm = new Vm(host, { profile });
          host.vm = vm;
          for (const a of actions) apply(vm, a);
          vm.run(1e6);
          for (const trap of host.traps) expect(REASONS).toContain(trap.reason);
          const snapshot = vm.inspect();
          for (const c of snapshot.contexts) {
            expect(c.stack.length).toBeLessThanOrEqual(16);
            expect(c.returnStack.length).toBeLessThanOrEqual(8);
            expect(c.message.length).toBeLessThanOrEqual(PAYLOAD_BYTES);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs any single capsule of valid-looking instructions until it ends, traps or waits', () => {
    const instruction = fc
      .record({ row: fc.constantFrom(...OPCODES), embedded: fc.nat(63), trailing: fc.array(fc.nat(255), { maxLength: 2 }) })
      .map(({ row, embedded, trailing }) => [
        row.code + (embedded & ((1 << row.embed) - 1)),
        ...Array.from({ length: row.trailing }, (_, k) => trailing[k] ?? 0),
      ]);
    fc.assert(
      fc.property(fc.array(instruction, { maxLength: 30 }), fc.constantFrom(...CAPSULE_TYPES), (instructions, type) => {
        const host = new FuzzHost([false], ['none']);
        const vm = new Vm(host);
        vm.install({ type, version: 1, name: 'x', code: Uint8Array.from(instructions.flat()) });
        vm.fireClock();
        vm.deliver(Uint8Array.from([7, 7]), 2, 1);
        vm.forwardRouted(Uint8Array.from([8]), 1, 1);
        const spent = vm.run(5e6);
        expect(spent).toBeLessThan(5e6 + OVERSHOOT);
      }),
      { numRuns: 300 },
    );
  });
});
