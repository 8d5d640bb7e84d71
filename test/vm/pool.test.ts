// VMs sharing a pool (vm/pool.ts) behave exactly as VMs with pools of their own: no VM reads or
// writes another's stacks, heap, buffers or counters, and growing the pool mid-run loses nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPSULE_TYPES, CONTEXTS, type CapsuleType, type ContextName } from '../../vm/capsule.js';
import type { TrapRecord, VmHost } from '../../vm/host.js';
import { BLOCK_BYTES, VmPool } from '../../vm/pool.js';
import { Vm } from '../../vm/vm.js';
import { capsule } from './helpers.js';

/** A host that writes down every call, answering split-phase starts in turn busy and free. */
class RecordingHost implements VmHost {
  readonly calls: string[] = [];
  private turn = 0;
  constructor(readonly moteId: number) {}
  now(): number {
    return this.calls.length;
  }
  random16(): number {
    return (this.calls.length * 7919) & 0xffff;
  }
  setLeds(leds: number): void {
    this.calls.push(`leds ${leds}`);
  }
  startSense(context: ContextName, sensor: number): boolean {
    this.calls.push(`sense ${context} ${sensor}`);
    return this.turn++ % 3 !== 0;
  }
  startSend(context: ContextName, dest: number, payload: Uint8Array, length: number, routed: boolean): boolean {
    this.calls.push(`send ${context} ${dest} ${Array.from(payload.subarray(0, length)).join(',')} ${routed}`);
    return this.turn++ % 3 !== 0;
  }
  startForward(context: ContextName, capsuleType: number): boolean {
    this.calls.push(`forward ${context} ${capsuleType}`);
    return true;
  }
  setClockPeriod(nanoseconds: number): void {
    this.calls.push(`clock ${nanoseconds}`);
  }
  trap(record: TrapRecord): void {
    this.calls.push(`trap ${record.capsule} ${record.pc} ${record.reason}`);
  }
  uart(context: ContextName, payload: Uint8Array, length: number): void {
    this.calls.push(`uart ${context} ${Array.from(payload.subarray(0, length)).join(',')}`);
  }
}

const bytes = fc.uint8Array({ maxLength: 24 });
const event = fc.oneof(
  fc
    .record({ type: fc.constantFrom(...CAPSULE_TYPES), code: bytes })
    .map(({ type, code }) => ({ kind: 'install' as const, capsule: { type, version: 1, name: type, code } })),
  fc.record({ kind: fc.constant('fire' as const) }),
  fc.record({ kind: fc.constant('deliver' as const), payload: bytes, source: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant('senseDone' as const), context: fc.constantFrom(...CONTEXTS), reading: fc.integer({ min: 0, max: 1023 }) }),
  fc.record({ kind: fc.constant('sendDone' as const), context: fc.constantFrom(...CONTEXTS) }),
  fc.record({ kind: fc.constant('run' as const), budget: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ kind: fc.constant('reboot' as const) }),
);
type Event = typeof event extends fc.Arbitrary<infer A> ? A : never;

function apply(vm: Vm, e: Event): void {
  if (e.kind === 'install') vm.install(e.capsule);
  else if (e.kind === 'fire') vm.fireClock();
  else if (e.kind === 'deliver') vm.deliver(e.payload, e.payload.length, e.source);
  else if (e.kind === 'senseDone') vm.senseDone(e.context, e.reading);
  else if (e.kind === 'sendDone') vm.sendDone(e.context);
  else if (e.kind === 'run') vm.run(e.budget);
  else vm.reboot();
}

describe('VMs in one pool', () => {
  it('run exactly as VMs with pools of their own, however their events interleave and the pool grows', () => {
    // Each event goes to one of three motes; the third joins the pool halfway (a growth with live VMs).
    const script = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), event), { maxLength: 40 });
    fc.assert(
      fc.property(script, (events) => {
        const pool = new VmPool(1);
        const shared: Vm[] = [];
        const alone: Vm[] = [];
        const hosts = { shared: [] as RecordingHost[], alone: [] as RecordingHost[] };
        const join = (): void => {
          const id = shared.length;
          hosts.shared.push(new RecordingHost(id));
          hosts.alone.push(new RecordingHost(id));
          shared.push(new Vm(hosts.shared[id], { pool }));
          alone.push(new Vm(hosts.alone[id]));
        };
        join();
        join();
        events.forEach(([mote, e], i) => {
          if (i === events.length >> 1) join();
          const target = Math.min(mote, shared.length - 1);
          apply(shared[target], e);
          apply(alone[target], e);
        });
        for (let id = 0; id < shared.length; id++) {
          expect(shared[id].inspect()).toEqual(alone[id].inspect());
          expect(hosts.shared[id].calls).toEqual(hosts.alone[id].calls);
          for (const type of CAPSULE_TYPES) expect(shared[id].capsule(type)).toBe(alone[id].capsule(type));
        }
        expect(pool.count).toBe(shared.length);
      }),
      { numRuns: 150 },
    );
  });

  it('keep their stacks apart: what one pushes, its neighbour never sees', () => {
    const pool = new VmPool(2);
    const a = new Vm(new RecordingHost(0), { pool });
    const b = new Vm(new RecordingHost(1), { pool });
    b.install(capsule('.capsule clock', 'pushc 5', 'pushc 6', 'sets', 'pushc 1', 'setvar 3'));
    b.fireClock();
    b.run(1e6);
    a.install(capsule('.capsule clock', 'pushc 2', 'halt'));
    a.fireClock();
    a.run(1e6);
    const sa = a.inspect();
    const sb = b.inspect();
    expect(sa.contexts[0].stack.map((o) => o.value)).toEqual([0, 2]);
    expect(sb.contexts[0].stack.map((o) => o.value)).toEqual([0, 5]);
    expect(sa.shared.value).toBe(0);
    expect(sb.shared.value).toBe(6);
    expect(sa.heap[3].value).toBe(0);
    expect(sb.heap[3].value).toBe(1);
  });

  it('answer no capsule for a type that does not exist, not a neighbour\'s', () => {
    const pool = new VmPool(2);
    const first = new Vm(new RecordingHost(0), { pool });
    const second = new Vm(new RecordingHost(1), { pool });
    first.install(capsule('.capsule once', 'halt'));
    expect(second.capsule('nonsense' as CapsuleType)).toBeUndefined();
  });

  it('share one copy of the same code and keep each VM in one block of fixed size', () => {
    const pool = new VmPool(4);
    const code = capsule('.capsule clock', 'pushc 1', 'halt');
    for (let i = 0; i < 3; i++) new Vm(new RecordingHost(i), { pool }).install({ ...code });
    expect(pool.codes.filter((c) => c !== undefined)).toHaveLength(1);
    expect(BLOCK_BYTES % 8).toBe(0);
    expect(pool.u8.length).toBe(4 * BLOCK_BYTES);
  });
});
