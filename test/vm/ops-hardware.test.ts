// One test per hardware instruction (SPEC 7): LEDs, the split-phase sensor, the clock rate.

import { describe, expect, it } from 'vitest';
import { afterSteps, reading, stepMore } from './helpers.js';

describe('hardware instructions', () => {
  it('putled with 7 sets all three LEDs', () => {
    const { host, once, cycles } = afterSteps(['pushc 7', 'putled'], 2);
    expect(host.leds).toEqual([7]);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(2);
    expect(cycles).toBe(445);
  });

  it("putled's bits 3-4 choose set, off, on and toggle", () => {
    // set 0b011, off 0b001 (8 + 1), on 0b100 (16 + 4), toggle 0b110 (24 + 6)
    const program = ['pushc 3', 'putled', 'pushc 9', 'putled', 'pushc 20', 'putled', 'pushc 30', 'putled'];
    const { host } = afterSteps(program, 8);
    expect(host.leds).toEqual([0b011, 0b010, 0b110, 0b000]);
  });

  it('sense starts a reading and the context waits for it, which arrives tagged with its sensor', () => {
    const state = afterSteps(['pushc 2', 'sense', 'pushc 1'], 2);
    expect(state.host.senses).toEqual([{ context: 'once', sensor: 2 }]);
    expect(state.once.state).toBe('waiting');
    expect(state.once.stack).toEqual([]);
    expect(state.once.pc).toBe(2);
    expect(state.cycles).toBe(946);
    state.vm.senseDone('once', 512);
    const resumed = stepMore(state, 0);
    expect(resumed.once.state).toBe('running');
    expect(resumed.once.stack).toEqual([reading(2, 512)]);
  });

  it('clockf sets the clock to n firings a second', () => {
    const { host, once, cycles } = afterSteps(['pushc 4', 'clockf'], 2);
    expect(host.clockPeriods).toEqual([250_000_000]);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(2);
    expect(cycles).toBe(472);
    expect(afterSteps(['pushc 0', 'clockf'], 2).host.clockPeriods).toEqual([0]);
  });

  it('clockc sets the clock period in binary milliseconds', () => {
    const { host, once, cycles } = afterSteps(['pushb 128', 'clockc'], 2);
    expect(host.clockPeriods).toEqual([125_000_000]);
    expect(once.stack).toEqual([]);
    expect(once.pc).toBe(3);
    expect(cycles).toBe(472);
  });
});
