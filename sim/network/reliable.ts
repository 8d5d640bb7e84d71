// The reliable link layer (`linkLayer: 'reliable'`): stop-and-wait per sender. A packet stays at the
// head of the queue until every receiver it is meant for (all neighbours for a broadcast, the
// destination for a unicast) has acknowledged it, or it has been sent maxTries times. Receivers number
// packets per directed link and hand each to the stack once, in order: FIFO links without duplicates.
//
// The acknowledgement is a header-only frame (1.4 ms) that crosses the reverse link with that link's
// loss rate and costs the receiver its transmit energy; it travels in the gap after the data frame,
// so it neither senses the channel nor collides (an abstraction: real mica acks were bits appended to
// the frame). A lost data frame or ack means the sender backs off and sends again.

import { linkPrr } from '../radio/link-table.js';
import { backoff, MAC_WAIT } from './mac.js';
import { RADIO } from './power.js';
import { ACK_AIRTIME_NS, BROADCAST, CONGESTION_BACKOFF_SLOTS, RADIO_RX_UA, RADIO_TX_UA } from './radio.js';
import { linkCut } from './channel.js';
import type { World } from './world.js';

/** First transmission of a packet: note who must acknowledge it (receivers alive now). */
export function markNeeded(w: World, m: number, dest: number): void {
  const { offsets, neighbours } = w.links;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    const v = neighbours[k];
    w.needAck[k] = w.alive[v] === 1 && (dest === BROADCAST || dest === v) ? 1 : 0;
  }
}

/**
 * Receiver v got sequence `seq` from m intact over link k: it acknowledges if asked, and the packet
 * is new (true: deliver it) unless v already delivered this sequence number.
 */
export function ackFrom(w: World, m: number, v: number, k: number, seq: number): boolean {
  if (w.needAck[k] === 1) {
    w.stats.acks++;
    w.ledger.charge(v, RADIO, RADIO_TX_UA - RADIO_RX_UA, ACK_AIRTIME_NS);
    const back = linkCut(w, v, m) ? 0 : w.linkOverride.get(v * w.n + m) ?? linkPrr(w.links, v, m);
    if (back >= 1 || w.rng(v).float() < back) w.needAck[k] = 0;
  }
  if (w.rxSeq[k] === seq + 1) return false;
  w.rxSeq[k] = seq + 1;
  return true;
}

/** After a transmission: true when the packet is done (all acknowledged, or given up), false when it goes again. */
export function finishReliable(w: World, m: number): boolean {
  const { offsets, neighbours } = w.links;
  let owed = 0;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    if (w.needAck[k] === 0) continue;
    if (w.alive[neighbours[k]] === 0) w.needAck[k] = 0; // a crashed receiver will never answer
    else owed++;
  }
  if (owed === 0) return true;
  if (w.tries[m] < w.maxTries) {
    w.mac[m] = MAC_WAIT;
    backoff(w, m, w.now + ACK_AIRTIME_NS, CONGESTION_BACKOFF_SLOTS);
    return false;
  }
  w.stats.giveUps += owed;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) w.needAck[k] = 0;
  return true;
}

/** A rebooted sender numbers from 0 again: its receivers forget what they saw from it. */
export function forgetSequences(w: World, m: number): void {
  if (w.rxSeq.length === 0) return;
  w.rxSeq.fill(0, w.links.offsets[m], w.links.offsets[m + 1]);
}
