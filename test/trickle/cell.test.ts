// Maintenance cost in one cell (trickle/cell.ts) against Levis et al., NSDI 2004, section 4:
// suppression, the listen-only half of each interval, the short-listen problem, loss.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateCell, type CellOptions } from '../../trickle/cell.js';
import { defaultTrickleParams } from '../../trickle/timer.js';
import { seeded } from './seeded.js';

type Setup = Omit<CellOptions, 'random' | 'params'> & { k?: number; listen?: number };

function cell(setup: Setup, seed: number) {
  const params = { ...defaultTrickleParams, k: setup.k ?? 1, listen: setup.listen ?? 0.5 };
  return simulateCell({ ...setup, params, random: seeded(seed) });
}

/** Mean transmissions per interval over seeds 1..seeds. */
function meanOver(setup: Setup, seeds: number): number {
  let sum = 0;
  for (let seed = 1; seed <= seeds; seed++) sum += cell(setup, seed).mean;
  return sum / seeds;
}

describe('one lossless cell of Trickle timers', () => {
  it('sends exactly min(k, n) per interval when synchronized', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (n, k, seed) => {
        const { transmissionsPerInterval } = cell({ n, k, intervals: 6, loss: 0, synchronized: true }, seed);
        expect(transmissionsPerInterval).toEqual(new Array(6).fill(Math.min(k, n)));
      }),
      { numRuns: 60 },
    );
  });

  // A hard bound, not one in expectation. A mote sends at y only if it heard fewer than k sends
  // in [start, y), and start <= y - I/2, so any window of length I/2 ending at a send holds at
  // most k sends; a window of length I is two such halves.
  it('sends at most 2k in every interval with the listen-only half, synchronized or not, whatever n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (n, k, seed) => {
        const { max } = cell({ n, k, intervals: 10, loss: 0, synchronized: false }, seed);
        expect(max).toBeLessThanOrEqual(2 * k);
      }),
      { numRuns: 40 },
    );
  });

  it('suffers the short-listen problem without the listen-only half: sends grow like sqrt(n)', () => {
    const setup = { intervals: 50, loss: 0, synchronized: false, listen: 0 };
    const [m4, m64, m256] = [4, 64, 256].map((n) => meanOver({ ...setup, n }, 10));
    expect(m256).toBeGreaterThan(4 * m4);
    expect(m256).toBeGreaterThan(2 * 2);
    // Quadrupling n doubles the count under sqrt growth.
    expect(m256 / m64).toBeGreaterThan(1.6);
    expect(m256 / m64).toBeLessThan(2.4);
    // The same 256 motes with the listen-only half stay within 2k.
    expect(meanOver({ ...setup, n: 256, listen: 0.5 }, 10)).toBeLessThanOrEqual(2);
  });

  it('never suppresses with k = 0 or k = Infinity: every mote sends every interval', () => {
    for (const k of [0, Infinity]) {
      expect(cell({ n: 20, k, intervals: 4, loss: 0, synchronized: true }, 9).transmissionsPerInterval).toEqual([20, 20, 20, 20]);
    }
  });
});

describe('one lossy cell of Trickle timers', () => {
  it('sends once per mote per interval when every reception is lost', () => {
    expect(cell({ n: 12, intervals: 3, loss: 1, synchronized: true }, 4).transmissionsPerInterval).toEqual([12, 12, 12]);
  });

  it('grows by about the same step each time n quadruples, logarithmically rather than like sqrt(n)', () => {
    const setup = { intervals: 40, loss: 0.2, synchronized: true };
    const [m16, m64, m256] = [16, 64, 256].map((n) => meanOver({ ...setup, n }, 10));
    expect(m16).toBeGreaterThan(1);
    const [step1, step2] = [m64 - m16, m256 - m64];
    expect(step1).toBeGreaterThan(0.3);
    expect(step2).toBeGreaterThan(0.3);
    expect(step2).toBeLessThan(1.5 * step1);
  });

  it('is deterministic for a seed', () => {
    const setup = { n: 30, intervals: 5, loss: 0.3, synchronized: false };
    expect(cell(setup, 17)).toEqual(cell(setup, 17));
  });
});
