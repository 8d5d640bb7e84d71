// A capsule with its signature attached: how capsule files, the base station and a mote's flash keep
// signed code. The signature rides beside the capsule's fields, so code that knows nothing of
// signatures (the VM, the flash, the trace) handles a signed capsule as any other.

import type { Capsule } from '../../vm/capsule.js';
import { SIGNATURE_BYTES } from '../dissemination/packets.js';

export interface SignedCapsule extends Capsule {
  /** Ed25519 over the capsule's type, version, length and piece hashes (signature.ts). */
  readonly signature: Uint8Array;
}

/** The same capsule carrying `signature` (a copy: capsules are shared and never mutated). */
export function withSignature(capsule: Capsule, signature: Uint8Array): SignedCapsule {
  return { type: capsule.type, version: capsule.version, name: capsule.name, code: capsule.code, signature: Uint8Array.from(signature) };
}

/** The capsule's signature if it carries a well-formed one. */
export function signatureOf(capsule: Capsule): Uint8Array | undefined {
  const signature = (capsule as Partial<SignedCapsule>).signature;
  return signature instanceof Uint8Array && signature.length === SIGNATURE_BYTES ? signature : undefined;
}
