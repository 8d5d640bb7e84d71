// The version rule and tie-break (sim/dissemination/versions.ts): a strict total order on
// (version, content hash) in which any capsule beats an empty slot, and a digest that notices any
// single changed entry.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, isNewer, vectorDigest } from '../../../sim/dissemination/versions.js';

const id = fc.record({ v: fc.integer({ min: 0, max: 0xffff_ffff }), h: fc.integer({ min: 1, max: 0xffff }) });
const small = fc.record({ v: fc.integer({ min: 0, max: 2 }), h: fc.integer({ min: 1, max: 3 }) });
const newer = (a: { v: number; h: number }, b: { v: number; h: number }) => isNewer(a.v, a.h, b.v, b.h);

describe('the version rule', () => {
  it('orders capsules strictly and totally: exactly one of two different capsules is newer', () => {
    fc.assert(
      fc.property(fc.oneof(id, small), fc.oneof(id, small), (a, b) => {
        const same = a.v === b.v && a.h === b.h;
        expect(Number(newer(a, b)) + Number(newer(b, a))).toBe(same ? 0 : 1);
      }),
      { numRuns: 500 },
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        if (newer(a, b) && newer(b, c)) expect(newer(a, c)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('puts a greater version first whatever the hashes, and breaks a version tie by the greater hash', () => {
    expect(isNewer(2, 1, 1, 0xffff)).toBe(true);
    expect(isNewer(0xffff_ffff, 1, 0xffff_fffe, 2)).toBe(true);
    expect(isNewer(5, 300, 5, 200)).toBe(true);
    expect(isNewer(5, 200, 5, 300)).toBe(false);
  });

  it('lets any capsule, even version 0, beat an empty slot (0, 0)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), (code) => {
        expect(isNewer(0, contentHash(code), 0, 0)).toBe(true);
      }),
    );
  });
});

describe('the content hash', () => {
  it('is a nonzero 16-bit number that depends only on the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), (code) => {
        const h = contentHash(code);
        expect(h).toBeGreaterThanOrEqual(1);
        expect(h).toBeLessThanOrEqual(0xffff);
        expect(contentHash(Uint8Array.from(code))).toBe(h);
        const padded = new Uint8Array(code.length + 3);
        padded.set(code, 2);
        expect(contentHash(padded, 2, code.length)).toBe(h);
      }),
    );
  });

  it('tells apart the codes that differ in one byte, for a pinned example', () => {
    expect(contentHash(Uint8Array.from([0xc1, 0x0b, 0x00]))).not.toBe(contentHash(Uint8Array.from([0xc2, 0x0b, 0x00])));
  });
});

describe('the version-vector digest', () => {
  it('changes whenever exactly one entry changes', () => {
    const vector = fc.record({
      versions: fc.array(fc.integer({ min: 0, max: 0xffff_ffff }), { minLength: 8, maxLength: 8 }),
      hashes: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
    });
    fc.assert(
      fc.property(vector, fc.integer({ min: 0, max: 7 }), fc.boolean(), fc.integer({ min: 1, max: 0xffff }), (x, t, hashNotVersion, delta) => {
        const versions = Uint32Array.from(x.versions);
        const hashes = Uint16Array.from(x.hashes);
        const before = vectorDigest(versions, hashes);
        if (hashNotVersion) hashes[t] = (hashes[t] + delta) & 0xffff;
        else versions[t] = (versions[t] + delta) >>> 0;
        expect(vectorDigest(versions, hashes)).not.toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the eight entries from `base`, so one table serves every mote', () => {
    const versions = new Uint32Array(16).map((_, i) => i * 3);
    const hashes = new Uint16Array(16).map((_, i) => i + 1);
    expect(vectorDigest(versions, hashes, 8)).toBe(vectorDigest(versions.slice(8), hashes.slice(8)));
  });
});
