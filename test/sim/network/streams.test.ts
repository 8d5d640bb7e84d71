// The world's streams in one typed array (sim/network/streams.ts) draw exactly what an Rng per mote
// (sim/core/rng.ts streamFor) draws, however the motes' draws interleave.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../../sim/core/rng.js';
import { MoteStreams } from '../../../sim/network/streams.js';

const draw = fc.record({ mote: fc.integer({ min: 0, max: 4 }), kind: fc.constantFrom('next32', 'float', 'int'), n: fc.integer({ min: 1, max: 2 ** 32 }) });

describe('MoteStreams', () => {
  it('gives each mote the draws of its own Rng, interleaved in any order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(draw, { maxLength: 60 }), (seed, draws) => {
        const streams = new MoteStreams(seed, 5);
        const rngs = [0, 1, 2, 3, 4].map((m) => streamFor(seed, m));
        for (const d of draws) {
          const got = d.kind === 'int' ? streams.of(d.mote).int(d.n) : streams.of(d.mote)[d.kind]();
          const want = d.kind === 'int' ? rngs[d.mote].int(d.n) : rngs[d.mote][d.kind]();
          expect(got).toBe(want);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a bad range as Rng does', () => {
    expect(() => new MoteStreams(1, 1).of(0).int(0)).toThrow(RangeError);
  });
});
