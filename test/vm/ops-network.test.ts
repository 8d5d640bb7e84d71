// One test per instruction added for the lecture's distributed algorithms (issue 6): the source of
// a message, the neighbour table, the serial port and the indexed heap. Mate profile costs.

import { describe, expect, it } from 'vitest';
import { Vm } from '../../vm/vm.js';
import type { VmHost } from '../../vm/host.js';
import { afterSteps, capsule, stepMore, values, type Stepped } from './helpers.js';

/** The once capsule `lines` on a host whose neighbour table is [outgoing, incoming]. */
function withTable(lines: string[], steps: number, table: number[][] = [[2, 5, 9], [5]]): Stepped {
  const state = afterSteps(lines, 0);
  state.host.table = table;
  return stepMore(state, steps);
}

describe('network, serial and indexed heap instructions', () => {
  it('msrc pushes the source address of the last message delivered', () => {
    const state = afterSteps(['msrc'], 0);
    state.vm.deliver(Uint8Array.from([1, 0]), 2, 42);
    const { once, cycles } = stepMore(state, 1);
    expect(once.stack).toEqual(values(42));
    expect(once.pc).toBe(1);
    expect(cycles).toBe(459);
  });

  it('msrc pushes 0 before any message has arrived', () => {
    expect(afterSteps(['msrc'], 1).once.stack).toEqual(values(0));
  });

  it('nbrs pops a direction and pushes how many neighbours it has', () => {
    const { once, cycles } = withTable(['pushc 0', 'nbrs', 'pushc 1', 'nbrs', 'pushc 2', 'nbrs'], 6);
    expect(once.stack).toEqual(values(3, 1, 0));
    expect(once.pc).toBe(6);
    expect(cycles).toBe(463);
  });

  it('nbrs counts nobody on a host without a neighbour table', () => {
    const bare: VmHost = {
      moteId: 1,
      now: () => 0,
      random16: () => 0,
      setLeds: () => {},
      startSense: () => true,
      startSend: () => true,
      startForward: () => true,
      setClockPeriod: () => {},
      trap: () => {},
    };
    const vm = new Vm(bare);
    vm.install(capsule('.capsule once', 'pushc 0', 'nbrs', 'setvar 0', 'pushc 0', 'pushc 0', 'nbr', 'setvar 1'));
    vm.run(1e6);
    expect(vm.inspect().heap.slice(0, 2).map((o) => o.value)).toEqual([0, -1]);
  });

  it('nbr pops a direction and an index and pushes that neighbour, -1 past the end', () => {
    const program = ['pushc 1', 'pushc 0', 'nbr', 'pushc 0', 'pushc 1', 'nbr', 'pushc 3', 'pushc 0', 'nbr'];
    const { once, cycles } = withTable(program, 9);
    expect(once.stack).toEqual(values(5, 5, -1));
    expect(once.pc).toBe(9);
    expect(cycles).toBe(469);
  });

  it('nbr gives -1 for a negative index', () => {
    expect(withTable(['pushw -1', 'pushc 0', 'nbr'], 3).once.stack).toEqual(values(-1));
  });

  it("nbri pops a direction and an id and pushes the id's index, -1 when it is no neighbour", () => {
    const { once, cycles } = withTable(['pushc 9', 'pushc 0', 'nbri', 'pushc 2', 'pushc 1', 'nbri'], 6);
    expect(once.stack).toEqual(values(2, -1));
    expect(once.pc).toBe(6);
    expect(cycles).toBe(589);
  });

  it('nbri matches ids as 16-bit values', () => {
    expect(withTable(['pushw 0xffff', 'pushc 0', 'nbri'], 3, [[1, 0xffff], []]).once.stack).toEqual(values(1));
  });

  it('uart pops a message and writes it to the serial port without waiting', () => {
    const { host, once, cycles } = afterSteps(['pushm', 'pushc 7', 'add', 'uart', 'pushc 1'], 4);
    expect(host.serial).toEqual([{ context: 'once', bytes: [7, 0] }]);
    expect(once.state).toBe('running');
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(4);
    expect(cycles).toBe(512);
  });

  it('uart on a value traps type error', () => {
    const { host } = afterSteps(['pushc 1', 'uart'], 2);
    expect(host.traps.map((t) => t.reason)).toEqual(['type error']);
    expect(host.serial).toEqual([]);
  });

  it('getvi pops an index and pushes that heap word', () => {
    const { once, cycles } = afterSteps(['pushc 9', 'setvar 12', 'pushc 12', 'getvi'], 4);
    expect(once.stack).toEqual(values(9));
    expect(once.pc).toBe(4);
    expect(cycles).toBe(467);
  });

  it('getvi traps bad heap index outside 0-15 and leaves the stack alone', () => {
    const { host, once } = afterSteps(['pushc 16', 'getvi'], 2);
    expect(host.traps.map((t) => [t.pc, t.reason])).toEqual([[1, 'bad heap index']]);
    expect(once.stack).toEqual(values(16));
    expect(afterSteps(['pushw -1', 'getvi'], 2).host.traps.map((t) => t.reason)).toEqual(['bad heap index']);
  });

  it('setvi pops an index and a value and stores the value there', () => {
    const { vm, once, cycles } = afterSteps(['pushc 33', 'pushc 15', 'setvi'], 3);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(3);
    expect(cycles).toBe(468);
    expect(vm.inspect().heap[15]).toEqual({ type: 'value', value: 33 });
  });

  it('setvi keeps a reading a reading, and traps bad heap index outside 0-15', () => {
    const stored = afterSteps(['pushc 1', 'sense', 'pushc 4', 'setvi'], 2);
    stored.vm.senseDone('once', 512);
    expect(stepMore(stored, 2).vm.inspect().heap[4]).toEqual({ type: 'reading', value: 512, sensor: 1 });
    const { host, once } = afterSteps(['pushc 1', 'pushc 16', 'setvi'], 3);
    expect(host.traps.map((t) => t.reason)).toEqual(['bad heap index']);
    expect(once.stack).toEqual(values(1, 16));
  });

  it('setvi refuses to store a message in the heap', () => {
    const { host } = afterSteps(['pushm', 'pushc 2', 'setvi'], 3);
    expect(host.traps.map((t) => t.reason)).toEqual(['type error']);
    expect(host.traps.map((t) => t.pc)).toEqual([2]);
  });
});
