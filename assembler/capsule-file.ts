// Capsule files: one capsule as a CBOR map (RFC 8949, via cbor-x) with a format number, so that a
// later layout can be told apart: { format: 1, type, version, name, code (byte string), source?,
// signature?, crc?, sourceMap? }. `type` is the capsule type's name (vm/capsule.ts); `signature` (issue 9, `mote asm
// --sign`) is the 64-byte Ed25519 signature of sim/security/signature.ts. Reading never throws: every
// problem is a one-line error naming the file. Keys this format does not define are ignored, so a
// build that predates signatures still reads a signed file (and drops the signature).
//
// `crc` (issue 19: a bit flip in a file's code loaded as a different program) is the CRC-32 (zlib's,
// ISO 3309) of the CBOR array [type, version, name, code], checked on load. It is optional and the
// format stays 1: files written before it still load (unchecked), and builds before it ignore the key
// and still read new files; a format 2 would have made every new file unreadable to them for nothing.
//
// `sourceMap` (optional, format 1 still, for the same reason) is written by `mote compile`: { file:
// the TinyScript file's name, places: [pc, line, col, ...] flat, pcs ascending }, so that traps in a
// capsule loaded from the file name their source line as the .tinyscript itself would. A map that is
// not well formed (wrong types, a pc outside the code, a line outside the source, more places than
// code bytes) is refused like a bad source or signature.

import { crc32 } from 'node:zlib';
import { Encoder, decode } from 'cbor-x';
import { EXTENDED_MAX_BYTES, MAX_VERSION, isCapsuleType, type Capsule } from '../vm/capsule.js';

export const CAPSULE_FILE_FORMAT = 1;
/** An Ed25519 signature (RFC 8032). */
export const CAPSULE_SIGNATURE_BYTES = 64;
/** Formats this build reads. */
export const READABLE_FORMATS: readonly number[] = [1];

/** The source place of each instruction of a compiled capsule, and the source file's name. */
export interface CapsuleSourceMap {
  readonly file: string;
  readonly places: readonly { readonly pc: number; readonly line: number; readonly col: number }[];
}

/** Longest file name a source map may carry. */
const MAX_SOURCE_FILE_CHARS = 255;

// A plain byte string for `code`; cbor-x would otherwise tag a Uint8Array as a typed array (tag 64).
const encoder = new Encoder({ tagUint8Array: false, useRecords: false });

export function writeCapsuleFile(c: Capsule, source?: string, signature?: Uint8Array, sourceMap?: CapsuleSourceMap): Uint8Array {
  const record: Record<string, unknown> = {
    format: CAPSULE_FILE_FORMAT,
    type: c.type,
    version: c.version,
    name: c.name,
    code: Uint8Array.from(c.code),
    crc: capsuleCrc(c),
  };
  if (source !== undefined) record.source = source;
  if (signature !== undefined) record.signature = Uint8Array.from(signature);
  if (sourceMap !== undefined) record.sourceMap = { file: sourceMap.file, places: sourceMap.places.flatMap((p) => [p.pc, p.line, p.col]) };
  return Uint8Array.from(encoder.encode(record));
}

/** CRC-32 over the capsule's type, version, name and code, as the file's `crc` holds it. */
export function capsuleCrc(c: Capsule): number {
  return crc32(encoder.encode([c.type, c.version, c.name, Uint8Array.from(c.code)]));
}

export type ReadCapsuleResult =
  | { readonly ok: true; readonly capsule: Capsule; readonly source?: string; readonly signature?: Uint8Array; readonly sourceMap?: CapsuleSourceMap }
  | { readonly ok: false; readonly error: string };

export function readCapsuleFile(bytes: Uint8Array, file: string): ReadCapsuleResult {
  const fail = (why: string): ReadCapsuleResult => ({ ok: false, error: `${file}: ${why}` });
  if (bytes.length === 0) return fail('empty file, not a capsule file');
  let value: unknown;
  try {
    value = decode(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // cbor-x says "Unexpected end of CBOR data", or for a number cut short, "Offset is outside the bounds".
    const cut = (/end of/i.test(message) && !/not reached/i.test(message)) || /outside the bounds/i.test(message);
    return fail(cut ? 'truncated capsule file (the CBOR data ends early)' : `not a capsule file (corrupt CBOR: ${message})`);
  }
  if (!isPlainMap(value)) return fail('not a capsule file (expected a CBOR map)');
  const record = value;
  const { format, type, version, name, code, source, signature, sourceMap } = record;
  const readable = `this build reads format ${READABLE_FORMATS.join(', ')}`;
  if (format === undefined) return fail(`not a capsule file (no format number; ${readable})`);
  if (typeof format !== 'number' || !READABLE_FORMATS.includes(format)) {
    return fail(`capsule file format ${describe(format)} is not supported (${readable})`);
  }
  if (typeof type !== 'string' || !isCapsuleType(type)) return fail(`bad capsule type ${describe(type)}`);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > MAX_VERSION) {
    return fail(`bad version ${describe(version)} (expected an integer 0..${MAX_VERSION})`);
  }
  if (typeof name !== 'string') return fail(`bad name ${describe(name)} (expected a string)`);
  if (!(code instanceof Uint8Array)) return fail(`bad code ${describe(code)} (expected a byte string)`);
  if (code.length > EXTENDED_MAX_BYTES) return fail(`code is ${code.length} bytes; a capsule holds at most ${EXTENDED_MAX_BYTES}`);
  if (source !== undefined && typeof source !== 'string') return fail(`bad source ${describe(source)} (expected a string)`);
  if (signature !== undefined && !(signature instanceof Uint8Array && signature.length === CAPSULE_SIGNATURE_BYTES)) {
    return fail(`bad signature ${describe(signature)} (expected a ${CAPSULE_SIGNATURE_BYTES}-byte Ed25519 signature)`);
  }
  const map = sourceMap === undefined ? undefined : readSourceMap(sourceMap, code.length, source);
  if (typeof map === 'string') return fail(`bad source map: ${map}`);
  const capsule: Capsule = { type, version, name, code: Uint8Array.from(code) };
  const { crc } = record;
  if (crc !== undefined && crc !== capsuleCrc(capsule)) {
    return fail(`damaged capsule file: its checksum does not match its contents (crc ${describe(crc)}, contents ${capsuleCrc(capsule)}); assemble it again`);
  }
  return {
    ok: true,
    capsule,
    ...(source === undefined ? {} : { source }),
    ...(signature === undefined ? {} : { signature: Uint8Array.from(signature) }),
    ...(map === undefined ? {} : { sourceMap: map }),
  };
}

/** A file's `sourceMap` checked against its code and source, or why it is refused. */
function readSourceMap(value: unknown, codeBytes: number, source: string | undefined): CapsuleSourceMap | string {
  if (!isPlainMap(value)) return `${describe(value)} (expected a map of file and places)`;
  const { file, places } = value;
  // The name is printed in trap reports: no control characters (a terminal escape), nothing huge.
  if (typeof file !== 'string' || file.length === 0 || file.length > MAX_SOURCE_FILE_CHARS || /\p{Cc}/u.test(file)) {
    return `file ${describe(file)} (expected a file name of 1 to ${MAX_SOURCE_FILE_CHARS} printable characters)`;
  }
  // At most one place per instruction, and every instruction is at least a byte.
  if (!Array.isArray(places) || places.length % 3 !== 0 || places.length / 3 > codeBytes) {
    return `places ${describe(places)} (expected at most ${codeBytes} pc, line, col triples)`;
  }
  const lines = source === undefined ? Number.MAX_SAFE_INTEGER : source.split(/\r\n|\r|\n/).length;
  const read: { pc: number; line: number; col: number }[] = [];
  for (let i = 0; i < places.length; i += 3) {
    const [pc, line, col] = places.slice(i, i + 3) as unknown[];
    const previous = read.length === 0 ? -1 : read[read.length - 1].pc;
    if (!isInteger(pc, previous + 1, codeBytes - 1)) return `pc ${describe(pc)} at place ${i / 3} (expected ascending pcs inside the ${codeBytes}-byte code)`;
    if (!isInteger(line, 1, lines)) return `line ${describe(line)} at place ${i / 3} (expected 1 to ${lines})`;
    if (!isInteger(col, 1, Number.MAX_SAFE_INTEGER)) return `col ${describe(col)} at place ${i / 3} (expected a positive integer)`;
    read.push({ pc, line, col });
  }
  return { file, places: read };
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !ArrayBuffer.isView(value);
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** A short, safe rendering of a decoded value for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return '(missing)';
  if (value instanceof Uint8Array) return `(${value.length} bytes)`;
  if (Array.isArray(value)) return '(an array)';
  return `(${typeof value})`;
}
