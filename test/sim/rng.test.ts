// Seeded streams (STYLE rule 9): pinned known answers, save/restore, one independent stream per mote.

import fc from 'fast-check';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { mix32, namedStream, Rng, streamFor, streams } from '../../sim/core/rng.js';

function draw(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.next32());
}

describe('seeded random streams', () => {
  it('gives these first values for seed 1, mote 0 (golden: any change to the derivation is caught)', () => {
    expect(draw(streamFor(1, 0), 4)).toEqual([3822039145, 450736191, 2197250905, 3429928785]);
  });

  it('gives these first values for seed 1, mote 1 and the "topology" stream (golden)', () => {
    expect(draw(streamFor(1, 1), 4)).toEqual([53298230, 2996580590, 3118951262, 929639615]);
    expect(draw(namedStream(1, 'topology'), 2)).toEqual([1601478721, 2465362133]);
  });

  it('is pure-rand xoroshiro128+ underneath: same state, same outputs', () => {
    const rng = streamFor(7, 3);
    const reference = xoroshiro128plusFromState(rng.state());
    for (let i = 0; i < 100; i++) expect(rng.next32()).toBe(reference.next() >>> 0);
  });

  it('returns to the same sequence after restoring a saved state', () => {
    const rng = streamFor(42, 9);
    draw(rng, 5);
    const saved = rng.state();
    const first = [rng.next32(), rng.float(), rng.int(1000), rng.normal()];
    rng.restore(saved);
    expect([rng.next32(), rng.float(), rng.int(1000), rng.normal()]).toEqual(first);
    expect(Rng.fromState(saved).next32()).toBe(first[0]);
  });

  it('keeps a clone independent of the original once both move on', () => {
    const a = streamFor(5, 5);
    const b = a.clone();
    expect(draw(a, 3)).toEqual(draw(b, 3));
    a.next32();
    expect(draw(a, 3)).not.toEqual(draw(b, 3));
  });

  it('gives a mote the same stream however many other motes the network has', () => {
    const small = streams(11, 3);
    const large = streams(11, 50);
    for (let m = 0; m < 3; m++) expect(draw(small[m], 8)).toEqual(draw(large[m], 8));
    expect(draw(streamFor(11, 2), 8)).toEqual(draw(streams(11, 3)[2], 8));
  });

  it('gives different motes, and different seeds, different streams', () => {
    const firsts = new Set<number>();
    for (let m = 0; m < 1000; m++) firsts.add(streamFor(3, m).next32());
    expect(firsts.size).toBeGreaterThan(995);
    expect(draw(streamFor(3, 0), 4)).not.toEqual(draw(streamFor(4, 0), 4));
    expect(draw(streamFor(2 ** 32 + 3, 0), 4)).not.toEqual(draw(streamFor(3, 0), 4));
  });

  it('keeps float() in [0, 1), int(n) in [0, n) and every draw an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, mote, n) => {
        const rng = streamFor(seed, mote);
        const u = rng.next32();
        const f = rng.float();
        const k = rng.int(n);
        return Number.isInteger(u) && u >= 0 && u < 2 ** 32 && f >= 0 && f < 1 && Number.isInteger(k) && k >= 0 && k < n;
      }),
      { numRuns: 200 },
    );
  });

  it('rejects int(n) outside 1..2^32', () => {
    const rng = streamFor(1, 0);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('draws uniform integers: each of 10 buckets within 5% of its share over 100,000 draws', () => {
    const rng = streamFor(2024, 0);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('draws normals with mean near 0 and standard deviation near 1', () => {
    const rng = streamFor(99, 1);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(sumSq / n - mean * mean) - 1)).toBeLessThan(0.02);
  });

  it('mixes with a bijection: 65,536 consecutive inputs give 65,536 distinct outputs', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 65_536; i++) seen.add(mix32(i));
    expect(seen.size).toBe(65_536);
  });
});
