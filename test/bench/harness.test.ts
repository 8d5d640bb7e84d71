// The benchmark harness: statistics on fixed inputs, the run/warm-up protocol, the machine line.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interleavedRates, machineInfo, machineLine, measure, scaleStats, summarize } from '../../bench/harness.js';

describe('summarize', () => {
  it('gives the middle sample of an odd list as the median, with min, max and relative spread', () => {
    const s = summarize([12, 10, 8, 11, 9]);
    expect(s).toMatchObject({ runs: 5, median: 10, min: 8, max: 12, spread: 0.4 });
  });

  it('averages the two middle samples of an even list', () => {
    const s = summarize([4, 1, 3, 2]);
    expect(s.median).toBe(2.5);
    expect(s.spread).toBeCloseTo(3 / 2.5, 12);
  });

  it('reports a spread of zero for one run', () => {
    expect(summarize([7])).toMatchObject({ median: 7, min: 7, max: 7, spread: 0 });
  });

  it('keeps the samples in run order', () => {
    expect(summarize([3, 1, 2]).samples).toEqual([3, 1, 2]);
  });

  it('puts the median between min and max whatever the order of the samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const s = summarize(xs);
        expect(s.min).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.max);
        expect(summarize([...xs].reverse()).median).toBe(s.median);
      }),
      { numRuns: 50 },
    );
  });

  it('scales every sample alike, so the relative spread is unchanged', () => {
    const s = scaleStats(summarize([8, 10, 12]), 0.25);
    expect(s).toMatchObject({ median: 2.5, min: 2, max: 3 });
    expect(s.spread).toBeCloseTo(0.4, 12);
  });
});

describe('measure', () => {
  it('discards the warm-up runs and summarises each named figure over the counted runs', () => {
    let call = 0;
    const stats = measure(() => {
      call++;
      return { a: call, b: 10 * call };
    }, { runs: 3, warmup: 2, seconds: 0, quick: true });
    expect(call).toBe(5);
    expect(stats.a.samples).toEqual([3, 4, 5]);
    expect(stats.b.median).toBe(40);
  });
});

describe('interleavedRates', () => {
  it('runs one chunk of each kind of work when given no time, and divides units by time', () => {
    const calls: string[] = [];
    const rates = interleavedRates(
      {
        fast: () => (calls.push('fast'), 1000),
        slow: () => (calls.push('slow'), 1),
      },
      0,
    );
    expect(calls).toEqual(['fast', 'slow']);
    expect(rates.fast).toBeGreaterThan(0);
    expect(rates.slow).toBeGreaterThan(0);
  });

  it('takes turns until the time is up', () => {
    const calls: string[] = [];
    interleavedRates({ a: () => (calls.push('a'), 1), b: () => (calls.push('b'), 1) }, 0.005);
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.filter((c) => c === 'a').length).toBe(calls.filter((c) => c === 'b').length);
  });
});

describe('machineInfo', () => {
  it('names the CPU, counts the cores and gives the Node version', () => {
    const m = machineInfo();
    expect(m.cpu.length).toBeGreaterThan(0);
    expect(m.cores).toBeGreaterThanOrEqual(1);
    expect(m.node).toBe(process.version);
    expect(machineLine(m)).toContain(`${m.cores} cores, Node ${process.version}`);
  });
});
