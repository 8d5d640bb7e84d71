// One test per arithmetic, comparison and logic instruction (SPEC 7): stack, pc and cycles after
// the instruction. Values are 16-bit signed and wrap; readings act as values except in `add`.

import { describe, expect, it } from 'vitest';
import { afterSteps, reading, stepMore, values } from './helpers.js';

/** `a` and `b` pushed (pushw, 3 bytes each), then the instruction at pc 6. */
function binary(a: number, b: number, op: string): ReturnType<typeof afterSteps> {
  return afterSteps([`pushw ${a}`, `pushw ${b}`, op], 3);
}

function unary(a: number, op: string): ReturnType<typeof afterSteps> {
  return afterSteps([`pushw ${a}`, op], 2);
}

describe('arithmetic and logic instructions', () => {
  it('and is bitwise and at the 469 cycles Maté reported', () => {
    const { once, cycles } = binary(12, 10, 'and');
    expect(once.stack).toEqual(values(8));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(469);
  });

  it('or is bitwise or', () => {
    const { once, cycles } = binary(12, 10, 'or');
    expect(once.stack).toEqual(values(14));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(469);
  });

  it('not is bitwise not', () => {
    const { once, cycles } = unary(5, 'not');
    expect(once.stack).toEqual(values(-6));
    expect(once.pc).toBe(4);
    expect(cycles).toBe(463);
  });

  it('shiftr shifts arithmetically, filling with the sign', () => {
    const { once, cycles } = binary(-64, 2, 'shiftr');
    expect(once.stack).toEqual(values(-16));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(477);
    expect(binary(-64, 40, 'shiftr').once.stack).toEqual(values(-1));
  });

  it('shiftl shifts left, wrapping to 16 bits', () => {
    const { once, cycles } = binary(3, 4, 'shiftl');
    expect(once.stack).toEqual(values(48));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(477);
    expect(binary(0x4001, 1, 'shiftl').once.stack).toEqual(values(-32766));
    expect(binary(1, 16, 'shiftl').once.stack).toEqual(values(0));
  });

  it('add sums two values and wraps at 16 bits', () => {
    const { once, cycles } = binary(3, 4, 'add');
    expect(once.stack).toEqual(values(7));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(469);
    expect(binary(32767, 1, 'add').once.stack).toEqual(values(-32768));
  });

  it('add adjusts a reading by a value in either order and keeps its sensor', () => {
    const sensed = afterSteps(['pushc 3', 'sense', 'pushc 10', 'add', 'pushc 3', 'sense', 'pushw -100', 'swap', 'add'], 2);
    sensed.vm.senseDone('once', 500);
    const first = stepMore(sensed, 2);
    expect(first.once.stack).toEqual([reading(3, 510)]);
    expect(first.cycles).toBe(469);
    const second = stepMore(first, 2);
    second.vm.senseDone('once', 40);
    const third = stepMore(second, 3);
    expect(third.once.stack).toEqual([reading(3, 510), reading(3, -60)]);
    expect(third.once.pc).toBe(11);
  });

  it('sub subtracts the top from the one below', () => {
    const { once, cycles } = binary(3, 5, 'sub');
    expect(once.stack).toEqual(values(-2));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(469);
  });

  it('inv negates', () => {
    const { once, cycles } = unary(5, 'inv');
    expect(once.stack).toEqual(values(-5));
    expect(once.pc).toBe(4);
    expect(cycles).toBe(463);
  });

  it('eq pushes 1 for equal operands', () => {
    const { once, cycles } = binary(-4, -4, 'eq');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(476);
    expect(binary(4, -4, 'eq').once.stack).toEqual(values(0));
  });

  it('neq pushes 1 for different operands', () => {
    const { once, cycles } = binary(4, -4, 'neq');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(476);
  });

  it('lt compares signed values, the lower operand first', () => {
    const { once, cycles } = binary(-5, 3, 'lt');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(472);
    expect(binary(3, 3, 'lt').once.stack).toEqual(values(0));
  });

  it('gt compares signed values', () => {
    const { once, cycles } = binary(3, -5, 'gt');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(472);
  });

  it('lte includes equality', () => {
    const { once, cycles } = binary(3, 3, 'lte');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(472);
    expect(binary(4, 3, 'lte').once.stack).toEqual(values(0));
  });

  it('gte includes equality', () => {
    const { once, cycles } = binary(3, 3, 'gte');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(472);
    expect(binary(2, 3, 'gte').once.stack).toEqual(values(0));
  });

  it("mod is C's remainder, its sign following the dividend", () => {
    const { once, cycles } = binary(-7, 3, 'mod');
    expect(once.stack).toEqual(values(-1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(682);
  });

  it('div truncates toward zero and wraps -32768 / -1', () => {
    const { once, cycles } = binary(-7, 2, 'div');
    expect(once.stack).toEqual(values(-3));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(682);
    expect(binary(-32768, -1, 'div').once.stack).toEqual(values(-32768));
  });

  it('mul multiplies, wrapping to 16 bits', () => {
    const { once, cycles } = binary(300, 300, 'mul');
    expect(once.stack).toEqual(values(90000 - 65536));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(482);
  });

  it('abs takes the absolute value', () => {
    const { once, cycles } = unary(-9, 'abs');
    expect(once.stack).toEqual(values(9));
    expect(once.pc).toBe(4);
    expect(cycles).toBe(467);
  });

  it('land is 1 when both operands are non-zero', () => {
    const { once, cycles } = binary(2, 3, 'land');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(476);
    expect(binary(2, 0, 'land').once.stack).toEqual(values(0));
  });

  it('lor is 1 when either operand is non-zero', () => {
    const { once, cycles } = binary(0, 5, 'lor');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(7);
    expect(cycles).toBe(476);
    expect(binary(0, 0, 'lor').once.stack).toEqual(values(0));
  });

  it('lnot is 1 for zero and 0 otherwise', () => {
    const { once, cycles } = unary(0, 'lnot');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(4);
    expect(cycles).toBe(467);
    expect(unary(-3, 'lnot').once.stack).toEqual(values(0));
  });

  it('cast turns a sensor reading into a plain value', () => {
    const sensed = afterSteps(['pushc 1', 'sense', 'cast'], 2);
    sensed.vm.senseDone('once', 300);
    const { once, cycles } = stepMore(sensed, 1);
    expect(once.stack).toEqual(values(300));
    expect(once.pc).toBe(3);
    expect(cycles).toBe(463);
  });

  it('comparisons and arithmetic other than add see a reading as its value', () => {
    const sensed = afterSteps(['pushc 1', 'sense', 'pushc 1', 'sub', 'pushc 1', 'sense', 'lt'], 2);
    sensed.vm.senseDone('once', 300);
    const after = stepMore(sensed, 4);
    after.vm.senseDone('once', 301);
    expect(after.once.stack).toEqual(values(299));
    const { once } = stepMore(after, 1);
    expect(once.stack).toEqual(values(1));
  });
});
