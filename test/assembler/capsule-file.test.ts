// Capsule files: CBOR round trip, and a clear one-line error naming the file for every kind of
// damage; reading never throws.

import { encode } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readCapsuleFile, writeCapsuleFile } from '../../assembler/capsule-file.js';
import type { Capsule } from '../../vm/capsule.js';

const counter: Capsule = { type: 'clock', version: 3, name: 'cnt_to_leds', code: Uint8Array.from([0x23, 0xc1, 0x07, 0x00]) };

function fields(overrides: Record<string, unknown>): Uint8Array {
  return encode({ format: 1, type: 'clock', version: 1, name: 'x', code: Buffer.from([0]), ...overrides });
}

function errorOf(bytes: Uint8Array): string {
  const result = readCapsuleFile(bytes, 'x.cap');
  return result.ok ? 'no error' : result.error;
}

describe('round trip', () => {
  test('a capsule written and read back is equal, with no source', () => {
    expect(readCapsuleFile(writeCapsuleFile(counter), 'c.cap')).toEqual({ ok: true, capsule: counter });
  });

  test('the source text travels with the capsule when given', () => {
    expect(readCapsuleFile(writeCapsuleFile(counter, 'gets\nhalt\n'), 'c.cap')).toEqual({ ok: true, capsule: counter, source: 'gets\nhalt\n' });
  });

  test('the code is stored as a plain CBOR byte string', () => {
    const bytes = writeCapsuleFile(counter);
    // 0x44 = byte string of length 4, followed by the code itself.
    expect(Buffer.from(bytes).includes(Buffer.from([0x44, 0x23, 0xc1, 0x07, 0x00]))).toBe(true);
  });

  test('every capsule round-trips', () => {
    const capsules = fc.record({
      type: fc.constantFrom('sub0', 'sub1', 'sub2', 'sub3', 'clock', 'send', 'receive', 'once' as const),
      version: fc.integer({ min: 0, max: 0xffffffff }),
      name: fc.string({ unit: 'binary' }),
      code: fc.uint8Array({ maxLength: 128 }),
    });
    fc.assert(
      fc.property(capsules, fc.option(fc.string(), { nil: undefined }), (capsule, source) => {
        const read = readCapsuleFile(writeCapsuleFile(capsule, source), 'p.cap');
        expect(read).toEqual(source === undefined ? { ok: true, capsule } : { ok: true, capsule, source });
      }),
      { numRuns: 100 },
    );
  });

  test('keys this format does not define are ignored', () => {
    expect(readCapsuleFile(fields({ comment: 'hi' }), 'x.cap').ok).toBe(true);
  });
});

describe('damaged files', () => {
  test('an empty file', () => {
    expect(errorOf(new Uint8Array())).toBe('x.cap: empty file, not a capsule file');
  });

  test('a truncated file', () => {
    const bytes = writeCapsuleFile(counter);
    expect(errorOf(bytes.subarray(0, bytes.length - 3))).toBe('x.cap: truncated capsule file (the CBOR data ends early)');
  });

  test('bytes that are not CBOR', () => {
    expect(errorOf(Uint8Array.from([0xff, 0x00]))).toBe(
      'x.cap: not a capsule file (corrupt CBOR: Unexpected break stop code outside of an indefinite-length item)',
    );
  });

  test('trailing garbage after the map', () => {
    const bytes = writeCapsuleFile(counter);
    expect(errorOf(Uint8Array.from([...bytes, 0x00]))).toBe('x.cap: not a capsule file (corrupt CBOR: Data read, but end of buffer not reached)');
  });

  test('CBOR that is not a map', () => {
    expect(errorOf(encode([1, 2, 3]))).toBe('x.cap: not a capsule file (expected a CBOR map)');
    expect(errorOf(encode('text'))).toBe('x.cap: not a capsule file (expected a CBOR map)');
  });

  test('a map without a format number', () => {
    expect(errorOf(encode({ name: 'x' }))).toBe('x.cap: not a capsule file (no format number; this build reads format 1)');
  });

  test('a format this build does not read', () => {
    expect(errorOf(fields({ format: 2 }))).toBe('x.cap: capsule file format 2 is not supported (this build reads format 1)');
    expect(errorOf(fields({ format: '1' }))).toBe('x.cap: capsule file format "1" is not supported (this build reads format 1)');
  });

  test('fields of the wrong type', () => {
    expect(errorOf(fields({ type: 'timer' }))).toBe('x.cap: bad capsule type "timer"');
    expect(errorOf(fields({ type: 4 }))).toBe('x.cap: bad capsule type 4');
    expect(errorOf(fields({ version: -1 }))).toBe('x.cap: bad version -1 (expected an integer 0..4294967295)');
    expect(errorOf(fields({ version: 1.5 }))).toBe('x.cap: bad version 1.5 (expected an integer 0..4294967295)');
    expect(errorOf(fields({ version: 2 ** 32 }))).toBe('x.cap: bad version 4294967296 (expected an integer 0..4294967295)');
    expect(errorOf(fields({ name: 7 }))).toBe('x.cap: bad name 7 (expected a string)');
    expect(errorOf(fields({ code: [1, 2] }))).toBe('x.cap: bad code (an array) (expected a byte string)');
    expect(errorOf(fields({ code: undefined }))).toBe('x.cap: bad code (missing) (expected a byte string)');
    expect(errorOf(fields({ source: Buffer.from([1]) }))).toBe('x.cap: bad source (1 bytes) (expected a string)');
  });

  test('code larger than any capsule', () => {
    expect(errorOf(fields({ code: Buffer.alloc(129) }))).toBe('x.cap: code is 129 bytes; a capsule holds at most 128');
  });

  test('reading never throws, on random bytes or on damaged real files', () => {
    const real = writeCapsuleFile(counter, 'gets\nhalt\n');
    const damaged = fc
      .tuple(fc.nat(real.length - 1), fc.nat(255), fc.nat(real.length))
      .map(([at, byte, cut]) => {
        const copy = Uint8Array.from(real);
        copy[at] = byte;
        return copy.subarray(0, cut);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), damaged), (bytes) => {
        const result = readCapsuleFile(bytes, 'r.cap');
        expect(result.ok || result.error.startsWith('r.cap: ')).toBe(true);
        if (!result.ok) expect(result.error).not.toContain('\n');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the source map (mote compile)', () => {
  const map = { file: 'count.tinyscript', places: [{ pc: 0, line: 1, col: 1 }, { pc: 2, line: 2, col: 7 }] };
  const source = 'gets;\nled(count);\n';
  const withMap = (sourceMap: unknown): Uint8Array => fields({ code: Buffer.from([0, 0, 0, 0]), source, sourceMap });

  test('travels with the capsule and reads back as places', () => {
    expect(readCapsuleFile(writeCapsuleFile(counter, source, undefined, map), 'c.cap')).toEqual({ ok: true, capsule: counter, source, sourceMap: map });
  });

  test('is optional: a file without one reads as before, with no map', () => {
    const read = readCapsuleFile(writeCapsuleFile(counter, source), 'c.cap');
    expect(read.ok && 'sourceMap' in read).toBe(false);
  });

  test('a hostile map is refused in one line naming the file', () => {
    const bad = (sourceMap: unknown) => errorOf(withMap(sourceMap));
    const places = (...p: unknown[]) => ({ file: 'a.tinyscript', places: p });
    expect(bad([0, 1, 1])).toBe('x.cap: bad source map: (an array) (expected a map of file and places)');
    expect(bad('x')).toBe('x.cap: bad source map: "x" (expected a map of file and places)');
    expect(bad({ file: 7, places: [] })).toBe('x.cap: bad source map: file 7 (expected a file name of 1 to 255 printable characters)');
    expect(bad({ file: 'a\u001b[2Jb', places: [] })).toMatch(/^x\.cap: bad source map: file /);
    expect(bad({ file: 'a'.repeat(256), places: [] })).toMatch(/^x\.cap: bad source map: file /);
    expect(bad({ file: 'a.tinyscript', places: 'nope' })).toBe('x.cap: bad source map: places "nope" (expected at most 4 pc, line, col triples)');
    expect(bad(places(0, 1))).toBe('x.cap: bad source map: places (an array) (expected at most 4 pc, line, col triples)');
    // More places than code bytes: a huge array is refused before it is walked.
    expect(bad({ file: 'a.tinyscript', places: new Array(3 * 100_000).fill(1) })).toMatch(/places \(an array\)/);
    expect(bad(places(4, 1, 1))).toBe('x.cap: bad source map: pc 4 at place 0 (expected ascending pcs inside the 4-byte code)');
    expect(bad(places(1, 1, 1, 1, 1, 1))).toBe('x.cap: bad source map: pc 1 at place 1 (expected ascending pcs inside the 4-byte code)');
    expect(bad(places(-1, 1, 1))).toMatch(/pc -1 at place 0/);
    expect(bad(places(0.5, 1, 1))).toMatch(/pc 0\.5 at place 0/);
    expect(bad(places('0', 1, 1))).toMatch(/pc "0" at place 0/);
    expect(bad(places(0, 4, 1))).toBe('x.cap: bad source map: line 4 at place 0 (expected 1 to 3)');
    expect(bad(places(0, 0, 1))).toMatch(/line 0 at place 0/);
    expect(bad(places(0, 1, 0))).toBe('x.cap: bad source map: col 0 at place 0 (expected a positive integer)');
    expect(bad(places(0, 1, null))).toMatch(/col null at place 0/);
  });
});
