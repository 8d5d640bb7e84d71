// Capsules for the dissemination tests: valid code of any size from 1 to 128 bytes, told apart by a seed.

import type { Capsule, CapsuleType } from '../../../vm/capsule.js';

/**
 * `pushc s; pop` pairs ending in `halt`: verifiable code of exactly `length` bytes (a `pushc 0`
 * pads an even length; the verifier allows a value left on the stack at halt). The seed picks the
 * constants, so two seeds give two codes of one length.
 */
export function program(length: number, seed = 0): Uint8Array {
  const code = new Uint8Array(length);
  let at = 0;
  if (length % 2 === 0) code[at++] = 0xc0; // pushc 0
  for (let i = 0; at + 1 < length; i++) {
    code[at++] = 0xc0 | ((seed * 7 + i) & 0x3f); // pushc
    code[at++] = 0x0b; // pop
  }
  code[at] = 0x00; // halt
  return code;
}

export function capsule(length: number, version: number, seed = 0, type: CapsuleType = 'clock', name = `c${length}v${version}s${seed}`): Capsule {
  return { type, version, name, code: program(length, seed) };
}
