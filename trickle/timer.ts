// The Trickle timer of RFC 6206 (Levis et al., NSDI 2004) as a pure state machine: the caller
// passes in the time and the random source and asks for the next deadline; nothing here keeps a
// clock, a global or a callback. Shaped after Contiki-NG os/lib/trickle-timer.c and RIOT sys/trickle.

/** Time units per second: every time here is an integer number of nanoseconds. */
export const NS_PER_SECOND = 1_000_000_000;

export interface TrickleParams {
  /** Imin, the smallest interval, in integer time units (ns). */
  readonly imin: number;
  /** Imax as a number of doublings: the largest interval is imin * 2^doublings. */
  readonly doublings: number;
  /** k, the redundancy constant. 0 and Infinity both mean "never suppress" (0 as in Contiki-NG and Zephyr). */
  readonly k: number;
  /**
   * The listen-only fraction of each interval: t is drawn from [listen*I, I). The RFC's 0.5 gives
   * [I/2, I); 0 gives [0, I), the paper's short-listen problem.
   */
  readonly listen: number;
}

/**
 * The paper's maintenance settings: tau_l = 1 s, k = 1, listen-only first half. The paper's
 * tau_h = 1 min is not a power-of-two multiple of 1 s, and RFC 6206 states Imax as doublings, so
 * we take the nearest: 6 doublings, tau_h = 64 s.
 */
export const defaultTrickleParams: TrickleParams = Object.freeze({
  imin: NS_PER_SECOND,
  doublings: 6,
  k: 1,
  listen: 0.5,
});

/** Where the timer is within its interval. */
export type TricklePhase = 'stopped' | 'before-t' | 'after-t';

/** What `advance` did at a deadline. */
export type TrickleAction = 'transmit' | 'suppress' | 'interval' | 'none';

/**
 * One timer's state. On a mote this is 11 bytes: I kept as its doubling exponent (1 byte; I is
 * always imin * 2^j here), c (1 byte, saturating: only c < k matters), the phase (1 byte), t as
 * a 32-bit tick offset (4 bytes) and the interval start on the 32-bit clock (4 bytes). The
 * parameters are constants shared by every timer of a program, not per-timer state.
 */
export interface TrickleState {
  readonly params: TrickleParams;
  /** I, the current interval length. */
  i: number;
  /** t, the transmission point as an offset from the interval start. */
  t: number;
  /** c, consistent transmissions heard in this interval. */
  c: number;
  /** The absolute time the current interval began. */
  start: number;
  phase: TricklePhase;
}

/** The largest interval, Imin * 2^doublings. */
export function imaxOf(p: TrickleParams): number {
  return p.imin * 2 ** p.doublings;
}

/** Why the parameters are unusable, in one line naming the key, or undefined if they are fine. */
export function trickleParamsError(p: TrickleParams): string | undefined {
  if (!Number.isSafeInteger(p.imin) || p.imin < 1) return `imin=${p.imin}: must be a positive integer number of time units`;
  if (!Number.isInteger(p.doublings) || p.doublings < 0) return `doublings=${p.doublings}: must be a non-negative integer`;
  if (imaxOf(p) > Number.MAX_SAFE_INTEGER) return `doublings=${p.doublings}: imin * 2^doublings exceeds 2^53 time units`;
  if (p.k !== Infinity && (!Number.isInteger(p.k) || p.k < 0)) return `k=${p.k}: must be a non-negative integer or inf`;
  if (!(p.listen >= 0 && p.listen < 1)) return `listen=${p.listen}: must be in [0, 1)`;
  // [listen*I, I) must hold an integer for every I >= imin; it does for all I once it does for imin.
  if (Math.ceil(p.listen * p.imin) >= p.imin) return `listen=${p.listen}: leaves no integer t in [listen*Imin, Imin)`;
  return undefined;
}

/** A stopped timer. Throws RangeError on bad parameters: that is a programming error; user text goes through parseTrickleSpec. */
export function createTrickle(params: TrickleParams): TrickleState {
  const error = trickleParamsError(params);
  if (error !== undefined) throw new RangeError(`trickle: ${error}`);
  return { params, i: params.imin, t: 0, c: 0, start: 0, phase: 'stopped' };
}

/**
 * RFC 6206 rule 1: at start, I is some value in [Imin, Imax]; here Imin * 2^startDoublings
 * (clamped to [0, doublings]; 0, the quickest, by default). Then the first interval begins.
 */
export function start(s: TrickleState, now: number, random: () => number, startDoublings = 0): void {
  const j = Math.min(Math.max(Math.floor(startDoublings), 0), s.params.doublings);
  s.i = s.params.imin * 2 ** j;
  beginInterval(s, now, random);
}

/** RFC 6206 rule 3: a consistent transmission heard increments the counter c. */
export function heardConsistent(s: TrickleState): void {
  s.c += 1;
}

/**
 * RFC 6206 rule 6: an inconsistent transmission resets the timer (I = Imin, new interval) when
 * I > Imin, and does nothing when I is already Imin. Returns whether it reset.
 */
export function heardInconsistent(s: TrickleState, now: number, random: () => number): boolean {
  return reset(s, now, random);
}

/** RFC 6206 rule 6, last sentence: an external event (new code injected) resets the timer likewise. */
export function reset(s: TrickleState, now: number, random: () => number): boolean {
  if (s.phase === 'stopped' || s.i <= s.params.imin) return false;
  s.i = s.params.imin;
  beginInterval(s, now, random);
  return true;
}

/** The next time `advance` has work: t if it has not yet passed this interval, else the interval end. */
export function nextDeadline(s: TrickleState): number {
  if (s.phase === 'stopped') return Infinity;
  return s.phase === 'before-t' ? s.start + s.t : s.start + s.i;
}

/**
 * Handles the deadline due at `now` (one per call; call again while nextDeadline(s) <= now).
 * At t it decides (rule 4); at the interval end it doubles I and begins the next interval (rule 5).
 */
export function advance(s: TrickleState, now: number, random: () => number): TrickleAction {
  if (now < nextDeadline(s)) return 'none';
  if (s.phase === 'before-t') {
    s.phase = 'after-t';
    // RFC 6206 rule 4: at t, transmit if and only if c < k (k = 0 disables suppression).
    return s.params.k === 0 || s.c < s.params.k ? 'transmit' : 'suppress';
  }
  // RFC 6206 rule 5: when the interval ends, I doubles, capped at Imax, and a new interval begins.
  // The new interval starts at the old one's end, not at `now`, so a late call does not drift.
  const end = s.start + s.i;
  s.i = Math.min(2 * s.i, imaxOf(s.params));
  beginInterval(s, end, random);
  return 'interval';
}

/** RFC 6206 rule 2: a new interval resets c to 0 and draws t from [listen*I, I) (the RFC: [I/2, I)). */
function beginInterval(s: TrickleState, at: number, random: () => number): void {
  const lo = Math.ceil(s.params.listen * s.i);
  // The min() guards against random() * (I - lo) rounding up to I - lo for huge I.
  s.t = Math.min(s.i - 1, lo + Math.floor(random() * (s.i - lo)));
  s.c = 0;
  s.start = at;
  s.phase = 'before-t';
}
