// One test per stack, constant and shared-state instruction (SPEC 7): stack, pc and cycles after
// the instruction, mate profile (opcodes.ts: lean + 392, or Maté's own figure).

import { describe, expect, it } from 'vitest';
import { afterSteps, onceContext, values } from './helpers.js';

describe('stack and constant instructions', () => {
  it('halt ends the context and leaves its stack and pc in place', () => {
    const { once, cycles } = afterSteps(['pushc 1', 'halt', 'pushc 2'], 2);
    expect(once.state).toBe('idle');
    expect(once.stack).toEqual(values(1));
    expect(once.pc).toBe(1);
    expect(cycles).toBe(432);
  });

  it('reset empties the operand stack', () => {
    const { once, cycles } = afterSteps(['pushc 1', 'pushc 2', 'reset'], 3);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(3);
    expect(cycles).toBe(437);
  });

  it('copy duplicates the top operand', () => {
    const { once, cycles } = afterSteps(['pushc 5', 'copy'], 2);
    expect(once.stack).toEqual(values(5, 5));
    expect(once.pc).toBe(2);
    expect(cycles).toBe(465);
  });

  it('pop drops the top operand', () => {
    const { once, cycles } = afterSteps(['pushc 5', 'pushc 6', 'pop'], 3);
    expect(once.stack).toEqual(values(5));
    expect(once.pc).toBe(3);
    expect(cycles).toBe(435);
  });

  it('swap exchanges the top two operands', () => {
    const { once, cycles } = afterSteps(['pushc 1', 'pushc 2', 'swap'], 3);
    expect(once.stack).toEqual(values(2, 1));
    expect(once.pc).toBe(3);
    expect(cycles).toBe(477);
  });

  it('depth pushes how many operands the stack holds', () => {
    const { once, cycles } = afterSteps(['pushc 1', 'pushc 1', 'depth'], 3);
    expect(once.stack).toEqual(values(1, 1, 2));
    expect(once.pc).toBe(3);
    expect(cycles).toBe(457);
  });

  it('pushc pushes its embedded 6-bit constant', () => {
    const { once, cycles } = afterSteps(['pushc 63'], 1);
    expect(once.stack).toEqual(values(63));
    expect(once.pc).toBe(1);
    expect(cycles).toBe(459);
  });

  it('pushb pushes an unsigned byte from the next byte', () => {
    const { once, cycles } = afterSteps(['pushb 200'], 1);
    expect(once.stack).toEqual(values(200));
    expect(once.pc).toBe(2);
    expect(cycles).toBe(462);
  });

  it('pushw pushes a 16-bit word, and 65535 arrives as -1', () => {
    const { once, cycles } = afterSteps(['pushw -1234', 'pushw 65535'], 2);
    expect(once.stack).toEqual(values(-1234, -1));
    expect(once.pc).toBe(6);
    expect(cycles).toBe(467);
  });

  it('setvar pops into a heap word', () => {
    const { vm, once, cycles } = afterSteps(['pushc 9', 'setvar 3'], 2);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(2);
    expect(cycles).toBe(464);
    expect(vm.inspect().heap[3]).toEqual({ type: 'value', value: 9 });
  });

  it('getvar pushes a heap word', () => {
    const { once, cycles } = afterSteps(['pushc 9', 'setvar 15', 'getvar 15'], 3);
    expect(once.stack).toEqual(values(9));
    expect(once.pc).toBe(3);
    expect(cycles).toBe(463);
  });

  it('sets pops into the shared variable', () => {
    const { vm, once, cycles } = afterSteps(['pushc 11', 'sets'], 2);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(2);
    expect(cycles).toBe(464);
    expect(vm.inspect().shared).toEqual({ type: 'value', value: 11 });
  });

  it('gets pushes the shared variable', () => {
    const { once, cycles } = afterSteps(['pushc 11', 'sets', 'gets'], 3);
    expect(once.stack).toEqual(values(11));
    expect(once.pc).toBe(3);
    expect(cycles).toBe(463);
  });

  it("id pushes the mote's id", () => {
    const { once, cycles } = afterSteps(['id'], 1);
    expect(once.stack).toEqual(values(7));
    expect(once.pc).toBe(1);
    expect(cycles).toBe(459);
  });

  it("rand pushes the host's next 16-bit random number as a signed value", () => {
    const { vm, host } = afterSteps(['rand'], 0);
    host.randoms = [0xbeef];
    const cycles = vm.step();
    const once = onceContext(vm);
    expect(once.stack).toEqual(values(0xbeef - 0x10000));
    expect(once.pc).toBe(1);
    expect(cycles).toBe(435);
  });
});
