// The VM's Maté costs on the emulated mote (SPEC 7, first table), measured from the mote's own clock:
// the time between two LED changes around the instruction, less the table cost of the others.

import { describe, expect, it } from 'vitest';
import { CYCLE_NS, EVENT_PATH_CYCLES } from '../../../sim/network/cpu.js';
import { INITIAL_BACKOFF_SLOTS } from '../../../sim/network/radio.js';
import { clock, mate, network, SECOND } from './helpers.js';

const TOGGLE = ['pushc 25', 'putled']; // putled 0x19: toggle red, so every firing changes the LEDs
const WAKE_CYCLES = 4; // the CPU's 1 us wake from idle (SPEC 2)

/** Cycles between the two LED changes of the firing at `second`, for a clock capsule that toggles, runs `body`, toggles. */
function cyclesAround(body: string[], second = 1): number {
  const { net, of } = network({ topology: 'line:1', capsules: [clock(...TOGGLE, ...body, ...TOGGLE, 'halt')] });
  net.runUntil((second + 0.5) * SECOND);
  const leds = of('led', 0).filter((r) => r.t >= second * SECOND);
  expect(leds.length).toBeGreaterThanOrEqual(2);
  return (leds[1].t - leds[0].t) / CYCLE_NS;
}

describe('Maté costs on the emulated mote (SPEC 7)', () => {
  it('and costs 469 cycles', () => {
    const others = 2 * mate('pushc') + mate('pop') + mate('pushc') + mate('putled');
    expect(cyclesAround(['pushc 3', 'pushc 5', 'and', 'pop']) - others).toBe(469);
  });

  it('rand costs 435 cycles', () => {
    const others = mate('pop') + mate('pushc') + mate('putled');
    expect(cyclesAround(['rand', 'pop']) - others).toBe(435);
  });

  it('sense takes 1342 cycles from issue to resume (946 + the native 396), plus the 1 us wake-up', () => {
    // The second firing: the photo sensor is already on (powered at its first reading, as Maté kept it).
    const others = mate('pushc') + mate('pop') + mate('pushc') + mate('putled');
    const sense = cyclesAround(['pushc 1', 'sense', 'pop'], 2) - others;
    expect(sense).toBe(946 + 396 + WAKE_CYCLES);
    expect(Math.abs(sense / 1342 - 1)).toBeLessThan(0.1);
  });

  it('sendr takes its 20,000-cycle dispatch, the queue copy, a backoff and the 7.2 ms airtime: far below Maté`s 685,000', () => {
    const body = ['pushm', 'clear', 'pushc 1', 'add', 'pushw 65535', 'sendr'];
    const { net, of } = network({ topology: 'line:1', capsules: [clock(...TOGGLE, ...body, ...TOGGLE, 'halt')] });
    net.runUntil(1.5 * SECOND);
    const [first, second] = of('led', 0);
    const [tx] = of('tx', 0);
    const issue = first.t + (mate('pushm') + mate('clear') + mate('pushc') + mate('add') + mate('pushw')) * CYCLE_NS;
    const resume = second.t - (mate('pushc') + mate('putled')) * CYCLE_NS;
    const copy = 8 * (5 + 2);
    const queued = issue + (20_000 + copy) * CYCLE_NS;
    // Backoff: 1 to 400 slots of 25 us before the channel is sensed clear.
    expect(tx.t - queued).toBeGreaterThanOrEqual(25_000);
    expect(tx.t - queued).toBeLessThanOrEqual(INITIAL_BACKOFF_SLOTS * 25_000);
    // After the last bit: wake-up and the radio interrupt's path to sendDone.
    expect(resume - tx.t).toBe(7_200_000 + 1_000 + EVENT_PATH_CYCLES * CYCLE_NS);
    const total = (resume - issue) / CYCLE_NS;
    expect(total).toBeGreaterThan(20_000 + 28_800);
    expect(total).toBeLessThan(20_000 + copy + 40_000 + 28_800 + 200);
    expect(total).toBeLessThan(685_000);
  });
});
