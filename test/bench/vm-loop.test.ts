// The CPU-bound capsules the speed benchmarks time: they loop forever and are charged table costs.

import { describe, expect, it } from 'vitest';
import { COUNT_LOOP, loopVm, SPIN_LOOP } from '../../bench/vm-loop.js';
import { opcodeByName } from '../../vm/opcodes.js';
import { LEAN_CYCLES } from '../../vm/lean-costs.js';

const lean = (name: string): number => opcodeByName(name)?.lean ?? Number.NaN;
const mate = (name: string): number => opcodeByName(name)?.mate ?? Number.NaN;
const TAKEN = opcodeByName('blez')?.taken ?? Number.NaN;
const LEAN_TAKEN = opcodeByName('blez')?.leanTaken ?? Number.NaN;

describe('the spin loop', () => {
  it('charges pushc then a taken blez on every turn (lean: the firmware`s pushc + blez taken)', () => {
    const loop = loopVm(SPIN_LOOP, 'lean');
    const turn = lean('pushc') + lean('blez') + LEAN_TAKEN;
    expect(turn).toBe(LEAN_CYCLES.pushc + LEAN_CYCLES['blez taken']);
    const { cycles, bytecodes } = loop.run(100 * turn);
    expect(bytecodes).toBe(200);
    expect(cycles).toBe(100 * turn);
  });
});

describe('the count loop', () => {
  it('counts in heap word 0 and charges six bytecodes a turn (mate profile)', () => {
    const loop = loopVm(COUNT_LOOP, 'mate');
    const turn = ['getvar', 'pushc', 'add', 'setvar', 'pushc', 'blez'].reduce((sum, n) => sum + mate(n), TAKEN);
    const { cycles, bytecodes } = loop.run(50 * turn);
    expect(bytecodes).toBe(300);
    expect(cycles).toBe(50 * turn);
    expect(loop.vm.inspect().heap[0].value).toBe(50);
  });
});

describe('a loop that stops', () => {
  it('is reported instead of timed', () => {
    const loop = loopVm('pushc 1\nblez 0\n', 'lean');
    expect(() => loop.run(1000)).toThrow(/benchmark loop stopped/);
  });
});
