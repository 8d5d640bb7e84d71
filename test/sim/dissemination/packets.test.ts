// The four dissemination packets (sim/dissemination/packets.ts): round trips, the 29-byte limit, and
// decoders that never throw and accept only well-formed packets.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRAGMENT_DATA_BYTES,
  FRAGMENT_HEADER_BYTES,
  SUMMARY_HEADER_BYTES,
  SUMMARY_ENTRY_BYTES,
  allPieces,
  capsuleFields,
  decodeCapsule,
  decodeFragment,
  decodeRequest,
  decodeSummary,
  encodeCapsule,
  encodeFragment,
  encodeRequest,
  encodeSummary,
  fragmentFields,
  pieceCount,
  requestFields,
  summaryFields,
} from '../../../sim/dissemination/packets.js';
import { PAYLOAD_BYTES } from '../../../vm/capsule.js';

const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const hash16 = fc.integer({ min: 1, max: 0xffff });
const type = fc.integer({ min: 0, max: 7 });
/** A window of at most four types. */
const windowBits = fc.uniqueArray(type, { maxLength: 4 }).map((ts) => ts.reduce((w, t) => w | (1 << t), 0));
const extendedCode = fc.integer({ min: 25, max: 128 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));

/** Any bytes with any claimed length: shorter or longer than the buffer, past 29, or not an integer. */
const anyPacket = fc.record({
  bytes: fc.uint8Array({ maxLength: 40 }),
  length: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constantFrom(NaN, Infinity, 2.5)),
});

const decoders = [
  (b: Uint8Array, n: number) => decodeSummary(b, n, summaryFields()),
  (b: Uint8Array, n: number) => decodeCapsule(b, n, capsuleFields()),
  (b: Uint8Array, n: number) => decodeFragment(b, n, fragmentFields()),
  (b: Uint8Array, n: number) => decodeRequest(b, n, requestFields()),
];

describe('dissemination packets', () => {
  it('round-trip a summary of any four entries and any digest, in 5 + 6n bytes', () => {
    fc.assert(
      fc.property(windowBits, u32, fc.array(u32, { minLength: 8, maxLength: 8 }), fc.array(hash16, { minLength: 8, maxLength: 8 }), (window, digest, vs, hs) => {
        const out = new Uint8Array(PAYLOAD_BYTES);
        const length = encodeSummary(out, window, digest, Uint32Array.from(vs), Uint16Array.from(hs), 0);
        const entries = [0, 1, 2, 3, 4, 5, 6, 7].filter((t) => (window & (1 << t)) !== 0);
        expect(length).toBe(SUMMARY_HEADER_BYTES + SUMMARY_ENTRY_BYTES * entries.length);
        const f = summaryFields();
        expect(decodeSummary(out, length, f)).toBe(true);
        expect(f.window).toBe(window);
        expect(f.digest).toBe(digest);
        for (let t = 0; t < 8; t++) {
          expect(f.versions[t]).toBe(entries.includes(t) ? vs[t] : 0);
          expect(f.hashes[t]).toBe(entries.includes(t) ? hs[t] : 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('round-trip a classic capsule of 0 to 24 bytes in one packet', () => {
    fc.assert(
      fc.property(type, u32, fc.uint8Array({ maxLength: 24 }), (t, version, code) => {
        const out = new Uint8Array(PAYLOAD_BYTES);
        const length = encodeCapsule(out, t, version, code);
        expect(length).toBe(5 + code.length);
        const f = capsuleFields();
        expect(decodeCapsule(out, length, f)).toBe(true);
        expect([f.type, f.version]).toEqual([t, version]);
        expect(out.slice(f.codeOffset, f.codeOffset + f.codeLength)).toEqual(code);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to put 25 bytes of code in a capsule packet', () => {
    expect(encodeCapsule(new Uint8Array(PAYLOAD_BYTES), 0, 1, new Uint8Array(25))).toBe(0);
  });

  it('splits extended code into ceil(n / 20) fragments that reassemble to the code', () => {
    fc.assert(
      fc.property(type, u32, hash16, extendedCode, (t, version, hash, code) => {
        const count = pieceCount(code.length);
        expect(count).toBe(Math.ceil(code.length / FRAGMENT_DATA_BYTES));
        const whole = new Uint8Array(code.length);
        for (let i = 0; i < count; i++) {
          const out = new Uint8Array(PAYLOAD_BYTES);
          const length = encodeFragment(out, t, version, hash, code, i);
          expect(length).toBeLessThanOrEqual(PAYLOAD_BYTES);
          const f = fragmentFields();
          expect(decodeFragment(out, length, f)).toBe(true);
          expect([f.type, f.version, f.hash, f.total, f.index]).toEqual([t, version, hash, code.length, i]);
          whole.set(out.subarray(f.dataOffset, f.dataOffset + f.dataLength), i * FRAGMENT_DATA_BYTES);
        }
        expect(whole).toEqual(code);
        expect(encodeFragment(new Uint8Array(PAYLOAD_BYTES), t, version, hash, code, count)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('ships the largest capsule, 128 bytes, in 7 fragments, so a one-byte bitmap covers them', () => {
    expect(pieceCount(128)).toBe(7);
    expect(allPieces(128)).toBe(0x7f);
    expect(pieceCount(24)).toBe(1);
    expect(allPieces(3)).toBe(1);
  });

  it('round-trip a request for any capsule and any nonzero bitmap, in 8 bytes', () => {
    fc.assert(
      fc.property(type, u32, hash16, fc.integer({ min: 1, max: 255 }), (t, version, hash, missing) => {
        const out = new Uint8Array(PAYLOAD_BYTES);
        const length = encodeRequest(out, t, version, hash, missing);
        expect(length).toBe(8);
        const f = requestFields();
        expect(decodeRequest(out, length, f)).toBe(true);
        expect([f.type, f.version, f.hash, f.missing]).toEqual([t, version, hash, missing]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throw on any bytes with any claimed length, and accept none longer than 29 bytes or its buffer', () => {
    fc.assert(
      fc.property(anyPacket, ({ bytes, length }) => {
        for (const decode of decoders) {
          const ok = decode(bytes, length);
          if (ok) expect(Number.isInteger(length) && length <= PAYLOAD_BYTES && length <= bytes.length).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('accept a decoded summary only when it re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 29, maxLength: 29 }), fc.integer({ min: 0, max: 29 }), (bytes, length) => {
        const f = summaryFields();
        if (!decodeSummary(bytes, length, f)) return;
        const out = new Uint8Array(PAYLOAD_BYTES);
        expect(encodeSummary(out, f.window, f.digest, f.versions, f.hashes, 0)).toBe(length);
        expect(out.subarray(0, length)).toEqual(bytes.subarray(0, length));
      }),
      { numRuns: 1000 },
    );
  });

  it('accept a decoded fragment only with index < count and exactly its share of the code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 29, maxLength: 29 }), fc.integer({ min: 0, max: 29 }), (bytes, length) => {
        const f = fragmentFields();
        if (!decodeFragment(bytes, length, f)) return;
        expect(f.index).toBeLessThan(pieceCount(f.total));
        expect(f.total).toBeGreaterThan(24);
        expect(f.total).toBeLessThanOrEqual(128);
        expect(FRAGMENT_HEADER_BYTES + f.dataLength).toBe(length);
      }),
      { numRuns: 1000 },
    );
  });

  describe('reject garbage', () => {
    const summary = (window: number, entries: number, length = 5 + 6 * entries) => {
      const b = new Uint8Array(29).fill(1); // every hash field nonzero
      b[0] = window;
      return decodeSummary(b, length, summaryFields());
    };
    it('a summary listing five types, or a length that does not match its window', () => {
      expect(summary(0b1111, 4)).toBe(true);
      expect(summary(0b11111, 4, 29)).toBe(false);
      expect(summary(0b11, 2, 16)).toBe(false);
      expect(summary(0b11, 2, 18)).toBe(false);
      expect(summary(0, 0, 4)).toBe(false);
    });
    it('a summary entry with a zero hash, which no capsule has', () => {
      const b = new Uint8Array(11);
      b[0] = 1;
      expect(decodeSummary(b, 11, summaryFields())).toBe(false);
    });
    it('a capsule packet shorter than its header, of type 8, or longer than 29 bytes', () => {
      const b = new Uint8Array(30);
      expect(decodeCapsule(b, 4, capsuleFields())).toBe(false);
      expect(decodeCapsule(b, 5, capsuleFields())).toBe(true);
      expect(decodeCapsule(b, 30, capsuleFields())).toBe(false);
      b[0] = 8;
      expect(decodeCapsule(b, 5, capsuleFields())).toBe(false);
    });
    it('a fragment whose index is not below its count, whose code would fit a classic packet or exceed 128, or that is truncated', () => {
      const frag = (total: number, index: number, length: number) => {
        const b = new Uint8Array(29).fill(0);
        b[5] = 1; // hash 1
        b[7] = total;
        b[8] = index;
        return decodeFragment(b, length, fragmentFields());
      };
      expect(frag(128, 6, 9 + 8)).toBe(true);
      expect(frag(128, 7, 9 + 8)).toBe(false);
      expect(frag(24, 0, 9 + 20)).toBe(false);
      expect(frag(129, 0, 29)).toBe(false);
      expect(frag(128, 0, 28)).toBe(false);
      expect(frag(128, 6, 9 + 7)).toBe(false);
    });
    it('a request with no missing pieces, a zero hash, or the wrong length', () => {
      const b = Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 1, 0]);
      expect(decodeRequest(b, 8, requestFields())).toBe(true);
      expect(decodeRequest(b, 9, requestFields())).toBe(false);
      expect(decodeRequest(b, 7, requestFields())).toBe(false);
      expect(decodeRequest(Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0]), 8, requestFields())).toBe(false);
      expect(decodeRequest(Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 1]), 8, requestFields())).toBe(false);
    });
  });
});
