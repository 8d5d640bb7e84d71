// Ed25519 key pairs for signed code (RFC 8032, via node:crypto): the base station signs with the private
// key, motes hold the public key. Keys live in PEM files as OpenSSL writes them (PKCS #8 private,
// SubjectPublicKeyInfo public), so `openssl pkey -in KEY -text` reads ours and ours reads theirs.
// Reading never throws: a bad file is a one-line error naming it.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface KeyPair {
  readonly publicKey: KeyObject;
  /** Absent when the file held only a public key: such a holder can check signatures but not make them. */
  readonly privateKey?: KeyObject;
}

export type ReadKeyResult = { ok: true; key: KeyPair } | { ok: false; error: string };

/** Ed25519 raw keys are 32 bytes. */
export const PUBLIC_KEY_BYTES = 32;
/** The DER header of an Ed25519 PKCS #8 private key (RFC 8410 section 7), followed by the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A fresh random key pair (`mote keygen`); the only non-deterministic step in signed code. */
export function generateKeyPair(): Required<KeyPair> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey, privateKey };
}

/** The key pair whose private key is this 32-byte seed (RFC 8032 section 5.1.5): for tests and scripted attackers. */
export function keyPairFromSeed(seed: Uint8Array): Required<KeyPair> {
  if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { publicKey: createPublicKey(privateKey), privateKey };
}

export function privatePem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function publicPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

/** The raw 32-byte public key (the last bytes of its SubjectPublicKeyInfo). */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - PUBLIC_KEY_BYTES));
}

/** A short name for a public key: the first 8 bytes of SHA-256 over its raw bytes, in hex. */
export function fingerprint(key: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(key)).digest('hex').slice(0, 16);
}

/** Reads a PEM key file's text: an Ed25519 private key (the pair) or an Ed25519 public key. */
export function readKey(text: string, file: string): ReadKeyResult {
  const fail = (why: string): ReadKeyResult => ({ ok: false, error: `${file}: ${why}` });
  const block = /-----BEGIN ([A-Z ]+)-----/.exec(text);
  if (block === null) return fail('not a PEM key file (no -----BEGIN line; make one with mote keygen)');
  const line = text.slice(0, block.index).split('\n').length;
  const kind = block[1];
  let pair: KeyPair;
  try {
    if (kind === 'PRIVATE KEY') {
      const privateKey = createPrivateKey({ key: text, format: 'pem' });
      pair = { publicKey: createPublicKey(privateKey), privateKey };
    } else if (kind === 'PUBLIC KEY') {
      pair = { publicKey: createPublicKey({ key: text, format: 'pem' }) };
    } else {
      return fail(`line ${line}: a ${kind} block; want a PRIVATE KEY or PUBLIC KEY block`);
    }
  } catch {
    return fail(`line ${line}: the ${kind} block is corrupt`);
  }
  if (pair.publicKey.asymmetricKeyType !== 'ed25519') {
    return fail(`line ${line}: an ${pair.publicKey.asymmetricKeyType ?? 'unknown'} key; mote signs with Ed25519 keys`);
  }
  return { ok: true, key: pair };
}
