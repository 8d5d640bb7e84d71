// Signatures over capsules (sim/security/signature.ts): what they cover, the descriptor that carries
// them, and keys in PEM files.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  descriptorOf, fingerprint, generateKeyPair, keyPairFromSeed, pieceHashes, privatePem, publicPem, readKey, signCapsule, verifyCapsule, verifyDescriptor,
} from '../../sim/security/index.js';
import { readCapsuleFile, writeCapsuleFile } from '../../assembler/capsule-file.js';
import { descriptorLength, signaturePieces } from '../../sim/dissemination/packets.js';
import { CAPSULE_TYPES, type Capsule } from '../../vm/capsule.js';
import { capsule } from '../sim/dissemination/capsules.js';
import { BASE, ROGUE } from './keys.js';

const anyCapsule = fc.record({
  length: fc.integer({ min: 1, max: 128 }),
  version: fc.integer({ min: 0, max: 0xffff_ffff }),
  seed: fc.nat(50),
  type: fc.constantFrom(...CAPSULE_TYPES),
}).map(({ length, version, seed, type }) => capsule(length, version, seed, type));

describe('capsule signatures', () => {
  it('are 64 bytes and verify under the signing key only', () => {
    fc.assert(
      fc.property(anyCapsule, (c) => {
        const s = signCapsule(c, BASE.privateKey);
        expect(s).toHaveLength(64);
        expect(verifyCapsule(BASE.publicKey, c, s)).toBe(true);
        expect(verifyCapsule(ROGUE.publicKey, c, s)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('cover the type, the version and every byte of the code', () => {
    fc.assert(
      fc.property(anyCapsule, fc.nat(), fc.integer({ min: 1, max: 255 }), (c, where, flip) => {
        const s = signCapsule(c, BASE.privateKey);
        const code = c.code.slice();
        code[where % code.length] ^= flip;
        const others: Capsule[] = [
          { ...c, code },
          { ...c, version: (c.version + 1) >>> 0 },
          { ...c, type: CAPSULE_TYPES[(CAPSULE_TYPES.indexOf(c.type) + 1) % 8] },
          { ...c, code: c.code.subarray(0, c.code.length - 1) },
        ];
        for (const o of others) expect(verifyCapsule(BASE.publicKey, o, s)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('do not depend on the name, which never goes on the air', () => {
    const c = capsule(40, 3);
    expect(verifyCapsule(BASE.publicKey, { ...c, name: 'renamed' }, signCapsule(c, BASE.privateKey))).toBe(true);
  });

  it('are deterministic (RFC 8032): one key and one capsule give one signature', () => {
    const c = capsule(100, 9);
    expect(Buffer.from(signCapsule(c, BASE.privateKey)).equals(Buffer.from(signCapsule(c, BASE.privateKey)))).toBe(true);
  });

  it('reject a signature of the wrong length or with one bit flipped', () => {
    const c = capsule(10, 1);
    const s = signCapsule(c, BASE.privateKey);
    expect(verifyCapsule(BASE.publicKey, c, s.subarray(0, 63))).toBe(false);
    for (const bit of [0, 100, 511]) {
      const t = s.slice();
      t[bit >> 3] ^= 1 << (bit & 7);
      expect(verifyCapsule(BASE.publicKey, c, t)).toBe(false);
    }
  });
});

describe('the signed descriptor', () => {
  it('holds an 8-byte hash per piece then the signature: 72 bytes (4 pieces) classic, 120 (6) at 128 bytes', () => {
    expect(descriptorLength(24)).toBe(72);
    expect(descriptorLength(25)).toBe(8 * 2 + 64);
    expect(descriptorLength(128)).toBe(120);
    expect(signaturePieces(24)).toBe(0b1111 << 8);
    expect(signaturePieces(128)).toBe(0b111111 << 8);
    const c = capsule(128, 2);
    const d = descriptorOf(c, signCapsule(c, BASE.privateKey));
    expect(d).toHaveLength(120);
    expect(Buffer.from(d.subarray(0, 56)).equals(Buffer.from(pieceHashes(c)))).toBe(true);
  });

  it('verifies as received, and not when a piece hash or the length is changed', () => {
    const c = capsule(70, 5);
    const d = descriptorOf(c, signCapsule(c, BASE.privateKey));
    const type = CAPSULE_TYPES.indexOf(c.type);
    expect(verifyDescriptor(BASE.publicKey, type, 5, 70, d)).toBe(true);
    expect(verifyDescriptor(BASE.publicKey, type, 5, 71, d)).toBe(false);
    const bad = d.slice();
    bad[3] ^= 0x40;
    expect(verifyDescriptor(BASE.publicKey, type, 5, 70, bad)).toBe(false);
    expect(verifyDescriptor(BASE.publicKey, type, 5, 70, d.subarray(0, 50))).toBe(false);
  });
});

describe('signed capsule files', () => {
  it('keep the signature beside the capsule, read back as written', () => {
    const c = capsule(50, 4);
    const s = signCapsule(c, BASE.privateKey);
    const read = readCapsuleFile(writeCapsuleFile(c, 'src', s), 's.cap');
    expect(read).toEqual({ ok: true, capsule: c, source: 'src', signature: s });
  });

  it('stay readable as plain capsules: the signature is one more key, the capsule is the same', () => {
    const c = capsule(10, 2);
    const plain = readCapsuleFile(writeCapsuleFile(c), 'p.cap');
    const signedFile = readCapsuleFile(writeCapsuleFile(c, undefined, signCapsule(c, BASE.privateKey)), 's.cap');
    expect(plain.ok && signedFile.ok && plain.capsule).toEqual(signedFile.ok && signedFile.capsule);
    expect(plain.ok && plain.signature).toBeUndefined();
  });

  it('refuse a signature that is not 64 bytes, in one line naming the file', () => {
    const c = capsule(10, 2);
    expect(readCapsuleFile(writeCapsuleFile(c, undefined, new Uint8Array(10)), 'b.cap')).toEqual({
      ok: false,
      error: 'b.cap: bad signature (10 bytes) (expected a 64-byte Ed25519 signature)',
    });
  });
});

describe('key files', () => {
  it('round-trip a private key (the pair) and a public key through PEM', () => {
    const pair = generateKeyPair();
    const priv = readKey(privatePem(pair.privateKey), 'k');
    const pub = readKey(publicPem(pair.publicKey), 'k.pub');
    expect(priv.ok && priv.key.privateKey !== undefined && fingerprint(priv.key.publicKey) === fingerprint(pair.publicKey)).toBe(true);
    expect(pub.ok && pub.key.privateKey === undefined && fingerprint(pub.key.publicKey) === fingerprint(pair.publicKey)).toBe(true);
  });

  it('give the same pair from the same seed', () => {
    expect(fingerprint(keyPairFromSeed(new Uint8Array(32).fill(7)).publicKey)).toBe(fingerprint(BASE.publicKey));
    expect(() => keyPairFromSeed(new Uint8Array(31))).toThrow(RangeError);
  });

  it('refuse text that is not a key, a corrupt block, another block kind and another algorithm, naming file and line', () => {
    expect(readKey('hello', 'a.key')).toEqual({ ok: false, error: 'a.key: not a PEM key file (no -----BEGIN line; make one with mote keygen)' });
    const corrupt = readKey('\n\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'b.key');
    expect(corrupt).toEqual({ ok: false, error: 'b.key: line 3: the PRIVATE KEY block is corrupt' });
    expect(readKey('-----BEGIN CERTIFICATE-----\n', 'c.pem')).toEqual({ ok: false, error: 'c.pem: line 1: a CERTIFICATE block; want a PRIVATE KEY or PUBLIC KEY block' });
    const rsa = readKey(privatePem(generateRsa()), 'd.key');
    expect(rsa.ok ? '' : rsa.error).toBe("d.key: line 1: an rsa key; mote signs with Ed25519 keys");
  });
});

function generateRsa(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
}
