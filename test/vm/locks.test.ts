// Handlers that use shared state run atomically with respect to it (ASVM's concurrency management,
// vm/shared-use.ts): a context whose capsule touches the heap or shared variable does not start while
// another such context is mid-run; it waits and starts when that one ends.

import { describe, expect, it } from 'vitest';
import { sharedUsers } from '../../vm/shared-use.js';
import { CAPSULE_TYPES } from '../../vm/capsule.js';
import { Vm } from '../../vm/vm.js';
import { capsule, context, TestHost } from './helpers.js';

function fresh(): Vm {
  return new Vm(new TestHost());
}

const heap0 = (vm: Vm): number => vm.inspect().heap[0].value;

/** Reads heap word 0, waits on a sensor, then writes the word read plus 1. */
const slowIncrement = capsule('.capsule receive', 'getvar 0', 'pushc 1', 'sense', 'pop', 'pushc 1', 'add', 'setvar 0', 'halt');
/** Adds 10 to heap word 0. */
const addTen = capsule('.capsule clock', 'getvar 0', 'pushc 10', 'add', 'setvar 0', 'halt');

describe('locks on shared state', () => {
  it('a clock firing inside a receive handler that uses the heap waits for it to end, so no update is lost', () => {
    const vm = fresh();
    vm.install(slowIncrement);
    vm.install(addTen);
    vm.deliver(Uint8Array.of(1), 1, 2);
    vm.run(1e6); // the receive handler waits on its sensor, holding the lock
    vm.fireClock();
    vm.run(1e6);
    expect(heap0(vm)).toBe(0); // the clock handler has not started
    expect(context(vm, 'clock').state).toBe('idle');
    vm.senseDone('receive', 7);
    vm.run(1e6);
    expect(heap0(vm)).toBe(11); // 0 + 1, then + 10
    expect(context(vm, 'receive').state).toBe('idle');
    expect(context(vm, 'clock').state).toBe('idle');
  });

  it('a handler that touches no shared state runs inside one that holds the lock', () => {
    const vm = fresh();
    vm.install(slowIncrement);
    vm.install(capsule('.capsule clock', 'pushc 3', 'putled', 'halt'));
    vm.deliver(Uint8Array.of(1), 1, 2);
    vm.run(1e6);
    vm.fireClock();
    vm.run(1e6);
    expect(vm.inspect().leds).toBe(3);
    expect(context(vm, 'receive').state).toBe('waiting');
  });

  it('a receive context waiting for the lock is not idle: a second message does not replace the first in its buffer', () => {
    const vm = fresh();
    vm.install(capsule('.capsule clock', 'gets', 'pushc 1', 'sense', 'pop', 'sets', 'halt'));
    vm.install(capsule('.capsule receive', 'pushm', 'getmb 0', 'setvar 1', 'halt'));
    vm.fireClock();
    vm.run(1e6); // the clock handler waits on its sensor, holding the lock
    vm.deliver(Uint8Array.of(5), 1, 2);
    expect(vm.receiveIdle).toBe(false);
    vm.deliver(Uint8Array.of(9), 1, 3);
    vm.senseDone('clock', 1);
    vm.run(1e6);
    expect(vm.inspect().heap[1].value).toBe(5);
    expect(vm.receiveIdle).toBe(true);
  });

  it('finds shared state used through a called subroutine, and none in a handler without it', () => {
    const codes = new Array<Uint8Array | undefined>(CAPSULE_TYPES.length).fill(undefined);
    const at = (t: string): number => (CAPSULE_TYPES as readonly string[]).indexOf(t);
    codes[at('sub1')] = capsule('.capsule sub1', 'pushc 2', 'setvar 3', 'ret').code;
    codes[at('sub0')] = capsule('.capsule sub0', 'call 1', 'ret').code;
    codes[at('receive')] = capsule('.capsule receive', 'call 0', 'halt').code;
    codes[at('clock')] = capsule('.capsule clock', 'pushc 1', 'putled', 'halt').code;
    const users = sharedUsers(codes);
    for (const t of ['sub1', 'sub0', 'receive']) expect((users >> at(t)) & 1).toBe(1);
    expect((users >> at('clock')) & 1).toBe(0);
  });
});
