// The seam between a mote and the network protocols that run on it (Trickle dissemination, and
// later signed code): the mote hands a protocol its packets and one timer; the protocol answers
// with broadcasts and capsule installs. Everything a protocol touches goes through ProtocolHost,
// so protocols are testable on a fake network and the simulator stays ignorant of their packets.

import type { Capsule } from '../../vm/capsule.js';

/** TinyOS active-message types on our radio (one byte in the TOS_Msg header, SPEC 5). */
export const AM = {
  /** Maté data messages: `send`, `sendr` from bytecode; delivered to the receive context. */
  vm: 0x10,
  /** Maté `send`: a message routed hop by hop toward the base station (mote 0), to each hop's send context. */
  routed: 0x11,
  /** Trickle: a summary of installed capsule versions. */
  summary: 0x20,
  /** A classic capsule, whole, in one packet. */
  capsule: 0x21,
  /** One fragment of an extended capsule. */
  fragment: 0x22,
  /** A request for a capsule version (with a bitmap of the fragments still missing). */
  request: 0x23,
  /** Signed code: one piece of a capsule's signed descriptor (piece hashes and signature, sim/security). */
  signature: 0x24,
} as const;

export interface ProtocolHost {
  readonly moteId: number;
  /** Simulated nanoseconds. */
  now(): number;
  /** A float in [0, 1) from this mote's seeded stream. */
  random(): number;
  /** Queues a broadcast of payload[0..length) (at most 29 bytes); false when the send queue is full. */
  broadcast(amType: number, payload: Uint8Array, length: number): boolean;
  /**
   * Queues payload[0..length) for one neighbour only (others overhear and drop it); with the reliable
   * link layer it is acknowledged and retransmitted. Optional: hosts without unicast leave it out.
   */
  unicast?(dest: number, amType: number, payload: Uint8Array, length: number): boolean;
  /** Arms the protocol's one timer at an absolute time (ns), replacing any earlier one; Infinity disarms. */
  setTimer(at: number): void;
  /** The capsule of this type number (0-7) in flash, if any. Flash survives reboots. */
  stored(type: number): Capsule | undefined;
  /** Verifies a capsule's bytecode (the assembler's verifier); false means never store or run it. */
  verify(capsule: Capsule): boolean;
  /** Writes the capsule to flash and installs it in the VM (contexts reset as SPEC 7 says). */
  install(capsule: Capsule): void;
  /**
   * CPU work the protocol did beyond handling the packet (a signature check), in ATmega cycles: the
   * mote's task runs that much longer and pays for it in energy. Optional: hosts without a CPU model skip it.
   */
  charge?(cycles: number): void;
  /** Records a notable protocol event in the trace (e.g. "request", "install"), for oracles and the dashboard. */
  note(event: string, detail: number): void;
}

export interface Protocol {
  /** Power-up or reboot: RAM state is fresh; flash (host.stored) still holds what was installed. */
  boot(host: ProtocolHost): void;
  /** The timer armed with setTimer has fired. */
  onTimer(host: ProtocolHost): void;
  /** A packet of one of the protocol's AM types arrived from `source`. Must never throw on any bytes. */
  onPacket(host: ProtocolHost, amType: number, payload: Uint8Array, length: number, source: number): void;
  /** The base station injects new code at this mote. */
  inject(host: ProtocolHost, capsule: Capsule): void;
  /** Bytecode `forw`/`forwo`: broadcast the installed capsule of this type now. */
  forward(host: ProtocolHost, type: number): void;
  /** Which AM types this protocol handles. */
  readonly amTypes: readonly number[];
}
