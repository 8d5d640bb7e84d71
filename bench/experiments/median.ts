// Median and range of one figure over seeds, for the paper experiment (paper-experiment.ts). A run that
// never gave a number (code that never covered within the horizon) counts as larger than every run that
// did, so it still moves the median; a median that lands on one prints as "never".

import { summarize, type Stats } from '../harness.js';

export class Median {
  /** The median (Infinity when it is a run that never gave a number; NaN when there are no runs). */
  readonly median: number;
  /** Lowest and highest run (Infinity when some never gave a number). */
  readonly lo: number;
  readonly hi: number;
  /** Runs that gave a number, and runs that did not. */
  readonly runs: number;
  readonly missing: number;
  private readonly values: readonly number[];

  constructor(samples: readonly (number | null)[]) {
    const values = samples.filter((s): s is number => s !== null && Number.isFinite(s));
    const sorted = [...values.sort((a, b) => a - b), ...new Array<number>(samples.length - values.length).fill(Infinity)];
    const mid = sorted.length >> 1;
    this.median = sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    this.lo = sorted.length === 0 ? NaN : sorted[0];
    this.hi = sorted.length === 0 ? NaN : sorted[sorted.length - 1];
    this.runs = values.length;
    this.missing = samples.length - values.length;
    this.values = values;
  }

  /** "16.2 [12.1-20.4]"; "never" for an infinite median; "-" with no runs. */
  format(digits = 1): string {
    const n = (v: number): string => (v === Infinity ? 'never' : v.toFixed(digits));
    if (Number.isNaN(this.median)) return '-';
    return `${n(this.median)} [${n(this.lo)}-${n(this.hi)}]`;
  }

  json(): { median: number | null; min: number | null; max: number | null; runs: number; never: number } {
    const f = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return { median: f(this.median), min: f(this.lo), max: f(this.hi), runs: this.runs, never: this.missing };
  }

  /** The runs that gave a number, as the bench's statistics. */
  stats(): Stats {
    return summarize(this.values);
  }
}

export function medianOf(samples: readonly (number | null)[]): Median {
  return new Median(samples);
}
