// `mote bench million` in quick mode (30 x 30 grid and a random field of 900, then the grid with a
// clock capsule): the capsule injected at the corner reaches every mote the corner can reach, and
// the same seed gives the same run.

import { describe, expect, it } from 'vitest';
import { QUICK_MEASURE } from '../../bench/harness.js';
import { runMillion } from '../../bench/scale/million.js';
import type { SpreadResult } from '../../bench/scale/spread.js';

describe('mote bench million --quick', () => {
  it('covers every reachable mote of the grid and the random field, the same way twice', () => {
    const first = runMillion(QUICK_MEASURE).json.runs as SpreadResult[];
    const again = runMillion(QUICK_MEASURE).json.runs as SpreadResult[];
    expect(first.map((r) => r.motes)).toEqual([900, 900, 900]);
    expect(first.map((r) => r.capsule)).toEqual(['leds_on', 'leds_on', 'cnt_to_leds']);
    // The clock capsule's firings are events of their own: the same spread costs more of them.
    expect(first[2].events).toBeGreaterThan(first[0].events);
    for (const r of first) {
      expect(r.reachableCoverage).toBe(1);
      expect(r.coveredAt).toBeGreaterThan(r.injectedAt.second);
      expect(r.peakRssBytes).toBeGreaterThan(0);
    }
    expect(first[0].reachable).toBe(900); // a 10 ft grid is connected
    expect(first[0].injectedAt.mote).toBe(0);
    expect(again.map((r) => r.fingerprint)).toEqual(first.map((r) => r.fingerprint));
  }, 120_000);
});
