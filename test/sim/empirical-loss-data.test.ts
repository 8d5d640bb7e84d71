// sim/data/empirical-loss.ts must hold exactly the rows of the attributed CSV beside it (SPEC 5).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPIRICAL_LOSS } from '../../sim/data/empirical-loss.js';

const csv = readFileSync(new URL('../../sim/data/empirical-loss.csv', import.meta.url), 'utf8');
const lines = csv.split('\n').filter((l) => l.trim() !== '');

describe('the empirical loss table', () => {
  it('keeps the source attribution as the CSV’s first line', () => {
    expect(lines[0]).toMatch(/^# source: .*EmpiricalModel\.java.*Woo et al\..*BSD/);
    expect(lines[1]).toBe('distance_ft,prr_mean,prr_stddev');
  });

  it('holds the CSV rows exactly, 0 to 42 ft in 2 ft steps', () => {
    const rows = lines.slice(2).map((l) => {
      const [distanceFt, prrMean, prrStddev] = l.split(',').map(Number);
      return { distanceFt, prrMean, prrStddev };
    });
    expect(EMPIRICAL_LOSS).toEqual(rows);
    expect(EMPIRICAL_LOSS.map((r) => r.distanceFt)).toEqual(Array.from({ length: 22 }, (_, i) => 2 * i));
  });
});
