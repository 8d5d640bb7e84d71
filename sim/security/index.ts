// Signed code (issue 9): keys, signatures, what checking costs a mote, the motes' CapsuleAuth, and the
// rogue-mote scenario. sim/security/README.md has the design, the byte layouts and the references.

export { createMoteSecurity, type MoteSecurity, type SecurityCounters, type SecurityOptions } from './auth.js';
export { ED25519_VERIFY_CYCLES, SHA256_BLOCK_CYCLES, sha256Cycles } from './costs.js';
export { fingerprint, generateKeyPair, keyPairFromSeed, privatePem, publicPem, rawPublicKey, readKey, type KeyPair, type ReadKeyResult } from './keys.js';
export { descriptorOf, pieceHash, pieceHashes, signCapsule, verifyCapsule, verifyDescriptor } from './signature.js';
export { signatureOf, withSignature, type SignedCapsule } from './signed-capsule.js';
