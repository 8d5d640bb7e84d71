// The motes' side of signed code: the CapsuleAuth that dissemination consults (sim/dissemination/
// auth.ts), holding the base station's public key. Every check is charged to the mote that makes it,
// in the published AVR cycle counts of costs.ts, and counted here per mote.

import type { KeyObject } from 'node:crypto';
import { CLASSIC_MAX_BYTES, type Capsule } from '../../vm/capsule.js';
import type { CapsuleAuth } from '../dissemination/auth.js';
import { PIECE_HASH_BYTES, SIGNATURE_BYTES, pieceCount } from '../dissemination/packets.js';
import type { ProtocolHost } from '../network/protocol.js';
import { ED25519_VERIFY_CYCLES, sha256Cycles } from './costs.js';
import { descriptorOf, pieceHash, verifyCapsule, verifyDescriptor } from './signature.js';
import { signatureOf, withSignature } from './signed-capsule.js';

/** Bytes a piece hash covers besides the piece: type, version, index. */
const PIECE_HASH_HEADER = 6;

export interface SecurityOptions {
  /** The base station's public key, burnt into every mote. */
  readonly publicKey: KeyObject;
  /** Motes the attacker controls (`--attacker`): they take any code unchecked. */
  readonly compromised?: readonly number[];
}

export interface SecurityCounters {
  /** Signatures checked (descriptors heard, injections), and how many failed. */
  signatureChecks: number;
  signatureFailures: number;
  /** Pieces of code checked against a verified descriptor, and how many did not match. */
  pieceChecks: number;
  pieceFailures: number;
  /** Cycles charged for all of it, network-wide. */
  cycles: number;
  /** Per mote id: signatures that failed there plus pieces dropped there. */
  readonly rejectionsByMote: number[];
}

export interface MoteSecurity extends CapsuleAuth {
  readonly counters: SecurityCounters;
}

export function createMoteSecurity(options: SecurityOptions): MoteSecurity {
  const { publicKey } = options;
  const compromised = new Set(options.compromised ?? []);
  const counters: SecurityCounters = { signatureChecks: 0, signatureFailures: 0, pieceChecks: 0, pieceFailures: 0, cycles: 0, rejectionsByMote: [] };
  // A mote keeps a capsule's descriptor in flash beside it; here it is computed once per capsule object.
  const descriptors = new WeakMap<Capsule, Uint8Array>();
  const scratch = new Uint8Array(PIECE_HASH_BYTES);

  const charge = (host: ProtocolHost, cycles: number): void => {
    counters.cycles += cycles;
    host.charge?.(cycles);
  };
  const rejectedAt = (moteId: number): void => {
    counters.rejectionsByMote[moteId] = (counters.rejectionsByMote[moteId] ?? 0) + 1;
  };
  const signatureChecked = (host: ProtocolHost, ok: boolean): boolean => {
    counters.signatureChecks++;
    if (!ok) {
      counters.signatureFailures++;
      rejectedAt(host.moteId);
    }
    return ok;
  };

  return {
    counters,
    descriptorOf(capsule) {
      let d = descriptors.get(capsule);
      if (d === undefined) {
        const signature = signatureOf(capsule);
        if (signature === undefined) return undefined;
        d = descriptorOf(capsule, signature);
        descriptors.set(capsule, d);
      }
      return d;
    },
    verifyDescriptor(host, type, version, codeLength, descriptor) {
      charge(host, ED25519_VERIFY_CYCLES);
      return signatureChecked(host, verifyDescriptor(publicKey, type, version, codeLength, descriptor));
    },
    checkPiece(host, type, version, index, data, from, length, descriptor) {
      charge(host, sha256Cycles(PIECE_HASH_HEADER + length));
      counters.pieceChecks++;
      pieceHash(type, version, index, data, from, length, scratch, 0);
      const at = index * PIECE_HASH_BYTES;
      for (let i = 0; i < PIECE_HASH_BYTES; i++) {
        if (scratch[i] !== descriptor[at + i]) {
          counters.pieceFailures++;
          rejectedAt(host.moteId);
          return false;
        }
      }
      return true;
    },
    signed(capsule, descriptor) {
      return withSignature(capsule, descriptor.subarray(descriptor.length - SIGNATURE_BYTES));
    },
    verifyCapsule(host, capsule) {
      const signature = signatureOf(capsule);
      // Hash every piece (a classic capsule's 24 bytes and a fragment's 20 both take one block), then verify.
      charge(host, ED25519_VERIFY_CYCLES + pieceCount(capsule.code.length) * sha256Cycles(PIECE_HASH_HEADER + CLASSIC_MAX_BYTES));
      return signatureChecked(host, signature !== undefined && verifyCapsule(publicKey, capsule, signature));
    },
    compromised: (moteId) => compromised.has(moteId),
  };
}
