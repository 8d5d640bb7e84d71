// How the sweep sizes the batches it hands to workers (cli/sweep/engine.ts batchSize).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_SECONDS, batchSize } from '../../../cli/sweep/engine.js';

describe('batchSize', () => {
  it('sends one point until a point has been timed', () => {
    expect(batchSize(undefined, 1000, 2)).toBe(1);
  });

  it('fills about half a second with short points, and sends long points one by one', () => {
    expect(batchSize(0.01, 1000, 2)).toBe(Math.floor(BATCH_SECONDS / 0.01));
    expect(batchSize(3, 1000, 2)).toBe(1);
  });

  it('never leaves fewer than four batches a thread while points remain, and never sends none', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-7, max: 100, noNaN: true }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 64 }), (mean, remaining, threads) => {
        const size = batchSize(mean, remaining, threads);
        expect(size).toBeGreaterThanOrEqual(1);
        expect(size).toBeLessThanOrEqual(Math.max(1, Math.ceil(remaining / (4 * threads))));
        expect(size * mean).toBeLessThanOrEqual(Math.max(BATCH_SECONDS, mean) * (1 + 1e-12));
      }),
    );
  });
});
