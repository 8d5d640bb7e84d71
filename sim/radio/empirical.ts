// The `empirical` radio model, SPEC 5: a per-directed-pair packet reception rate drawn once per run from
// Woo et al.'s loss-by-distance table, as TOSSIM 1.x's EmpiricalModel (getClosestFit, sample) did.
//
// Each ordered pair (u, v) draws its own normal deviate from a counter-based stream keyed by
// (seed, u, v): the table does not depend on the order links are built in, adding a mote leaves every
// other pair's rate alone, and u -> v and v -> u are independent draws (asymmetric links).

import { EMPIRICAL_LOSS } from '../data/empirical-loss.js';
import { absorb, mix32, seedHash, unitFromHash } from '../core/rng.js';

/** Pairs this far apart or farther get nothing (EmpiricalModel.getInterferenceRange: 50 ft). */
export const EMPIRICAL_CUTOFF_FT = 50;
/** Below this standard deviation a row gives its mean without drawing (EmpiricalModel.sample). */
const NO_SPREAD = 1e-7;
const ROW_STEP_FT = 2;
const EMPIRICAL_DOMAIN = 0x656d_7069; // "empi"

const MEAN = Float64Array.from(EMPIRICAL_LOSS, (r) => r.prrMean);
const STDDEV = Float64Array.from(EMPIRICAL_LOSS, (r) => r.prrStddev);
const LAST_ROW = EMPIRICAL_LOSS.length - 1;

/** The farthest distance at which some row can give a rate above 0 (40 ft in Woo's table). */
export const EMPIRICAL_MAX_LINK_FT = Math.max(
  ...EMPIRICAL_LOSS.filter((r) => r.prrMean > 0 || r.prrStddev >= NO_SPREAD).map((r) => r.distanceFt),
);

/** Row index for a distance: the first row whose distance is >= d (rounding up to 2 ft), at most the last. */
export function empiricalRow(distanceFt: number): number {
  const row = Math.ceil(distanceFt / ROW_STEP_FT);
  return row < 0 ? 0 : row > LAST_ROW ? LAST_ROW : row;
}

/** The per-run key all pair draws hash from. */
export function empiricalKey(seed: number): number {
  return absorb(seedHash(seed), EMPIRICAL_DOMAIN);
}

/** Reception rate of u -> v at `distanceFt` under the run key from empiricalKey(seed); in [0, 1]. */
export function empiricalPrr(key: number, u: number, v: number, distanceFt: number): number {
  if (!(distanceFt < EMPIRICAL_CUTOFF_FT)) return 0;
  const row = empiricalRow(distanceFt);
  const mean = MEAN[row];
  const sd = STDDEV[row];
  if (sd < NO_SPREAD) return mean;
  const h = absorb(absorb(key, u), v);
  // Box-Muller, as EmpiricalModel.sample: z = sqrt(-2 ln r1) cos(2 pi r2).
  const z = Math.sqrt(-2 * Math.log(unitFromHash(h))) * Math.cos(2 * Math.PI * unitFromHash(mix32(h + 1)));
  const p = mean + sd * z;
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
