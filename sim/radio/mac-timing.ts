// How long a packet holds the air and how CSMA waits for it: our default (sim/network/radio.ts) or the
// TinyOS 1.x mica stack as TOSSIM ran it (tos/platform/pc ChannelMonC.nc, MicaHighSpeedRadioM.nc).
//
// A backoff is `min + uniform{0..count-1}` units. ChannelMon samples the channel every 50 us (200
// cycles at 4 MHz); macDelay waits 100 + (rand & 0x3f) samples (5.0 to 8.15 ms), then sends only if the
// last 12 samples (600 us) were quiet, else waits 50 + (rand & 0x1ff) samples (2.5 to 28.05 ms) and
// looks again.

import { PAYLOAD_BYTES } from '../../vm/capsule.js';
import { airtimeNs, BIT_NS } from './airtime.js';
import { TOSSIM_AIRTIME_NS } from './tossim.js';
import { CONGESTION_BACKOFF_SLOTS, INITIAL_BACKOFF_SLOTS, SLOT_NS } from '../network/radio.js';

export interface Backoff {
  readonly min: number;
  readonly count: number;
  readonly unitNs: number;
}

export interface MacTiming {
  /** How long one data packet is on the air, ns; undefined: the preamble setting decides (airtime.ts). */
  readonly airtimeNs?: number;
  readonly initial: Backoff;
  readonly congestion: Backoff;
  /** The channel must have been quiet this long before a send (0: quiet now is enough). */
  readonly quietNs: number;
}

/** Ours (sim/network/radio.ts): up to 10 ms first, up to one packet time after a busy channel, in 25 us bit slots. */
export const DEFAULT_MAC: MacTiming = {
  initial: { min: 1, count: INITIAL_BACKOFF_SLOTS, unitNs: SLOT_NS },
  congestion: { min: 1, count: CONGESTION_BACKOFF_SLOTS, unitNs: SLOT_NS },
  quietNs: 0,
};

const SAMPLE_NS = 2 * BIT_NS;

export const TOSSIM_MAC: MacTiming = {
  airtimeNs: TOSSIM_AIRTIME_NS,
  initial: { min: 100, count: 64, unitNs: SAMPLE_NS },
  congestion: { min: 50, count: 512, unitNs: SAMPLE_NS },
  quietNs: 12 * SAMPLE_NS,
};

/** The airtime a network uses: the MAC's own, else a full TOS_Msg after the preamble. */
export function frameAirtimeNs(mac: MacTiming, preambleBytes: number): number {
  return mac.airtimeNs ?? airtimeNs(PAYLOAD_BYTES, preambleBytes);
}
