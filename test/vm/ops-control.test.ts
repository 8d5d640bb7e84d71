// One test per control instruction (SPEC 7): branch targets are absolute byte offsets; a taken
// branch costs row.taken (9) more; call and ret move between capsules on the return stack.

import { LEAN_CYCLES } from '../../vm/lean-costs.js';
import { describe, expect, it } from 'vitest';
import { afterSteps, capsule, onceContext, stepMore, values } from './helpers.js';

const sub0 = capsule('.capsule sub0', 'pushc 5', 'ret');

describe('control instructions', () => {
  it('jump goes to its target', () => {
    const { once, cycles } = afterSteps(['jump 3', 'pushc 1', 'pushc 2'], 1);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(3);
    expect(cycles).toBe(441);
  });

  it('jumpc jumps on non-zero, paying 9 cycles for the taken branch', () => {
    const program = (flag: number): string[] => [`pushc ${flag}`, 'jumpc 4', 'pushc 9', 'pushc 8'];
    const taken = afterSteps(program(1), 2);
    expect(taken.once.stack).toEqual([]);
    expect(taken.once.pc).toBe(4);
    expect(taken.cycles).toBe(460);
    const fallThrough = afterSteps(program(0), 2);
    expect(fallThrough.once.pc).toBe(3);
    expect(fallThrough.cycles).toBe(451);
  });

  it('blez jumps when the value is zero or negative: 59 + 392 not taken, 68 + 392 taken', () => {
    const program = (value: number): string[] => [`pushw ${value}`, 'blez 5', 'pushc 9', 'pushc 8'];
    const taken = afterSteps(program(0), 2);
    expect(taken.once.stack).toEqual([]);
    expect(taken.once.pc).toBe(5);
    expect(taken.cycles).toBe(460);
    expect(afterSteps(program(-3), 2).once.pc).toBe(5);
    const fallThrough = afterSteps(program(1), 2);
    expect(fallThrough.once.pc).toBe(4);
    expect(fallThrough.cycles).toBe(451);
  });

  it('blez costs its measured lean figures, taken and not taken, in the lean profile', () => {
    expect(afterSteps(['pushc 0', 'blez 3', 'pushc 9', 'pushc 8'], 2, { profile: 'lean' }).cycles).toBe(LEAN_CYCLES['blez taken']);
    expect(afterSteps(['pushc 1', 'blez 3', 'pushc 9', 'pushc 8'], 2, { profile: 'lean' }).cycles).toBe(LEAN_CYCLES['blez not taken']);
  });

  it('blezw takes its target from the next byte', () => {
    const { once, cycles } = afterSteps(['pushc 0', 'blezw 4', 'pushc 9', 'pushc 8'], 2);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(4);
    expect(cycles).toBe(460);
  });

  it('jumps pops its target from the stack', () => {
    const { once, cycles } = afterSteps(['pushc 3', 'jumps', 'pushc 9', 'pushc 8'], 2);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(3);
    expect(cycles).toBe(447);
  });

  it('call runs a subroutine capsule from 0 and remembers where to return', () => {
    const { once, cycles } = afterSteps(['call 0', 'pushc 1'], 1, { others: [sub0] });
    expect(once.capsule).toBe('sub0');
    expect(once.pc).toBe(0);
    expect(once.returnStack).toEqual([{ capsule: 'once', pc: 1 }]);
    expect(cycles).toBe(452);
  });

  it('ret goes back to the caller with the operands the subroutine left', () => {
    const returned = afterSteps(['call 0', 'pushc 1'], 3, { others: [sub0] });
    expect(returned.once.capsule).toBe('once');
    expect(returned.once.pc).toBe(1);
    expect(returned.once.stack).toEqual(values(5));
    expect(returned.once.returnStack).toEqual([]);
    expect(returned.cycles).toBe(447);
    expect(stepMore(returned, 1).once.stack).toEqual(values(5, 1));
  });

  it('ret with an empty return stack ends the context', () => {
    const { once, cycles } = afterSteps(['pushc 1', 'ret', 'pushc 2'], 2);
    expect(once.state).toBe('idle');
    expect(once.stack).toEqual(values(1));
    expect(cycles).toBe(447);
  });

  it('err stops the context with an err trap', () => {
    const { once, host, cycles } = afterSteps(['.name oops', 'pushc 1', 'err'], 2);
    expect(once.state).toBe('idle');
    expect(once.pc).toBe(1);
    expect(host.traps).toEqual([{ t: 0, capsule: 'oops', pc: 1, reason: 'err' }]);
    expect(cycles).toBe(437);
  });

  it('running off the end of a capsule halts the context without a charge', () => {
    const state = afterSteps(['pushc 1'], 1);
    expect(state.vm.ready).toBe(true);
    expect(state.vm.run(1000)).toBe(0);
    expect(state.vm.ready).toBe(false);
    expect(onceContext(state.vm).state).toBe('idle');
  });
});
