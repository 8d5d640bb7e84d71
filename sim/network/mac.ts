// The mote's side of the radio: its send queue, power states and CSMA medium access (sim/mote/radio.ts
// for the figures). The channel itself, where transmissions meet receivers, is sim/network/channel.ts.

import { PAYLOAD_BYTES } from '../../vm/capsule.js';
import { K_BACKOFF, K_RADIO_READY, PRIO_TASK } from './events.js';
import { startTransmission } from './channel.js';
import type { World } from './world.js';
import { BYTE_COPY_CYCLES, CPU_IDLE_UA, CPU_SUSPEND_UA, SLEEP_IDLE, SLEEP_SUSPEND } from './cpu.js';
import { CPU, RADIO } from './power.js';
import { RADIO_LISTEN, RADIO_OFF, RADIO_RX_UA, RADIO_STARTING, RADIO_STARTUP_NS, SEND_QUEUE, SLOT_NS } from './radio.js';
import type { Backoff } from '../radio/mac-timing.js';
import { chargeHostCycles } from './scheduler.js';
import { HEADER_BYTES } from '../radio/airtime.js';

/** MAC states. */
export const MAC_IDLE = 0;
/** A packet waits: radio starting, backing off, or sensing. */
export const MAC_WAIT = 1;
export const MAC_SENDING = 2;

/** Queues a packet; false when the queue is full. The copy into the TOS_Msg costs 8 cycles a byte. */
export function enqueue(w: World, m: number, am: number, dest: number, payload: Uint8Array, length: number, owner: number): boolean {
  if (w.qCount[m] === SEND_QUEUE) {
    w.stats.queueFull++;
    return false;
  }
  const n = Math.max(0, Math.min(length, PAYLOAD_BYTES, payload.length));
  const slot = m * SEND_QUEUE + ((w.qHead[m] + w.qCount[m]) % SEND_QUEUE);
  const bytes = w.qBytes;
  const base = slot * PAYLOAD_BYTES;
  for (let i = 0; i < n; i++) bytes[base + i] = payload[i];
  w.qAm[slot] = am;
  w.qLength[slot] = n;
  w.qDest[slot] = dest;
  w.qOwner[slot] = owner;
  w.qSeq[slot] = w.txSeq[m]++;
  w.qCount[m]++;
  chargeHostCycles(w, m, BYTE_COPY_CYCLES * (HEADER_BYTES + n));
  if (w.mac[m] === MAC_IDLE) access(w, m, w.moteTime(m));
  return true;
}

/** The head of the queue wants the channel from time t. */
export function access(w: World, m: number, t: number): void {
  w.mac[m] = MAC_WAIT;
  const radio = w.radio[m];
  if (radio === RADIO_OFF) radioOn(w, m, t);
  else if (radio !== RADIO_STARTING) backoffBy(w, m, t, w.macTiming.initial);
}

/** A random wait of 1..slots bit slots (25 us), then another look at the channel. */
export function backoff(w: World, m: number, t: number, slots: number): void {
  backoffBy(w, m, t, { min: 1, count: slots, unitNs: SLOT_NS });
}

function backoffBy(w: World, m: number, t: number, b: Backoff): void {
  const wait = (b.min + w.rng(m).int(b.count)) * b.unitNs;
  w.queue.push(t + wait, K_BACKOFF, m, w.epoch(m), PRIO_TASK);
}

/** Carrier sense: nothing on the air now, and (mica stack) nothing for the last quiet window either. */
function channelClear(w: World, m: number): boolean {
  if (w.heard[m] > 0) return false;
  const quiet = w.macTiming.quietNs;
  return quiet === 0 || w.now - w.quietSince[m] >= quiet;
}

/** A backoff ran out (K_BACKOFF): send if the channel is clear, else back off again. */
export function backoffDone(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0 || w.mac[m] !== MAC_WAIT || w.jamming[m] === 1) return;
  if (w.radio[m] !== RADIO_LISTEN || !channelClear(w, m)) {
    backoffBy(w, m, w.now, w.macTiming.congestion);
    return;
  }
  w.mac[m] = MAC_SENDING;
  startTransmission(w, m);
}

/** Powers the radio up: 30 ms at the receive current, then it listens. The CPU now sleeps in idle. */
export function radioOn(w: World, m: number, t: number): void {
  w.radio[m] = RADIO_STARTING;
  w.ledger.set(m, RADIO, RADIO_RX_UA, t);
  setSleep(w, m, SLEEP_IDLE, t);
  w.queue.push(t + RADIO_STARTUP_NS, K_RADIO_READY, m, w.epoch(m), PRIO_TASK);
}

/** Start-up finished (K_RADIO_READY). */
export function radioReady(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0 || w.radio[m] !== RADIO_STARTING) return;
  w.radio[m] = RADIO_LISTEN;
  if (w.jamming[m] === 1) return;
  if (w.mac[m] === MAC_WAIT) backoffBy(w, m, w.now, w.macTiming.initial);
}

export function radioOff(w: World, m: number, t: number): void {
  w.radio[m] = RADIO_OFF;
  w.ledger.set(m, RADIO, 0, t);
  setSleep(w, m, SLEEP_SUSPEND, t);
}

export function setSleep(w: World, m: number, mode: number, t: number): void {
  w.setSleepMode(m, mode);
  w.ledger.set(m, CPU, mode === SLEEP_SUSPEND ? CPU_SUSPEND_UA : CPU_IDLE_UA, t);
}
