// Fixed key pairs for the security tests: from constant seeds, so every run signs the same bytes.

import { keyPairFromSeed } from '../../sim/security/index.js';
import { withSignature, signCapsule, type SignedCapsule } from '../../sim/security/index.js';
import type { Capsule } from '../../vm/capsule.js';

export const BASE = keyPairFromSeed(new Uint8Array(32).fill(7));
export const ROGUE = keyPairFromSeed(new Uint8Array(32).fill(66));

export function signed(capsule: Capsule, key = BASE): SignedCapsule {
  return withSignature(capsule, signCapsule(capsule, key.privateKey));
}
