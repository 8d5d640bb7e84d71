// From the last bit of a packet to its handler: the timing model decides when the stack gets it
// (options.ts, SPEC 6), then the receive interrupt path (141 cycles, SPEC 4: under 40 us) hands it to
// the protocol that owns its AM type, to the VM's receive context (AM.vm; through the receive queue
// while that context is busy, receive-queue.ts), or along the routing tree (AM.routed: the send
// context of the next hop, or the base station at mote 0).

import { AM } from './protocol.js';
import { BROADCAST } from './radio.js';
import { beginTask, endTask } from './scheduler.js';
import { K_DELIVER, PRIO_TASK } from './events.js';
import { hostOf } from './host.js';
import { holdForReceive } from './receive-queue.js';
import type { World } from './world.js';
import { EVENT_PATH_CYCLES } from './cpu.js';

/** Packet `offset..offset+length` of `source`, from `from` over link k, reached v intact now. */
export function deliver(w: World, k: number, v: number, from: number, am: number, dest: number, source: Uint8Array, offset: number, length: number): void {
  const s = w.packets.take(source, offset, length, from, am, dest, w.epoch(v));
  let at = deliveryTime(w, from, v, am);
  if (w.linkLayer === 'reliable' && w.timing !== 'physical') {
    // Reliable links stay FIFO whatever the timing model: no packet overtakes an earlier one on its link.
    if (at < w.lastDelivery[k]) at = w.lastDelivery[k];
    w.lastDelivery[k] = at;
  }
  if (at <= w.now) deliverTask(w, v, s);
  else w.queue.push(at, K_DELIVER, v, s, PRIO_TASK);
}

function deliveryTime(w: World, from: number, to: number, am: number): number {
  const now = w.now;
  if (w.timing === 'physical') return now;
  if (w.timing === 'sync') return Math.ceil(now / w.roundNs) * w.roundNs;
  if (w.scheduler !== undefined) {
    const extra = w.scheduler({ from, to, amType: am, arrivedAt: now });
    return now + (extra > 0 && Number.isFinite(extra) ? Math.round(extra) : 0);
  }
  return now + Math.floor(w.rng(to).float() * w.asyncMaxDelayNs);
}

/** The receive task (K_DELIVER): slot s goes to its handler on mote v. */
export function deliverTask(w: World, v: number, s: number): void {
  const pool = w.packets;
  if (pool.epoch[s] !== w.epoch(v) || w.alive[v] === 0) {
    pool.release(s);
    return;
  }
  if (!beginTask(w, v, K_DELIVER, s, EVENT_PATH_CYCLES)) return;
  const am = pool.am[s];
  const dest = pool.dest[s];
  const from = pool.from[s];
  const length = pool.length[s];
  const forMe = dest === BROADCAST || dest === v;
  const protocol = w.protocols[v];
  if (w.protocolTypes[am] === 1 && protocol !== undefined) {
    if (forMe) protocol.onPacket(hostOf(w, v), am, pool.payload(s), length, from);
  } else if (am === AM.vm) {
    const vm = w.vms[v];
    if (forMe && vm !== undefined) {
      if (w.rxCount[v] === 0 && vm.receiveIdle) vm.deliver(pool.payload(s), length, from);
      // Behind packets already waiting, or while the handler is busy, it waits in the receive queue.
      else if (holdForReceive(w, v, s)) {
        endTask(w, v);
        return;
      }
    }
  } else if (am === AM.routed && dest === v) {
    if (v === 0) {
      w.stats.delivered++;
      if (w.tracing) w.emit({ t: w.now, e: 'sink', m: v, from });
    } else {
      w.vms[v]?.forwardRouted(pool.payload(s), length, from);
    }
  }
  pool.release(s);
  endTask(w, v);
}
