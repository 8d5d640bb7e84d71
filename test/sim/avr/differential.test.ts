import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abstractMote, avrMote, observe, scenarioArbitrary } from './differential.js';

describe('the AVR mote against the abstract mote', () => {
  it('shows the same LEDs, traps, packets, serial bytes and VM state for random capsules and event orders', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (scenario) => {
        expect(observe(scenario, avrMote)).toEqual(observe(scenario, abstractMote));
      }),
      { numRuns: 300, seed: 14 },
    );
  }, 120_000);
});
