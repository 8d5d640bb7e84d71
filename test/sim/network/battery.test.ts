// The battery runs dry at the moment it empties (issue 19): a mote dies when its charge is gone,
// computed from its draw, never after spending more than it held.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_UJ } from '../../../sim/network/battery.js';
import { powerState, SUPPLY_VOLTS } from '../../../sim/core/power-states.js';
import { clock, network, SECOND } from './helpers.js';

const UJ_PER_MAH = 1e-3 * 3600 * SUPPLY_VOLTS * 1e6;
const counter = clock('gets', 'pushc 1', 'add', 'copy', 'sets', 'pushc 7', 'and', 'putled', 'halt');
const spin = clock('loop:', 'pushc 1', 'pop', 'jump loop');

function current(component: string, state: string): number {
  const row = powerState(component, state);
  if (row === undefined) throw new Error(`no ${component} ${state}`);
  return row.currentMicroAmps;
}

describe('battery death', () => {
  it('comes when the charge is gone at the present draw: 0.001 mAh at a listening radio and an idle CPU lasts 0.6 s', () => {
    const capacity = 0.001 * UJ_PER_MAH;
    const { net, of } = network({ topology: 'line:2', capsules: [counter], batteryMicroJoules: capacity });
    net.runUntil(10 * SECOND);
    const draw = (current('radio', 'receive') + current('cpu', 'idle')) * SUPPLY_VOLTS * 1e-9; // uJ per ns
    const expected = capacity / draw;
    for (const m of [0, 1]) {
      const [death] = of('death', m);
      expect(death.t).toBeGreaterThan(expected - 1e6);
      expect(death.t).toBeLessThanOrEqual(expected);
      expect(of('led', m).every((r) => r.t < death.t)).toBe(true);
    }
    expect(net.summary().alive).toBe(0);
    expect(net.summary().energy.totalJoules * 1e6).toBeLessThanOrEqual(2 * capacity);
  });

  it('kills every mote at once when the battery holds (almost) nothing', () => {
    const { net } = network({ topology: 'line:3', capsules: [counter], batteryMicroJoules: 0.001 * 1e-300 * UJ_PER_MAH });
    net.runUntil(2 * SECOND);
    expect(net.summary().alive).toBe(0);
    expect(net.summary().deaths).toBe(3);
    expect(net.summary().energy.totalJoules).toBe(0);
  });

  it('never lets a mote spend more than its battery held, whatever it runs and however small the battery', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.double({ min: 1e-7, max: 0.01, noNaN: true }),
        fc.constantFrom(counter, spin),
        fc.constantFrom('listen' as const, 'off' as const),
        fc.integer({ min: 1, max: 4 }),
        (motes, mAh, capsule, radioIdle, seconds) => {
          const capacity = mAh * UJ_PER_MAH;
          const { net } = network({ topology: `line:${motes}`, capsules: [capsule], radioIdle, batteryMicroJoules: capacity });
          net.runUntil(seconds * SECOND);
          const w = net.world;
          for (let m = 0; m < motes; m++) {
            expect(w.ledger.used(m, w.now)).toBeLessThanOrEqual(capacity * (1 + 1e-12)); // float sums
            if (w.dead[m] === 1) expect(w.ledger.remaining(m, w.now)).toBeLessThanOrEqual(EMPTY_UJ);
          }
        },
      ),
      { numRuns: 40, seed: 19 },
    );
  });
});
