// The TR1000 radio of the mica mote: SPEC 1 (40 kbps), SPEC 2 (30 ms start-up, transmit 12 mA, receive
// 3.6 mA) and SPEC 5 (36-byte TOS_Msg). Medium access is CSMA with random backoff, as the TinyOS 1.x
// mica stacks did: a random initial backoff, then carrier sense; a busy channel means a random
// congestion backoff and another try. The backoff windows are ours (in 25 us bit slots): up to 10 ms
// first, up to one packet time (7.2 ms) after a busy channel.

import { powerState } from '../core/power-states.js';
import { airtimeNs, BIT_NS, FULL_PACKET_BYTES } from '../radio/airtime.js';

function row(state: 'transmit' | 'receive'): { currentMicroAmps: number; startupNs: number } {
  const r = powerState('radio', state);
  if (r === undefined) throw new Error(`SPEC 2 has no radio ${state} row`);
  return r;
}

export const RADIO_TX_UA = row('transmit').currentMicroAmps;
export const RADIO_RX_UA = row('receive').currentMicroAmps;
/** From off to usable; spent at the target state's current (SPEC 4 note). */
export const RADIO_STARTUP_NS = row('receive').startupNs;

/** Radio states (per mote, in a Uint8Array). */
export const RADIO_OFF = 0;
export const RADIO_STARTING = 1;
export const RADIO_LISTEN = 2;
export const RADIO_TX = 3;

/** Packets a mote can hold waiting for the channel (TinyOS queued send); the next send is refused. */
export const SEND_QUEUE = 4;
/** The broadcast address (TOS_BCAST_ADDR). */
export const BROADCAST = 0xffff;

export const SLOT_NS = BIT_NS;
export const INITIAL_BACKOFF_SLOTS = 400;
export const CONGESTION_BACKOFF_SLOTS = 288;

/** An acknowledgement frame: header and CRC, no payload (1.4 ms). Used by the reliable link layer. */
export const ACK_AIRTIME_NS = airtimeNs(0);
/** Bytes on the air for a data packet: SPEC 5 counts the full TOS_Msg whatever the payload. */
export const FRAME_BYTES = FULL_PACKET_BYTES;
