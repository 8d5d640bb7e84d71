// What a capsule's signature covers and how a mote checks it (sim/security/README.md has the byte
// layouts). The base station signs, with Ed25519 (RFC 8032), a message naming the capsule's type,
// version and length and listing an 8-byte SHA-256 hash of each piece the code travels in; the
// signed descriptor (the piece hashes, then the signature) travels first, so every piece after it is
// checked on arrival against its own hash, as Seluge's signed Merkle root and Sluice's signed hash
// chain let Deluge check each packet or page on arrival.

import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { CAPSULE_TYPES, type Capsule } from '../../vm/capsule.js';
import { FRAGMENT_DATA_BYTES, PIECE_HASH_BYTES, SIGNATURE_BYTES, descriptorLength, pieceCount } from '../dissemination/packets.js';

/** Domain separation: these bytes start every signed message, so no other Ed25519 use of the key can be replayed as a capsule. */
const MAGIC = Buffer.from('MOTECAP1', 'ascii');
/** magic (8), type (1), version u32 LE (4), code length (1). */
const MESSAGE_HEADER_BYTES = MAGIC.length + 6;

/** Where piece `index` of code `length` bytes long sits in the code: the whole of a classic capsule, else 20-byte fragments. */
export function pieceSpan(length: number, index: number): { from: number; to: number } {
  if (pieceCount(length) === 1) return { from: 0, to: length };
  const from = index * FRAGMENT_DATA_BYTES;
  return { from, to: Math.min(length, from + FRAGMENT_DATA_BYTES) };
}

/** SHA-256 over type, version (u32 LE), index and the piece's bytes, cut to 8 bytes, written at out[at]. */
export function pieceHash(type: number, version: number, index: number, data: Uint8Array, from: number, length: number, out: Uint8Array, at: number): void {
  const header = Buffer.from([type, version & 0xff, (version >>> 8) & 0xff, (version >>> 16) & 0xff, version >>> 24, index]);
  const digest = createHash('sha256').update(header).update(data.subarray(from, from + length)).digest();
  out.set(digest.subarray(0, PIECE_HASH_BYTES), at);
}

/** The piece hashes of a capsule, one after another: the first part of its descriptor. */
export function pieceHashes(capsule: Capsule): Uint8Array {
  const type = CAPSULE_TYPES.indexOf(capsule.type);
  const n = pieceCount(capsule.code.length);
  const out = new Uint8Array(n * PIECE_HASH_BYTES);
  for (let i = 0; i < n; i++) {
    const { from, to } = pieceSpan(capsule.code.length, i);
    pieceHash(type, capsule.version, i, capsule.code, from, to - from, out, i * PIECE_HASH_BYTES);
  }
  return out;
}

/** The bytes Ed25519 signs: magic, type, version, code length, piece hashes. */
function signedMessage(type: number, version: number, codeLength: number, hashes: Uint8Array): Buffer {
  const m = Buffer.alloc(MESSAGE_HEADER_BYTES + hashes.length);
  MAGIC.copy(m, 0);
  m[MAGIC.length] = type;
  m.writeUInt32LE(version >>> 0, MAGIC.length + 1);
  m[MAGIC.length + 5] = codeLength;
  m.set(hashes, MESSAGE_HEADER_BYTES);
  return m;
}

/** The 64-byte Ed25519 signature of a capsule (deterministic: the same key and capsule give the same bytes). */
export function signCapsule(capsule: Capsule, privateKey: KeyObject): Uint8Array {
  const type = CAPSULE_TYPES.indexOf(capsule.type);
  return new Uint8Array(sign(null, signedMessage(type, capsule.version, capsule.code.length, pieceHashes(capsule)), privateKey));
}

/** The descriptor that travels ahead of the code: piece hashes, then the signature. */
export function descriptorOf(capsule: Capsule, signature: Uint8Array): Uint8Array {
  const hashes = pieceHashes(capsule);
  const out = new Uint8Array(descriptorLength(capsule.code.length));
  out.set(hashes, 0);
  out.set(signature.subarray(0, SIGNATURE_BYTES), hashes.length);
  return out;
}

/** Checks a received descriptor: its signature over (type, version, code length, its piece hashes). */
export function verifyDescriptor(publicKey: KeyObject, type: number, version: number, codeLength: number, descriptor: Uint8Array): boolean {
  const n = descriptorLength(codeLength);
  if (descriptor.length < n) return false;
  const hashes = descriptor.subarray(0, n - SIGNATURE_BYTES);
  const signature = descriptor.subarray(n - SIGNATURE_BYTES, n);
  return verify(null, signedMessage(type, version, codeLength, hashes), publicKey, signature);
}

/** Checks a whole capsule against a signature (an injection, a capsule file). */
export function verifyCapsule(publicKey: KeyObject, capsule: Capsule, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  return verifyDescriptor(publicKey, CAPSULE_TYPES.indexOf(capsule.type), capsule.version, capsule.code.length, descriptorOf(capsule, signature));
}
