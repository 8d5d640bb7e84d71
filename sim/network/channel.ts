// The shared channel (SPEC 5): a transmission reaches each of the sender's CSR neighbours; a receiver
// whose radio listens locks on the first packet it hears, and a second transmission that overlaps it
// there destroys both (no capture; every model but `perfect`). An intact packet then survives the
// link's loss rate with a draw from the receiver's own stream. `perfect` delivers to every powered
// neighbour: no loss, no collisions, no half-duplex misses (a model for checking algorithms).
// Bit-level reception (the `tossim` radio, sim/radio/tossim.ts): an overlap no longer destroys the
// locked frame outright; it corrupts the code words it covers, and links that carry only noise add to
// carrier and interference but are never received.

import { K_ACK_END, K_TX_END, PRIO_TASK } from './events.js';
import { deliver } from './delivery.js';
import { ackFrom, finishReliable, markNeeded } from './reliable.js';
import type { World } from './world.js';
import { PAYLOAD_BYTES } from '../../vm/capsule.js';
import { BYTE_COPY_CYCLES, CPU_ACTIVE_UA, CYCLE_NS, sleepCurrent } from './cpu.js';
import { access, MAC_IDLE, MAC_SENDING, radioOff } from './mac.js';
import { CPU, RADIO } from './power.js';
import { BROADCAST, FRAME_BYTES, RADIO_LISTEN, RADIO_RX_UA, RADIO_TX, RADIO_TX_UA, SEND_QUEUE } from './radio.js';
import { sendDoneLater } from './tasks.js';
import { NOISE_BER, overlapFactor, overlappedWords } from '../radio/tossim.js';
import { BIT_NS } from '../radio/airtime.js';

/** How one transmission fares at one receiver (World.linkRx, per directed link). */
const RX_NONE = 0;
const RX_LOCKED = 1;
const RX_COLLIDED = 2;
const RX_MISSED = 3;
/** The link carries a jammer's carrier. */
const RX_JAM = 4;
/** The link carries only noise (tossim, bit error rate NOISE_BER): interference, never a reception. */
const RX_NOISE = 5;
/** The link carries the sender's acknowledgement byte (mica stack, see startAck). */
const RX_ACK = 6;
/** The acknowledgement: one byte, 0x55, at 40 kbps. */
export const ACK_BYTE_NS = 8 * BIT_NS;

/** A link cut by a partition, or set to 0 by a link fault: the receiver hears nothing, not even carrier. */
export function linkCut(w: World, u: number, v: number): boolean {
  if (w.cut !== undefined && w.cut(u, v)) return true;
  return w.linkOverride.size > 0 && w.linkOverride.get(u * w.n + v) === 0;
}

/** Reception rate of link k (u -> v): the table's, or a link fault's. */
export function linkRate(w: World, u: number, v: number, k: number): number {
  if (w.linkOverride.size > 0) {
    const o = w.linkOverride.get(u * w.n + v);
    if (o !== undefined) return o;
  }
  return w.links.prr[k];
}

/** The byte interrupts that move a frame between radio and RAM: 8 cycles a byte (SPEC 3), spread over the airtime. */
function chargeFrameCopy(w: World, m: number): void {
  const cycles = BYTE_COPY_CYCLES * FRAME_BYTES;
  w.addHostCycles(m, cycles);
  w.ledger.charge(m, CPU, CPU_ACTIVE_UA - sleepCurrent(w.sleepMode(m)), cycles * CYCLE_NS);
}

/** The head of m's queue goes on the air now. */
export function startTransmission(w: World, m: number): void {
  const now = w.now;
  const { offsets, neighbours } = w.links;
  const slot = m * SEND_QUEUE + w.qHead[m];
  w.radio[m] = RADIO_TX;
  w.ledger.set(m, RADIO, RADIO_TX_UA, now);
  if (w.rxFrom[m] >= 0) w.rxCorrupt[m] = 1; // half duplex: what m was receiving is lost
  w.stats.transmissions++;
  if (w.tries[m] > 0) w.stats.retransmissions++;
  else if (w.linkLayer === 'reliable') markNeeded(w, m, w.qDest[slot]);
  if (w.tries[m] < 255) w.tries[m]++;
  if (w.tracing) w.emit({ t: now, e: 'tx', m, am: w.qAm[slot], len: w.qLength[slot], dest: w.qDest[slot] });
  const alive = w.alive;
  const radio = w.radio;
  const heard = w.heard;
  const rxFrom = w.rxFrom;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    const v = neighbours[k];
    if ((w.cut !== undefined || w.linkOverride.size > 0) && linkCut(w, m, v)) {
      w.linkRx[k] = RX_NONE;
      continue;
    }
    heard[v]++;
    if (!w.collisions) {
      w.linkRx[k] = alive[v] === 1 && (radio[v] === RADIO_LISTEN || radio[v] === RADIO_TX) ? RX_LOCKED : RX_MISSED;
    } else if (alive[v] === 0 || radio[v] !== RADIO_LISTEN) {
      w.linkRx[k] = RX_MISSED;
    } else if (heard[v] > 1) {
      w.linkRx[k] = RX_COLLIDED;
      if (rxFrom[v] >= 0) {
        if (!w.bitLevel) w.rxCorrupt[v] = 1;
        else if (heard[v] === 2) w.overlapSince[v] = now; // the locked frame's first overlap begins
      }
    } else if (w.bitErrors !== undefined && w.bitErrors[k] >= NOISE_BER) {
      w.linkRx[k] = RX_NOISE;
    } else {
      rxFrom[v] = m;
      w.rxCorrupt[v] = 0;
      if (w.bitLevel) w.overlapNs[v] = 0;
      w.linkRx[k] = RX_LOCKED;
    }
  }
  w.queue.push(now + w.airtime, K_TX_END, m, w.epoch(m), PRIO_TASK);
}

/** The last bit left m (K_TX_END): every receiver learns how it fared; the sender moves on. */
export function endTransmission(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.mac[m] !== MAC_SENDING) return;
  const now = w.now;
  const { offsets, neighbours } = w.links;
  const slot = m * SEND_QUEUE + w.qHead[m];
  const am = w.qAm[slot];
  const length = w.qLength[slot];
  const dest = w.qDest[slot];
  const seq = w.qSeq[slot];
  if (w.jamming[m] === 0) {
    w.radio[m] = RADIO_LISTEN;
    w.ledger.set(m, RADIO, RADIO_RX_UA, now);
  }
  chargeFrameCopy(w, m);
  const reliable = w.linkLayer === 'reliable';
  const tracing = w.tracing;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    const state = w.linkRx[k];
    if (state === RX_NONE) continue;
    const v = neighbours[k];
    w.linkRx[k] = RX_NONE;
    offAir(w, v, m);
    if (state === RX_NOISE) continue;
    let corrupt = state === RX_COLLIDED;
    let overlap = 1;
    if (state === RX_LOCKED && w.collisions) {
      if (w.rxFrom[v] === m) w.rxFrom[v] = -1;
      corrupt = w.rxCorrupt[v] === 1;
      if (w.bitLevel) {
        if (w.heard[v] > 0) w.overlapNs[v] += now - w.overlapSince[v]; // still overlapped at the last bit
        overlap = overlapFactor((w.bitErrors as Float32Array)[k], overlappedWords(w.overlapNs[v]));
      }
    }
    if (state === RX_MISSED || (state === RX_LOCKED && w.alive[v] === 0)) {
      w.stats.missed++;
      if (tracing) w.emit({ t: now, e: 'missed', m: v, from: m });
      continue;
    }
    if (state === RX_LOCKED) chargeFrameCopy(w, v); // the bytes were copied as they came, good or not
    if (corrupt) {
      w.stats.collisions++;
      if (tracing) w.emit({ t: now, e: 'collision', m: v, from: m });
      continue;
    }
    const p = linkRate(w, m, v, k);
    const draw = p * overlap < 1 ? w.rng(v).float() : 0;
    if (!(draw < p * overlap)) {
      // One draw decides both: below p the bits the overlap corrupted were the ones lost.
      const collided = draw < p;
      if (collided) w.stats.collisions++;
      else w.stats.lost++;
      if (tracing) w.emit({ t: now, e: collided ? 'collision' : 'lost', m: v, from: m });
      continue;
    }
    w.stats.receptions++;
    if (tracing) w.emit({ t: now, e: 'rx', m: v, from: m });
    if (w.acks && (dest === BROADCAST || dest === v)) acking.push(v);
    if (reliable && !ackFrom(w, m, v, k, seq)) continue; // a duplicate: acknowledged, not delivered again
    deliver(w, k, v, m, am, dest, w.qBytes, slot * PAYLOAD_BYTES, length);
  }
  // After every outcome is settled, so an acknowledgement never touches the frame it answers.
  for (let i = 0; i < acking.length; i++) startAck(w, acking[i]);
  acking.length = 0;
  if (reliable && !finishReliable(w, m)) return; // retransmitting
  finishSend(w, m, slot);
}

/** Receivers that owe the frame just ended an acknowledgement (reused: the loop never allocates). */
const acking: number[] = [];

/**
 * The mica stack acknowledges every packet whose CRC passed and that is addressed to the receiver or
 * broadcast (MicaHighSpeedRadioM, ACK_SEND_STATE: SpiByteFifo.send(0x55)): one byte on the air right
 * after the frame, from every such receiver at once. Nobody decodes it (the reliable link layer's
 * acknowledgements are a separate model), but it is carrier and interference within 50 ft of each
 * receiver, so a broadcast in a dense grid briefly lights up a much wider area than its sender reaches.
 */
function startAck(w: World, v: number): void {
  if (w.alive[v] === 0 || w.radio[v] !== RADIO_LISTEN || w.jamming[v] === 1) return;
  w.radio[v] = RADIO_TX; // it sends: it hears nothing and its MAC waits
  const { offsets, neighbours } = w.links;
  for (let k = offsets[v], end = offsets[v + 1]; k < end; k++) {
    if (w.linkRx[k] !== RX_NONE) continue;
    const u = neighbours[k];
    if ((w.cut !== undefined || w.linkOverride.size > 0) && linkCut(w, v, u)) continue;
    w.linkRx[k] = RX_ACK;
    const heard = ++w.heard[u];
    if (w.rxFrom[u] >= 0) {
      if (!w.bitLevel) w.rxCorrupt[u] = 1;
      else if (heard === 2) w.overlapSince[u] = w.now;
    }
  }
  w.queue.push(w.now + ACK_BYTE_NS, K_ACK_END, v, w.epoch(v), PRIO_TASK);
}

/** The acknowledgement byte is out (K_ACK_END). */
export function endAck(w: World, v: number, generation: number): void {
  if (generation !== w.epoch(v)) return;
  const { offsets, neighbours } = w.links;
  for (let k = offsets[v], end = offsets[v + 1]; k < end; k++) {
    if (w.linkRx[k] !== RX_ACK) continue;
    w.linkRx[k] = RX_NONE;
    offAir(w, neighbours[k], v);
  }
  if (w.radio[v] === RADIO_TX && w.jamming[v] === 0 && w.mac[v] !== MAC_SENDING) w.radio[v] = RADIO_LISTEN;
}

/** The head packet is done: its owner hears sendDone, and the next packet (if any) contends. */
function finishSend(w: World, m: number, slot: number): void {
  const owner = w.qOwner[slot];
  w.qHead[m] = (w.qHead[m] + 1) % SEND_QUEUE;
  w.qCount[m]--;
  w.tries[m] = 0;
  if (owner >= 1 && owner <= 4) sendDoneLater(w, m, owner);
  if (w.qCount[m] > 0) {
    access(w, m, w.now);
    return;
  }
  w.mac[m] = MAC_IDLE;
  if (w.forwardWaiter[m] !== 0) {
    sendDoneLater(w, m, w.forwardWaiter[m]);
    w.forwardWaiter[m] = 0;
  }
  if (w.radioIdle === 'off' && w.jamming[m] === 0) radioOff(w, m, w.now);
}

/** Takes m's transmission off the air at once (a crash, or a jam fault): its receivers get a cut-off frame. */
export function abortTransmission(w: World, m: number): void {
  const { offsets, neighbours } = w.links;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    const state = w.linkRx[k];
    if (state === RX_NONE || state === RX_JAM) continue;
    const v = neighbours[k];
    w.linkRx[k] = RX_NONE;
    offAir(w, v, m);
    if (w.rxFrom[v] === m) w.rxFrom[v] = -1;
    if (state === RX_NOISE || state === RX_ACK) continue;
    if (state === RX_COLLIDED) w.stats.collisions++;
    else w.stats.missed++;
    if (w.tracing) w.emit({ t: w.now, e: state === RX_COLLIDED ? 'collision' : 'missed', m: v, from: m });
  }
  if (w.mac[m] === MAC_SENDING) w.mac[m] = MAC_IDLE;
}

/** A babbling radio: m transmits without pause, so every neighbour's channel is busy and its receptions collide. */
export function startJam(w: World, m: number): void {
  if (w.jamming[m] === 1 || w.alive[m] === 0) return;
  abortTransmission(w, m);
  w.jamming[m] = 1;
  w.radio[m] = RADIO_TX;
  w.ledger.set(m, RADIO, RADIO_TX_UA, w.now);
  const { offsets, neighbours } = w.links;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    const v = neighbours[k];
    if (linkCut(w, m, v)) continue;
    w.linkRx[k] = RX_JAM;
    w.heard[v]++;
    if (w.rxFrom[v] >= 0) w.rxCorrupt[v] = 1;
  }
}

export function stopJam(w: World, m: number): void {
  if (w.jamming[m] === 0) return;
  w.jamming[m] = 0;
  const { offsets, neighbours } = w.links;
  for (let k = offsets[m], end = offsets[m + 1]; k < end; k++) {
    if (w.linkRx[k] !== RX_JAM) continue;
    w.linkRx[k] = RX_NONE;
    offAir(w, neighbours[k], m);
  }
}

/**
 * m's signal stops reaching v: one transmission fewer in v's carrier. The channel falls quiet when it
 * was the last (the mica MAC's quiet window); with bit-level reception, an overlap of v's locked frame
 * ends when only that frame is left.
 */
function offAir(w: World, v: number, m: number): void {
  const left = --w.heard[v];
  if (left === 0 && w.quietSince.length > 0) w.quietSince[v] = w.now;
  if (w.bitLevel && left === 1 && w.rxFrom[v] >= 0 && w.rxFrom[v] !== m) w.overlapNs[v] += w.now - w.overlapSince[v];
}
