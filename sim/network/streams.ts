// Every mote's random stream (sim/core/rng.ts: streamFor(seed, mote), pure-rand's xoroshiro128+) with
// all the 128-bit states in one typed array, where an Rng per mote cost two scattered objects (and at
// a million motes, three cache misses a draw). Same seeding, same generator, same draws.

import { streamFor } from '../core/rng.js';

const TWO_POW_32 = 0x1_0000_0000;

/** What the simulator draws from a mote's stream: the subset of Rng it uses. */
export interface MoteStream {
  next32(): number;
  float(): number;
  int(n: number): number;
}

export class MoteStreams implements MoteStream {
  /** Per mote, pure-rand's four state words in its order: s01, s00, s11, s10. */
  private readonly state: Int32Array;
  private readonly seeded: Uint8Array;
  /** The mote the last of() chose: draws come from its stream. */
  private at = 0;

  constructor(
    private readonly seed: number,
    motes: number,
  ) {
    this.state = new Int32Array(4 * motes);
    this.seeded = new Uint8Array(motes);
  }

  /** Mote m's stream, for draws made at once (the next of() moves it to another mote). */
  of(m: number): MoteStream {
    if (this.seeded[m] === 0) {
      this.state.set(streamFor(this.seed, m).state(), 4 * m);
      this.seeded[m] = 1;
    }
    this.at = 4 * m;
    return this;
  }

  /** A uniform unsigned 32-bit integer (pure-rand's xoroshiro128plus next(), unsigned). */
  next32(): number {
    const s = this.state;
    const i = this.at;
    const s01 = s[i];
    const s00 = s[i + 1];
    const s11 = s[i + 2];
    const s10 = s[i + 3];
    const out = (s00 + s10) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    s[i + 1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s[i] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[i + 3] = (a1 << 5) ^ (a0 >>> 27);
    s[i + 2] = (a0 << 5) ^ (a1 >>> 27);
    return out >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits, as Rng.float. */
  float(): number {
    const hi = this.next32() >>> 6;
    const lo = this.next32() >>> 5;
    return (hi * 0x800_0000 + lo) / 0x20_0000_0000_0000;
  }

  /** A uniform integer in [0, n), without modulo bias, as Rng.int. */
  int(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32) || !Number.isInteger(n)) throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let v = this.next32();
    while (v >= limit) v = this.next32();
    return v % n;
  }
}
