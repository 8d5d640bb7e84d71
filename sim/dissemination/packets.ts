// The dissemination packets on the air (four, and a fifth for signed code), each within the 29-byte TOS_Msg payload (SPEC 5),
// little-endian, with one encoder and one decoder apiece (STYLE rule 2). Decoders never throw: on
// any bytes they either fill a caller-owned record and return true, or return false for garbage,
// so receiving allocates nothing.
//
// summary (AM 0x20), 5 + 6n bytes, n in 0..4:
//   0     window: bit t set = an entry for capsule type t follows (ascending t); at most 4 bits
//   1-4   digest: u32, vectorDigest of all 8 of the sender's (version, hash) entries
//   5..   per type in the window: version u32, content hash u16 (never 0)
//   Why: 8 types x 4-byte versions is already 32 bytes, too many for 29. A network runs a few
//   capsules, so the window lists the sender's non-empty types, four at a time, rotating between
//   transmissions when there are more. Equal digests mean consistent; the window says what differs.
//   A receiver can tell a complete window (every non-empty type listed) by recomputing the digest
//   from the window alone.
// capsule (AM 0x21), 5 + n bytes, n in 0..24: a classic capsule whole (CLASSIC_HEADER_BYTES):
//   0 type (0..7), 1-4 version u32, 5.. code. The hash is recomputed from the code.
// fragment (AM 0x22), 9 + n bytes: one piece of an extended capsule (25..128 bytes of code):
//   0 type, 1-4 version u32, 5-6 content hash u16 of the whole code, 7 code length (25..128),
//   8 index (< count = ceil(length / 20)), 9.. exactly min(20, length - 20 x index) code bytes.
//   The hash names which code the piece belongs to, so pieces of two codes with one version never
//   mix, and it checks the reassembled code.
// request (AM 0x23), 8 bytes: 0 type, 1-4 version u32, 5-6 content hash u16 (never 0),
//   7 bitmap of the pieces still missing (bit i = fragment i; a classic capsule is piece 0), not 0.
//   With signed code (issue 9) the bitmap is a u16 at 7-8 (9 bytes) when it names signature pieces
//   (bits 8..13); a request whose high byte would be 0 is always the 8-byte form.
// signature piece (AM 0x24, signed code only), 9 + n bytes: the fragment layout over the capsule's
//   descriptor instead of its code: 0 type, 1-4 version, 5-6 content hash, 7 code length (0..128),
//   8 index (< ceil(descriptor length / 20)), 9.. exactly min(20, rest) descriptor bytes. The
//   descriptor is an 8-byte hash per piece of code, then the 64-byte Ed25519 signature
//   (sim/security/README.md): 72 bytes (4 pieces) for a classic capsule, up to 120 (6) for 128 bytes.

import { CLASSIC_HEADER_BYTES, CLASSIC_MAX_BYTES, EXTENDED_MAX_BYTES, PAYLOAD_BYTES } from '../../vm/capsule.js';

export const CAPSULE_TYPE_COUNT = 8;
export const SUMMARY_HEADER_BYTES = 5;
export const SUMMARY_ENTRY_BYTES = 6;
/** (29 - 5) / 6: entries one summary can carry. */
export const SUMMARY_MAX_ENTRIES = 4;
export const FRAGMENT_HEADER_BYTES = 9;
/** 29 - 9 code bytes per fragment: a 128-byte capsule is 7 fragments, so a byte holds the bitmap. */
export const FRAGMENT_DATA_BYTES = PAYLOAD_BYTES - FRAGMENT_HEADER_BYTES;
export const REQUEST_BYTES = 8;
/** A request whose bitmap names signature pieces carries it as a u16. */
export const WIDE_REQUEST_BYTES = 9;
/** Signed code: each piece of code is named in the descriptor by this many bytes of its SHA-256. */
export const PIECE_HASH_BYTES = 8;
/** An Ed25519 signature (RFC 8032). */
export const SIGNATURE_BYTES = 64;
/** Bit of signature piece 0 in piece bitmaps: code pieces keep bits 0..6, signature pieces take 8..13. */
export const SIGNATURE_PIECE_BIT = 8;

/** Bytes of the signed descriptor of code this long: a hash per piece, then the signature. */
export function descriptorLength(codeLength: number): number {
  return PIECE_HASH_BYTES * pieceCount(codeLength) + SIGNATURE_BYTES;
}

/** The bitmap of a signed capsule's signature pieces (bits 8..). */
export function signaturePieces(codeLength: number): number {
  return ((1 << Math.ceil(descriptorLength(codeLength) / FRAGMENT_DATA_BYTES)) - 1) << SIGNATURE_PIECE_BIT;
}

/** Pieces a capsule travels in: 1 packet when classic, else its fragment count. */
export function pieceCount(codeLength: number): number {
  return codeLength <= CLASSIC_MAX_BYTES ? 1 : Math.ceil(codeLength / FRAGMENT_DATA_BYTES);
}

/** The bitmap with one bit for each of a capsule's pieces. */
export function allPieces(codeLength: number): number {
  return (1 << pieceCount(codeLength)) - 1;
}

export interface SummaryFields {
  window: number;
  digest: number;
  /** One slot per type; types outside the window read 0. */
  readonly versions: Uint32Array;
  readonly hashes: Uint16Array;
}

export interface CapsuleFields {
  type: number;
  version: number;
  /** Where the code sits in the payload. */
  codeOffset: number;
  codeLength: number;
}

export interface FragmentFields {
  type: number;
  version: number;
  hash: number;
  /** The whole capsule's code length. */
  total: number;
  index: number;
  dataOffset: number;
  dataLength: number;
}

export interface RequestFields {
  type: number;
  version: number;
  hash: number;
  missing: number;
}

export function summaryFields(): SummaryFields {
  return { window: 0, digest: 0, versions: new Uint32Array(CAPSULE_TYPE_COUNT), hashes: new Uint16Array(CAPSULE_TYPE_COUNT) };
}

export function capsuleFields(): CapsuleFields {
  return { type: 0, version: 0, codeOffset: 0, codeLength: 0 };
}

export function fragmentFields(): FragmentFields {
  return { type: 0, version: 0, hash: 0, total: 0, index: 0, dataOffset: 0, dataLength: 0 };
}

export function requestFields(): RequestFields {
  return { type: 0, version: 0, hash: 0, missing: 0 };
}

/** A usable received length: an integer within both the buffer and the TOS_Msg payload. */
function fits(payload: Uint8Array, length: number): boolean {
  return Number.isInteger(length) && length >= 0 && length <= payload.length && length <= PAYLOAD_BYTES;
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function putU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v;
  b[at + 1] = v >>> 8;
  b[at + 2] = v >>> 16;
  b[at + 3] = v >>> 24;
}

function putU16(b: Uint8Array, at: number, v: number): void {
  b[at] = v;
  b[at + 1] = v >>> 8;
}

function popcount8(x: number): number {
  let n = 0;
  for (let b = x; b !== 0; b &= b - 1) n++;
  return n;
}

/** Writes a summary listing the types in `window` from entries base..base+7 of the arrays; returns its length. */
export function encodeSummary(out: Uint8Array, window: number, digest: number, versions: Uint32Array, hashes: Uint16Array, base: number): number {
  out[0] = window;
  putU32(out, 1, digest);
  let at = SUMMARY_HEADER_BYTES;
  for (let t = 0; t < CAPSULE_TYPE_COUNT; t++) {
    if ((window & (1 << t)) === 0) continue;
    putU32(out, at, versions[base + t]);
    putU16(out, at + 4, hashes[base + t]);
    at += SUMMARY_ENTRY_BYTES;
  }
  return at;
}

export function decodeSummary(payload: Uint8Array, length: number, out: SummaryFields): boolean {
  if (!fits(payload, length) || length < SUMMARY_HEADER_BYTES) return false;
  const window = payload[0];
  const n = popcount8(window);
  if (n > SUMMARY_MAX_ENTRIES || length !== SUMMARY_HEADER_BYTES + SUMMARY_ENTRY_BYTES * n) return false;
  let at = SUMMARY_HEADER_BYTES;
  for (let t = 0; t < CAPSULE_TYPE_COUNT; t++) {
    if ((window & (1 << t)) === 0) {
      out.versions[t] = 0;
      out.hashes[t] = 0;
      continue;
    }
    const hash = u16(payload, at + 4);
    if (hash === 0) return false; // a listed type holds a capsule, and no capsule hashes to 0
    out.versions[t] = u32(payload, at);
    out.hashes[t] = hash;
    at += SUMMARY_ENTRY_BYTES;
  }
  out.window = window;
  out.digest = u32(payload, 1);
  return true;
}

/** Writes a classic capsule packet; returns its length, or 0 when the code does not fit one packet. */
export function encodeCapsule(out: Uint8Array, type: number, version: number, code: Uint8Array): number {
  if (code.length > CLASSIC_MAX_BYTES) return 0;
  out[0] = type;
  putU32(out, 1, version);
  out.set(code, CLASSIC_HEADER_BYTES);
  return CLASSIC_HEADER_BYTES + code.length;
}

export function decodeCapsule(payload: Uint8Array, length: number, out: CapsuleFields): boolean {
  if (!fits(payload, length) || length < CLASSIC_HEADER_BYTES || payload[0] >= CAPSULE_TYPE_COUNT) return false;
  out.type = payload[0];
  out.version = u32(payload, 1);
  out.codeOffset = CLASSIC_HEADER_BYTES;
  out.codeLength = length - CLASSIC_HEADER_BYTES;
  return true;
}

/** Writes fragment `index` of an extended capsule; returns its length, or 0 when there is no such fragment. */
export function encodeFragment(out: Uint8Array, type: number, version: number, hash: number, code: Uint8Array, index: number): number {
  const total = code.length;
  if (total <= CLASSIC_MAX_BYTES || total > EXTENDED_MAX_BYTES || !(index >= 0 && index < pieceCount(total))) return 0;
  return writePiece(out, type, version, hash, total, index, code, total);
}

/**
 * The layout fragments and signature pieces share: type, version, hash, a length byte, the piece index,
 * then piece `index` of `source[0..sourceLength)`. Returns the payload length.
 */
function writePiece(out: Uint8Array, type: number, version: number, hash: number, lengthByte: number, index: number, source: Uint8Array, sourceLength: number): number {
  const from = index * FRAGMENT_DATA_BYTES;
  const n = Math.min(FRAGMENT_DATA_BYTES, sourceLength - from);
  out[0] = type;
  putU32(out, 1, version);
  putU16(out, 5, hash);
  out[7] = lengthByte;
  out[8] = index;
  out.set(source.subarray(from, from + n), FRAGMENT_HEADER_BYTES);
  return FRAGMENT_HEADER_BYTES + n;
}

export function decodeFragment(payload: Uint8Array, length: number, out: FragmentFields): boolean {
  if (!fits(payload, length) || length < FRAGMENT_HEADER_BYTES || payload[0] >= CAPSULE_TYPE_COUNT) return false;
  const total = payload[7];
  if (total <= CLASSIC_MAX_BYTES || total > EXTENDED_MAX_BYTES) return false;
  return readPiece(payload, length, out, total);
}

/**
 * The piece layout writePiece makes: checks the hash, that piece `index` lies within the `sourceLength`
 * bytes the pieces cut, and that the payload holds exactly that piece; then fills `out`.
 */
function readPiece(payload: Uint8Array, length: number, out: FragmentFields, sourceLength: number): boolean {
  const hash = u16(payload, 5);
  const index = payload[8];
  if (hash === 0 || index * FRAGMENT_DATA_BYTES >= sourceLength) return false;
  const dataLength = Math.min(FRAGMENT_DATA_BYTES, sourceLength - index * FRAGMENT_DATA_BYTES);
  if (length !== FRAGMENT_HEADER_BYTES + dataLength) return false;
  out.type = payload[0];
  out.version = u32(payload, 1);
  out.hash = hash;
  out.total = payload[7];
  out.index = index;
  out.dataOffset = FRAGMENT_HEADER_BYTES;
  out.dataLength = dataLength;
  return true;
}

/** Writes a request: 8 bytes, or 9 when the bitmap names signature pieces (bits 8..15). */
export function encodeRequest(out: Uint8Array, type: number, version: number, hash: number, missing: number): number {
  out[0] = type;
  putU32(out, 1, version);
  putU16(out, 5, hash);
  if (missing <= 0xff) {
    out[7] = missing;
    return REQUEST_BYTES;
  }
  putU16(out, 7, missing);
  return WIDE_REQUEST_BYTES;
}

export function decodeRequest(payload: Uint8Array, length: number, out: RequestFields): boolean {
  if (!fits(payload, length) || payload[0] >= CAPSULE_TYPE_COUNT) return false;
  // One encoding per request: the wide form only when the bitmap needs its high byte.
  if (length !== REQUEST_BYTES && !(length === WIDE_REQUEST_BYTES && payload[8] !== 0)) return false;
  const hash = u16(payload, 5);
  const missing = length === REQUEST_BYTES ? payload[7] : u16(payload, 7);
  if (hash === 0 || missing === 0) return false;
  out.type = payload[0];
  out.version = u32(payload, 1);
  out.hash = hash;
  out.missing = missing;
  return true;
}

/** Writes signature piece `index` of a signed capsule's descriptor; returns its length, or 0 when there is no such piece. */
export function encodeSignaturePiece(out: Uint8Array, type: number, version: number, hash: number, codeLength: number, descriptor: Uint8Array, index: number): number {
  const total = descriptorLength(codeLength);
  if (codeLength > EXTENDED_MAX_BYTES || descriptor.length < total || !(index >= 0 && index * FRAGMENT_DATA_BYTES < total)) return 0;
  return writePiece(out, type, version, hash, codeLength, index, descriptor, total);
}

/** Fills `out` as decodeFragment does, with `total` the code length and the data a slice of the descriptor. */
export function decodeSignaturePiece(payload: Uint8Array, length: number, out: FragmentFields): boolean {
  if (!fits(payload, length) || length < FRAGMENT_HEADER_BYTES || payload[0] >= CAPSULE_TYPE_COUNT) return false;
  const total = payload[7];
  if (total > EXTENDED_MAX_BYTES) return false;
  return readPiece(payload, length, out, descriptorLength(total));
}
