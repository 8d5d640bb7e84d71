// Mean and spread of one figure over seeds, for the experiment tables (bench/trickle.ts): the runs are
// simulations, so their spread is the model's randomness, not the host's noise (harness.ts).

export interface Spread {
  readonly mean: number;
  /** Sample standard deviation (n - 1); 0 for a single run. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** Runs that gave a number; runs that gave null (e.g. never covered) are left out and counted apart. */
  readonly runs: number;
  /** Runs that gave null. */
  readonly missing: number;
}

export function spreadOf(samples: readonly (number | null)[]): Spread {
  const values = samples.filter((s): s is number => s !== null && Number.isFinite(s));
  const missing = samples.length - values.length;
  if (values.length === 0) return { mean: NaN, sd: NaN, min: NaN, max: NaN, runs: 0, missing };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  const sd = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values), runs: values.length, missing };
}

/** "16.2 ± 1.3" (mean ± sd), with `digits` decimals; "-" when no run gave a number. */
export function formatSpread(s: Spread, digits = 1): string {
  if (s.runs === 0) return '-';
  const text = `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;
  return s.missing > 0 ? `${text} (${s.missing} never)` : text;
}
