// Execution contexts and events (SPEC 7): install rules, the clock stack that persists, restarts,
// Maté's round-robin, split-phase waits and busy retries, reboot, inspection.

import { describe, expect, it } from 'vitest';
import { Vm } from '../../vm/vm.js';
import { capsule, context, message, onceContext, reading, TestHost, values } from './helpers.js';

function fresh(): { vm: Vm; host: TestHost } {
  const host = new TestHost();
  return { vm: new Vm(host), host };
}

describe('contexts and events', () => {
  it('a new clock capsule starts with 0 on the clock stack, which persists between firings', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule clock', 'pushc 1', 'add'));
    expect(context(vm, 'clock').stack).toEqual(values(0));
    vm.fireClock();
    vm.run(1e6);
    vm.fireClock();
    vm.run(1e6);
    expect(context(vm, 'clock').stack).toEqual(values(2));
    vm.install(capsule('.capsule clock', '.version 2', 'pushc 1', 'add'));
    expect(context(vm, 'clock').stack).toEqual(values(0));
  });

  it('installing a clock capsule restores the 1 s clock', () => {
    const { vm, host } = fresh();
    vm.install(capsule('.capsule clock', 'halt'));
    expect(host.clockPeriods).toEqual([1_000_000_000]);
  });

  it('a clock firing while the clock context still runs restarts it at instruction 0', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule clock', 'pushc 1', 'pushc 2', 'pushc 3'));
    vm.fireClock();
    vm.step();
    vm.step();
    expect(context(vm, 'clock').pc).toBe(2);
    vm.fireClock();
    expect(context(vm, 'clock').pc).toBe(0);
    expect(context(vm, 'clock').stack).toEqual(values(0, 1, 2));
  });

  it('a clock firing with no clock capsule runs nothing', () => {
    const { vm } = fresh();
    vm.fireClock();
    expect(vm.ready).toBe(false);
  });

  it('a once capsule runs as soon as it is installed', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule once', 'pushc 1'));
    expect(onceContext(vm).state).toBe('running');
    expect(vm.ready).toBe(true);
  });

  it('installing a capsule halts the contexts running it or calling it, and no others', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule sub1', 'pushc 1', 'sense', 'ret'));
    vm.install(capsule('.capsule clock', 'call 1', 'halt'));
    vm.install(capsule('.capsule once', 'pushc 2', 'sense'));
    vm.fireClock();
    vm.run(1e6);
    expect(context(vm, 'clock').state).toBe('waiting');
    expect(context(vm, 'clock').returnStack).toEqual([{ capsule: 'clock', pc: 1 }]);
    vm.install(capsule('.capsule sub1', '.version 2', 'ret'));
    expect(context(vm, 'clock').state).toBe('idle');
    expect(onceContext(vm).state).toBe('waiting');
  });

  it('capsule() returns the installed capsule of a type', () => {
    const { vm } = fresh();
    const sub = capsule('.capsule sub3', '.version 9', 'ret');
    vm.install(sub);
    expect(vm.capsule('sub3')).toBe(sub);
    expect(vm.capsule('sub2')).toBeUndefined();
  });

  it('a delivered message starts the receive context with the payload in its buffer', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule receive', 'pushm', 'getms 1'));
    vm.deliver(Uint8Array.from([1, 0, 0x34, 0x12]), 4, 3);
    vm.run(1e6);
    expect(context(vm, 'receive').stack).toEqual(values(0x1234));
    expect(context(vm, 'receive').message).toEqual([1, 0, 0x34, 0x12]);
  });

  it('a message arriving while the receive context is busy is dropped from its buffer but movm sees it', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule receive', 'pushc 1', 'sense', 'movm'));
    vm.deliver(Uint8Array.from([1]), 1, 3);
    vm.run(1e6);
    vm.deliver(Uint8Array.from([2, 2]), 2, 4);
    expect(context(vm, 'receive').message).toEqual([1]);
    vm.senseDone('receive', 5);
    vm.run(1e6);
    expect(context(vm, 'receive').message).toEqual([2, 2]);
    expect(context(vm, 'receive').stack).toEqual([reading(1, 5), message(2)]);
  });

  it('a delivered payload is clamped to 29 bytes and to its array', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule receive', 'halt'));
    vm.deliver(new Uint8Array(40).fill(9), 40, 1);
    expect(context(vm, 'receive').message).toHaveLength(29);
    vm.run(1e6);
    vm.deliver(Uint8Array.from([5]), 10, 1);
    expect(context(vm, 'receive').message).toEqual([5]);
  });

  it('a routed message to forward starts the send context with it in its buffer', () => {
    const { vm, host } = fresh();
    vm.install(capsule('.capsule send', 'pushm', 'send'));
    vm.forwardRouted(Uint8Array.from([4, 5, 6]), 3, 2);
    vm.run(1e6);
    expect(host.sends).toEqual([{ context: 'send', dest: 0, bytes: [4, 5, 6], routed: true }]);
    expect(context(vm, 'send').state).toBe('waiting');
  });

  it('ready contexts take turns one instruction at a time, as in Maté', () => {
    const host = new TestHost();
    const order: string[] = [];
    const vm = new Vm(host, { trace: (line) => order.push(line.slice(0, 5).trim()) });
    vm.install(capsule('.capsule clock', 'pushc 1', 'pushc 1', 'pushc 1'));
    vm.install(capsule('.capsule once', 'pushc 2', 'pushc 2'));
    vm.fireClock();
    vm.run(1e6);
    expect(order).toEqual(['clock', 'once', 'clock', 'once', 'clock']);
  });

  it('a context refused by a busy resource blocks, is charged each try, and retries on the next run()', () => {
    const { vm, host } = fresh();
    vm.install(capsule('.capsule once', 'pushc 1', 'sense'));
    host.busy = true;
    expect(vm.run(1e6)).toBe(459 + 946);
    expect(onceContext(vm).state).toBe('blocked');
    expect(onceContext(vm).pc).toBe(1);
    expect(onceContext(vm).stack).toEqual(values(1));
    expect(vm.ready).toBe(true);
    expect(vm.run(1e6)).toBe(946);
    host.busy = false;
    expect(vm.run(1e6)).toBe(946);
    expect(onceContext(vm).state).toBe('waiting');
    expect(host.senses).toEqual([{ context: 'once', sensor: 1 }]);
  });

  it('completions for a context that is not waiting for them are ignored', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule once', 'pushc 1', 'sense'));
    vm.senseDone('once', 3);
    vm.sendDone('once');
    expect(onceContext(vm).stack).toEqual([]);
    vm.run(1e6);
    vm.sendDone('once');
    expect(onceContext(vm).state).toBe('waiting');
  });

  it('run() stops once the budget is spent, overshooting by at most one instruction', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule once', 'loop:', 'pushc 1', 'pop', 'jump loop'));
    expect(vm.run(1000)).toBe(459 + 435 + 441);
    expect(vm.cycles).toBe(1335);
    expect(vm.instructions).toBe(3);
    expect(vm.ready).toBe(true);
  });

  it('run() from inside a host callback does nothing', () => {
    const host = new TestHost();
    const vm = new Vm(host);
    const nested: number[] = [];
    host.setLeds = (): void => {
      nested.push(vm.run(1e6));
    };
    vm.install(capsule('.capsule once', 'pushc 1', 'putled', 'pushc 2'));
    vm.run(1e6);
    expect(nested).toEqual([0]);
    expect(onceContext(vm).stack).toEqual(values(2));
  });

  it('reboot loses the RAM: contexts, stacks, heap, shared variable and capsules', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule clock', 'pushc 5', 'sets', 'pushc 6', 'setvar 2', 'pushc 1'));
    vm.fireClock();
    vm.run(2000);
    vm.reboot();
    const after = vm.inspect();
    expect(vm.capsule('clock')).toBeUndefined();
    expect(vm.ready).toBe(false);
    expect(after.contexts.every((c) => c.state === 'idle' && c.stack.length === 0)).toBe(true);
    expect(after.heap.every((o) => o.value === 0)).toBe(true);
    expect(after.shared).toEqual({ type: 'value', value: 0 });
    vm.fireClock();
    expect(vm.ready).toBe(false);
  });

  it('inspect() gives a plain snapshot of every context, the heap and the shared variable', () => {
    const { vm } = fresh();
    vm.install(capsule('.capsule once', 'pushc 1', 'pushm'));
    vm.run(459);
    const snapshot = vm.inspect();
    expect(snapshot.contexts.map((c) => c.name)).toEqual(['clock', 'send', 'receive', 'once']);
    expect(snapshot.contexts[3]).toEqual({
      name: 'once', state: 'running', pc: 1, capsule: 'once', stack: values(1), returnStack: [], message: [],
    });
    expect(snapshot.heap).toHaveLength(16);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
