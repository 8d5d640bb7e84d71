// The six rules of RFC 6206 section 4.2, checked on the pure timer in trickle/timer.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advance,
  createTrickle,
  defaultTrickleParams,
  heardConsistent,
  heardInconsistent,
  imaxOf,
  nextDeadline,
  reset,
  start,
  trickleParamsError,
  type TrickleAction,
  type TrickleParams,
  type TrickleState,
} from '../../trickle/timer.js';
import { seeded } from './seeded.js';

const params: fc.Arbitrary<TrickleParams> = fc
  .record({
    imin: fc.integer({ min: 1, max: 1_000_000 }),
    doublings: fc.integer({ min: 0, max: 10 }),
    k: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Infinity)),
    listen: fc.oneof(fc.constantFrom(0, 0.5), fc.double({ min: 0, max: 0.99, noNaN: true })),
  })
  .filter((p) => trickleParamsError(p) === undefined);

type Op = { kind: 'deadline' | 'consistent' | 'inconsistent' | 'reset'; at: number };
const ops = fc.array(
  fc.record({ kind: fc.constantFrom('deadline', 'deadline', 'consistent', 'inconsistent', 'reset'), at: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
  { maxLength: 60 },
) as fc.Arbitrary<Op[]>;

/** Runs a script of events on a started timer; `at` places inconsistencies between now and the next deadline. */
function run(s: TrickleState, script: Op[], random: () => number, check: (now: number) => void): void {
  let now = 0;
  for (const op of script) {
    if (op.kind === 'deadline') {
      now = nextDeadline(s);
      advance(s, now, random);
    } else if (op.kind === 'consistent') {
      heardConsistent(s);
    } else {
      now += Math.floor(op.at * (nextDeadline(s) - now));
      if (op.kind === 'inconsistent') heardInconsistent(s, now, random);
      else reset(s, now, random);
    }
    check(now);
  }
}

function snapshot(s: TrickleState) {
  return { i: s.i, t: s.t, c: s.c, start: s.start, phase: s.phase };
}

describe('the Trickle timer', () => {
  it('always draws an integer t in [listen*I, I) of its interval (rule 2)', () => {
    fc.assert(
      fc.property(params, ops, fc.integer(), (p, script, seed) => {
        const s = createTrickle(p);
        const random = seeded(seed);
        start(s, 0, random);
        const inRange = () => {
          expect(Number.isInteger(s.t)).toBe(true);
          expect(s.t).toBeGreaterThanOrEqual(p.listen * s.i);
          expect(s.t).toBeLessThan(s.i);
        };
        inRange();
        run(s, script, random, inRange);
      }),
      { numRuns: 200 },
    );
  });

  it('draws t from [I/2, I) with the default parameters, at both ends of the random range', () => {
    const s = createTrickle(defaultTrickleParams);
    start(s, 0, () => 0);
    expect(s.t).toBe(500_000_000);
    start(s, 0, () => 1 - 2 ** -53);
    expect(s.t).toBe(999_999_999);
  });

  it('never lets I leave [Imin, Imin * 2^doublings], and keeps it Imin times a power of two (rules 1, 5, 6)', () => {
    fc.assert(
      fc.property(params, ops, fc.integer(), fc.integer({ min: -3, max: 20 }), (p, script, seed, startDoublings) => {
        const s = createTrickle(p);
        const random = seeded(seed);
        start(s, 0, random, startDoublings);
        const inRange = (now: number) => {
          expect(s.i).toBeGreaterThanOrEqual(p.imin);
          expect(s.i).toBeLessThanOrEqual(imaxOf(p));
          expect(Number.isInteger(Math.log2(s.i / p.imin))).toBe(true);
          expect(nextDeadline(s)).toBeGreaterThanOrEqual(now);
        };
        inRange(0);
        run(s, script, random, inRange);
      }),
      { numRuns: 200 },
    );
  });

  it('does nothing at all on an inconsistency when I is already Imin (rule 6)', () => {
    fc.assert(
      fc.property(params, fc.integer(), fc.nat(5), fc.boolean(), fc.double({ min: 0, max: 0.999, noNaN: true }), (p, seed, heard, pastT, at) => {
        const s = createTrickle(p);
        const random = seeded(seed);
        start(s, 0, random);
        for (let h = 0; h < heard; h++) heardConsistent(s);
        if (pastT) advance(s, nextDeadline(s), random);
        const before = snapshot(s);
        const now = s.start + (pastT ? s.t + Math.floor(at * (s.i - s.t)) : Math.floor(at * s.t));
        expect(s.i).toBe(p.imin);
        expect(heardInconsistent(s, now, random)).toBe(false);
        expect(reset(s, now, random)).toBe(false);
        expect(snapshot(s)).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('resets to Imin with a fresh interval at the moment of an inconsistency when I > Imin (rule 6)', () => {
    for (const event of [heardInconsistent, reset]) {
      const random = seeded(7);
      const s = createTrickle(defaultTrickleParams);
      start(s, 0, random, 3);
      heardConsistent(s);
      const now = s.start + s.t + 1;
      advance(s, now - 1, random);
      expect(event(s, now, random)).toBe(true);
      expect(s.i).toBe(defaultTrickleParams.imin);
      expect(s.start).toBe(now);
      expect(s.c).toBe(0);
      expect(s.phase).toBe('before-t');
      expect(nextDeadline(s)).toBe(now + s.t);
    }
  });

  it('decides at t before it ends the interval, then doubles I up to the cap (rules 4 and 5)', () => {
    const random = seeded(1);
    const s = createTrickle(defaultTrickleParams);
    start(s, 0, random);
    const actions: TrickleAction[] = [];
    const sizes: number[] = [];
    for (let step = 0; step < 18; step++) {
      sizes.push(s.i);
      actions.push(advance(s, nextDeadline(s), random));
    }
    expect(actions).toEqual(Array.from({ length: 18 }, (_, n) => (n % 2 === 0 ? 'transmit' : 'interval')));
    const second = 1_000_000_000;
    expect(sizes.filter((_, n) => n % 2 === 0)).toEqual([1, 2, 4, 8, 16, 32, 64, 64, 64].map((x) => x * second));
  });

  it('begins each new interval where the old one ended, even when advanced late (rule 5)', () => {
    const random = seeded(3);
    const s = createTrickle(defaultTrickleParams);
    start(s, 100, random);
    const end = s.start + s.i;
    expect(advance(s, end + 5, random)).toBe('transmit');
    expect(advance(s, end + 5, random)).toBe('interval');
    expect(s.start).toBe(end);
  });

  it('suppresses at t once k consistent transmissions were heard, and not before (rules 3 and 4)', () => {
    for (const k of [1, 2, 3, 4]) {
      for (let heard = 0; heard <= k + 1; heard++) {
        const random = seeded(k * 10 + heard);
        const s = createTrickle({ ...defaultTrickleParams, k });
        start(s, 0, random);
        for (let h = 0; h < heard; h++) heardConsistent(s);
        expect(advance(s, nextDeadline(s), random)).toBe(heard < k ? 'transmit' : 'suppress');
      }
    }
  });

  it('ignores what it hears after t for this interval and forgets it in the next (rules 2 and 4)', () => {
    const random = seeded(11);
    const s = createTrickle(defaultTrickleParams);
    start(s, 0, random);
    expect(advance(s, nextDeadline(s), random)).toBe('transmit');
    heardConsistent(s);
    heardConsistent(s);
    expect(advance(s, nextDeadline(s), random)).toBe('interval');
    expect(s.c).toBe(0);
    expect(advance(s, nextDeadline(s), random)).toBe('transmit');
  });

  it('never suppresses when k is 0 or Infinity', () => {
    for (const k of [0, Infinity]) {
      const random = seeded(5);
      const s = createTrickle({ ...defaultTrickleParams, k });
      start(s, 0, random);
      for (let interval = 0; interval < 10; interval++) {
        for (let h = 0; h < 1000; h++) heardConsistent(s);
        expect(advance(s, nextDeadline(s), random)).toBe('transmit');
        expect(advance(s, nextDeadline(s), random)).toBe('interval');
      }
    }
  });

  it('does nothing when advanced before its deadline, or before it is started', () => {
    const random = seeded(2);
    const s = createTrickle(defaultTrickleParams);
    expect(nextDeadline(s)).toBe(Infinity);
    expect(advance(s, 1e12, random)).toBe('none');
    expect(reset(s, 0, random)).toBe(false);
    start(s, 0, random);
    const before = snapshot(s);
    expect(advance(s, nextDeadline(s) - 1, random)).toBe('none');
    expect(snapshot(s)).toEqual(before);
  });

  it('rejects parameters that leave no integer t, with a one-line reason naming the key', () => {
    expect(trickleParamsError({ ...defaultTrickleParams, imin: 1 })).toMatch(/^listen=0\.5: /);
    expect(trickleParamsError({ ...defaultTrickleParams, imin: 1, listen: 0 })).toBeUndefined();
    expect(trickleParamsError({ ...defaultTrickleParams, k: 1.5 })).toMatch(/^k=1\.5: /);
    expect(trickleParamsError({ ...defaultTrickleParams, doublings: 40 })).toMatch(/^doublings=40: /);
    expect(() => createTrickle({ ...defaultTrickleParams, imin: 0 })).toThrow(RangeError);
  });

  it('gives these first five deadlines for seed 42 with the default parameters (golden)', () => {
    const random = seeded(42);
    const s = createTrickle(defaultTrickleParams);
    start(s, 0, random);
    const deadlines: number[] = [];
    for (let n = 0; n < 5; n++) {
      deadlines.push(nextDeadline(s));
      advance(s, nextDeadline(s), random);
    }
    expect(deadlines).toEqual([999_999_685, 1_000_000_000, 2_875_841_843, 3_000_000_000, 5_078_396_405]);
  });
});
