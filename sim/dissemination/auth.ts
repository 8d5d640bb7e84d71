// The seam between dissemination and signed code (issue 9): what the engine asks of whoever holds the
// public key (sim/security implements it), so the engine stays free of cryptography. With an auth,
// a capsule travels as its signed descriptor (signature pieces, AM 0x24) and then its code, and each
// piece of code is checked on arrival against the descriptor (packets.ts has the layouts).

import type { Capsule } from '../../vm/capsule.js';
import type { ProtocolHost } from '../network/protocol.js';

export interface CapsuleAuth {
  /** The descriptor (piece hashes, then signature) of a capsule a mote holds; undefined when it carries no signature. */
  descriptorOf(capsule: Capsule): Uint8Array | undefined;
  /** A received descriptor: does its signature over (type, version, code length, piece hashes) verify? Charges the mote. */
  verifyDescriptor(host: ProtocolHost, type: number, version: number, codeLength: number, descriptor: Uint8Array): boolean;
  /** Does piece `index`, data[from, from + length), match its hash in the verified descriptor? Charges the mote. */
  checkPiece(host: ProtocolHost, type: number, version: number, index: number, data: Uint8Array, from: number, length: number, descriptor: Uint8Array): boolean;
  /** The capsule as flash keeps it: with the signature from its verified descriptor, so the mote can serve it on. */
  signed(capsule: Capsule, descriptor: Uint8Array): Capsule;
  /** Code injected by the base station: does its own signature verify? Charges the mote. */
  verifyCapsule(host: ProtocolHost, capsule: Capsule): boolean;
  /** A mote whose firmware an attacker controls: it takes whatever code it is given, unchecked. */
  compromised(moteId: number): boolean;
}
