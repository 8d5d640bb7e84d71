// Seeded random streams for the simulator: pure-rand's xoroshiro128+ behind a small mutating API, one
// independent stream per mote derived by hashing (seed, mote id) (STYLE rule 9; pure-rand's generator spec).

import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** A generator's whole state: four signed 32-bit words, as pure-rand reports them. */
export type RngState = readonly number[];

const TWO_POW_32 = 0x1_0000_0000;
const GOLDEN = 0x9e37_79b9; // 2^32 / phi, the splitmix increment

/** murmur3's 32-bit finaliser: a bijection on uint32 that spreads every input bit over the output. */
export function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85eb_ca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2_ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Folds one more word into a running hash. For a fixed `h`, the map word -> result is a bijection, so two
 * different mote ids under the same seed can never reach the same hash.
 */
export function absorb(h: number, word: number): number {
  return mix32((h ^ word) + GOLDEN);
}

/** Hash of an integer seed (any safe integer: both 32-bit halves count). */
export function seedHash(seed: number): number {
  return absorb(absorb(GOLDEN, seed >>> 0), Math.floor(seed / TWO_POW_32) >>> 0);
}

/** A uniform float in (0, 1] from a 32-bit hash; never 0, so it is safe under a logarithm. */
export function unitFromHash(h: number): number {
  return ((h >>> 0) + 1) / TWO_POW_32;
}

/**
 * A mutating stream (nothing allocates per draw). Make one with streamFor / namedStream, which hash the
 * seed into the whole 128-bit state; pure-rand's own seeding from one small integer leaves most state
 * bits fixed and its first outputs poor.
 */
export class Rng {
  private gen: JumpableRandomGenerator;

  private constructor(gen: JumpableRandomGenerator) {
    this.gen = gen;
  }

  static fromState(state: RngState): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** A uniform unsigned 32-bit integer. */
  next32(): number {
    return this.gen.next() >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits (26 + 27 from two draws, as pure-rand's uniformFloat64). */
  float(): number {
    const hi = this.gen.next() >>> 6; // 26 bits
    const lo = this.gen.next() >>> 5; // 27 bits
    return (hi * 0x800_0000 + lo) / 0x20_0000_0000_0000;
  }

  /** A uniform integer in [0, n), 1 <= n <= 2^32, without modulo bias (rejects the short last bucket). */
  int(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32) || !Number.isInteger(n)) throw new RangeError(`int(n) needs 1 <= n <= 2^32, got ${n}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let v = this.next32();
    while (v >= limit) v = this.next32();
    return v % n;
  }

  /** A standard normal deviate by Box-Muller (the cosine half only, so the state is just the generator). */
  normal(): number {
    const u1 = 1 - this.float(); // (0, 1]: the logarithm stays finite
    const u2 = this.float();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  state(): RngState {
    return this.gen.getState();
  }

  /** Rewinds (or forwards) this stream in place to a state saved by state(). */
  restore(state: RngState): void {
    this.gen = xoroshiro128plusFromState(state);
  }

  /** A copy that continues exactly where this one is, drawing independently from then on. */
  clone(): Rng {
    return new Rng(this.gen.clone());
  }
}

const MOTE_DOMAIN = 0x6d6f_7465; // "mote"
const NAMED_DOMAIN = 0x776f_726c; // "worl"

/**
 * Four splitmix32 outputs of a key, starting at splitmix step `lane`. For one lane, distinct keys give
 * distinct first words; the four words are never all zero (xoroshiro's one forbidden state). Mote streams
 * use lane 1 and named streams lane 5, so a mote stream and a named stream would have to agree on four
 * unrelated words to coincide.
 */
function streamFromKey(key: number, lane: number): Rng {
  const words = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) words[i] = mix32(key + GOLDEN * (lane + i)) | 0;
  return Rng.fromState(words);
}

/** The stream of mote `moteId` (uint32) under `seed`: independent of how many other motes exist. */
export function streamFor(seed: number, moteId: number): Rng {
  return streamFromKey(absorb(absorb(seedHash(seed), MOTE_DOMAIN), moteId >>> 0), 1);
}

/** One stream per mote, for motes 0..count-1; element i equals streamFor(seed, i). */
export function streams(seed: number, count: number): Rng[] {
  const out: Rng[] = [];
  for (let i = 0; i < count; i++) out.push(streamFor(seed, i));
  return out;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit name hash. */
function nameHash(name: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x0100_0193);
  return h >>> 0;
}

/** A stream for a part of the world that is not a mote (e.g. "topology"), apart from every mote stream. */
export function namedStream(seed: number, name: string): Rng {
  return streamFromKey(absorb(absorb(seedHash(seed), NAMED_DOMAIN), nameHash(name)), 5);
}
