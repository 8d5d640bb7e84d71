// Faults (SPEC 7): the faulting context stops, the host gets a trap record with the capsule, pc
// and reason, and the error LEDs light; nothing is thrown.

import { describe, expect, it } from 'vitest';
import type { TrapReason } from '../../vm/host.js';
import { DECODE } from '../../vm/opcodes.js';
import { ERROR_LEDS, Vm } from '../../vm/vm.js';
import { capsule, onceContext, TestHost } from './helpers.js';

/** Run a `.noverify` once capsule named `bad` to completion at host time 5000 ns. */
function trapOf(lines: string[], others: string[][] = []): { host: TestHost; vm: Vm } {
  const host = new TestHost();
  host.time = 5000;
  const vm = new Vm(host);
  for (const other of others) vm.install(capsule('.noverify', ...other));
  vm.install(capsule('.capsule once', '.name bad', '.noverify', ...lines));
  vm.run(1e7);
  return { host, vm };
}

function expectTrap(lines: string[], pc: number, reason: TrapReason, others: string[][] = [], name = 'bad'): void {
  const { host, vm } = trapOf(lines, others);
  expect(host.traps).toEqual([{ t: 5000, capsule: name, pc, reason }]);
  expect(onceContext(vm).state).toBe('idle');
}

const notAnOpcode = DECODE.findIndex((row) => row < 0);

describe('traps', () => {
  it('a 17th operand traps stack overflow at the push that does not fit', () => {
    expectTrap(Array.from({ length: 17 }, () => 'pushc 1'), 16, 'stack overflow');
  });

  it('an operation on too few operands traps stack underflow', () => {
    expectTrap(['pushc 1', 'add'], 1, 'stack underflow');
  });

  it('a ninth nested call traps return stack overflow in the subroutine', () => {
    expectTrap(['call 0'], 0, 'return stack overflow', [['.capsule sub0', '.name deep', 'call 0']], 'deep');
  });

  it('a byte that is no opcode traps bad opcode', () => {
    expect(notAnOpcode).toBeGreaterThan(0);
    expectTrap(['pushc 1', `.byte ${notAnOpcode}`], 1, 'bad opcode');
  });

  it('an instruction whose operand bytes are cut off traps bad opcode', () => {
    expectTrap(['pushc 1', '.byte 0x31'], 1, 'bad opcode');
  });

  it('a jump into the middle of an instruction traps bad jump', () => {
    expectTrap(['pushc 0', 'jump 2'], 1, 'bad jump');
  });

  it('a jump outside the capsule traps bad jump, from a static or a popped target', () => {
    expectTrap(['pushc 0', 'blez 40'], 1, 'bad jump');
    expectTrap(['pushc 3', 'jumps', 'halt'], 1, 'bad jump');
    expectTrap(['pushw -1', 'jumps'], 3, 'bad jump');
  });

  it('arithmetic on a message traps type error', () => {
    expectTrap(['pushm', 'pushc 1', 'sub'], 2, 'type error');
  });

  it('adding two messages traps type error', () => {
    expectTrap(['pushm', 'pushm', 'add'], 2, 'type error');
  });

  it('sending a value traps type error', () => {
    expectTrap(['pushc 1', 'send'], 1, 'type error');
  });

  it('div and mod by zero trap division by zero', () => {
    expectTrap(['pushc 1', 'pushc 0', 'div'], 2, 'division by zero');
    expectTrap(['pushc 1', 'pushc 0', 'mod'], 2, 'division by zero');
  });

  it('reading a field past the end of the message traps bad message field', () => {
    expectTrap(['pushm', 'getms 0'], 1, 'bad message field');
  });

  it('appending to a full 29-byte message traps bad message field', () => {
    // 14 words fill 28 bytes; a 15th needs 30.
    const appends = Array.from({ length: 15 }, () => ['pushc 1', 'add']).flat();
    expectTrap(['pushm', ...appends], 1 + 14 * 2 + 1, 'bad message field');
  });

  it('calling a missing subroutine traps no such capsule', () => {
    expectTrap(['call 2'], 0, 'no such capsule');
  });

  it('forwarding a missing capsule traps no such capsule', () => {
    expectTrap(['pushc 3', 'forwo'], 1, 'no such capsule');
    expectTrap(['pushc 9', 'forwo'], 1, 'no such capsule');
  });

  it('a sensor id that a reading cannot carry traps bad sensor', () => {
    expectTrap(['pushw 300', 'sense'], 3, 'bad sensor');
    expectTrap(['pushw -1', 'sense'], 3, 'bad sensor');
  });

  it('err traps err', () => {
    expectTrap(['err'], 0, 'err');
  });

  it('a faulting instruction leaves the stack as it found it', () => {
    const { vm } = trapOf(['pushc 7', 'pushc 0', 'div']);
    expect(onceContext(vm).stack.map((o) => o.value)).toEqual([7, 0]);
  });

  it('a fault lights the error LEDs, which blink on each clock firing until new code arrives', () => {
    const { host, vm } = trapOf(['err']);
    expect(host.leds).toEqual([ERROR_LEDS]);
    vm.fireClock();
    vm.fireClock();
    expect(host.leds).toEqual([ERROR_LEDS, 0, ERROR_LEDS]);
    vm.install(capsule('.capsule clock', 'halt'));
    vm.fireClock();
    expect(host.leds).toEqual([ERROR_LEDS, 0, ERROR_LEDS, 0]);
  });

  it('a fault stops only the faulting context', () => {
    const host = new TestHost();
    const vm = new Vm(host);
    vm.install(capsule('.capsule clock', 'pushc 1', 'pushc 2', 'pushc 3', 'halt'));
    vm.fireClock();
    vm.install(capsule('.capsule once', '.noverify', 'add'));
    vm.run(1e6);
    expect(host.traps.map((t) => t.reason)).toEqual(['stack underflow']);
    expect(vm.inspect().contexts[0].stack.map((o) => o.value)).toEqual([0, 1, 2, 3]);
  });

  it('a faulting clock context starts over with the stack its install left: the same trap each firing, no pile-up', () => {
    const host = new TestHost();
    const vm = new Vm(host);
    vm.install(capsule('.capsule clock', '.noverify', 'pushc 7', 'pushc 0', 'div', 'putled', 'halt'));
    for (let firing = 0; firing < 12; firing++) {
      vm.fireClock();
      vm.run(1e6);
      expect(vm.inspect().contexts[0].stack.map((o) => o.value)).toEqual([0]);
    }
    // Without the restart, each firing would leave 7 and 0 behind: a stack overflow by the eighth.
    expect(host.traps.map((t) => `${t.pc} ${t.reason}`)).toEqual(Array(12).fill('2 division by zero'));
  });
});
