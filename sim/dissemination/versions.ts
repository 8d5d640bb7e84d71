// Which capsule is newer: the version rule of SPEC 7 (ASVM: 32-bit versions, newer means greater)
// with a deterministic tie-break for equal versions carrying different code, plus the content hash
// and the version-vector digest that summaries carry (sim/dissemination/summary-packet.ts).
//
// A capsule's identity on the air is (version, content hash). Order: the greater version wins; at
// equal versions the greater content hash wins. Every mote computes the same hash from the same
// bytes, so two codes injected with one version converge to the same winner everywhere and never
// flip-flop. An empty slot is (0, 0); the content hash is never 0, so any capsule, even version 0,
// beats an empty slot. The hash is 16 bits to fit four entries in a 29-byte summary: two different
// codes with one version and one hash (odds 1 in 65536) would go unnoticed; bump the version to
// replace code rather than relying on the tie-break.

/** FNV-1a (32-bit) over the code, folded to 16 bits; 0 is reserved for "no capsule" and maps to 1. */
export function contentHash(code: Uint8Array, offset = 0, length = code.length - offset): number {
  let h = 0x811c_9dc5;
  for (let i = offset; i < offset + length; i++) h = Math.imul(h ^ code[i], 0x0100_0193);
  const folded = (h ^ (h >>> 16)) & 0xffff;
  return folded === 0 ? 1 : folded;
}

/** FNV-1a (32-bit) over bytes: the digest a mote keeps of a signed descriptor that failed (mote-table.ts). */
export function digest32(bytes: Uint8Array): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x0100_0193);
  return h >>> 0;
}

/** True when capsule (v1, h1) is newer than (v2, h2): greater version, or equal version and greater hash. */
export function isNewer(v1: number, h1: number, v2: number, h2: number): boolean {
  return v1 > v2 || (v1 === v2 && h1 > h2);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix(x: number): number {
  let z = Math.imul(x ^ (x >>> 16), 0x85eb_ca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2_ae35);
  return z ^ (z >>> 16);
}

/**
 * The 32-bit digest of a whole version vector: 8 (version, hash) entries starting at `base` in the
 * two arrays (empty types are (0, 0)). Two motes with equal digests are taken as consistent.
 */
export function vectorDigest(versions: ArrayLike<number>, hashes: ArrayLike<number>, base = 0): number {
  let h = 0x2545_f491;
  for (let t = 0; t < 8; t++) {
    h = mix(h ^ versions[base + t]);
    h = mix(h ^ hashes[base + t]);
  }
  return h >>> 0;
}
