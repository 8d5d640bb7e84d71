// How long a packet occupies the air, SPEC 5: a TinyOS 1.x TOS_Msg at 40 kbps (SPEC 1, 25 us a bit).
// (preamble + 2 dest + 1 AM type + 1 group + 1 length + payload + 2 CRC) bytes x 8 bits x 25 us.
//
// The preamble is a setting. Its default is 0 bytes, the figure SPEC 5 quotes (a full packet is 7.2 ms and
// 288 bits); the mica stack's real start symbol and SEC-DED coding are folded into the measured loss
// rates rather than the airtime. Give a preamble to model a longer wake-up sequence.

import { PAYLOAD_BYTES } from '../../vm/capsule.js';

export const BIT_NS = 25_000;
/** Destination 2 + AM type 1 + group 1 + length 1 before the payload; CRC 2 after it. */
export const HEADER_BYTES = 5;
export const CRC_BYTES = 2;
/** 36 bytes: a TOS_Msg with the full 29-byte payload. */
export const FULL_PACKET_BYTES = HEADER_BYTES + PAYLOAD_BYTES + CRC_BYTES;
export const DEFAULT_PREAMBLE_BYTES = 0;

/**
 * Airtime in nanoseconds of a frame carrying `payloadBytes` (0..29) after `preambleBytes`. SPEC 5 counts
 * the whole 36-byte TOS_Msg for every packet, so the simulator passes PAYLOAD_BYTES; a smaller payload
 * models a frame trimmed to its length byte.
 */
export function airtimeNs(payloadBytes: number = PAYLOAD_BYTES, preambleBytes: number = DEFAULT_PREAMBLE_BYTES): number {
  return (preambleBytes + HEADER_BYTES + payloadBytes + CRC_BYTES) * 8 * BIT_NS;
}

/** 7.2 ms: one full packet at the default preamble (SPEC 5). */
export const PACKET_AIRTIME_NS = airtimeNs();
