// The mote's receive queue: packets for the VM that arrive while its receive context is still busy
// wait here, in arrival order, instead of being dropped by the VM, which has one buffer per context
// as Maté had (vm/vm.ts deliver).
// When the receive context is idle at the end of a task, sim/mote/scheduler.ts posts a task that
// hands the oldest waiting packet to the VM. A packet that finds the queue full is dropped and
// counted (Stats.receiveDrops, and per mote).

import { beginTask, endTask } from './scheduler.js';
import { K_RECEIVE_NEXT } from './events.js';
import type { World } from './world.js';
import { TASK_PATH_CYCLES } from './cpu.js';

/**
 * Packets that can wait for the receive context. Four (one from each neighbour of a grid mote, the
 * send queue's depth) is not enough for LCR's worst ring order under the async timing model: a reliable
 * link stays FIFO, so packets delayed by up to 3 s bunch up behind a slow one, and a 100-mote ring
 * saw up to 6 waiting at once (seeds 1-5). Eight, the next power of two, costs 8 x 29 payload bytes of
 * the Mica's 4 KB of RAM.
 */
export const RECEIVE_QUEUE = 8;

/** Keeps packet slot s for mote m's receive context; false (and counted as a drop) when the queue is full. */
export function holdForReceive(w: World, m: number, s: number): boolean {
  const count = w.rxCount[m];
  if (count === RECEIVE_QUEUE) {
    w.stats.receiveDrops++;
    w.rxDrops[m]++;
    return false;
  }
  w.rxSlots[m * RECEIVE_QUEUE + ((w.rxHead[m] + count) % RECEIVE_QUEUE)] = s;
  w.rxCount[m] = count + 1;
  w.rxWaiting++;
  return true;
}

/** The task (K_RECEIVE_NEXT): the oldest waiting packet goes to the VM's receive context. */
export function receiveNextTask(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0) return;
  if (!beginTask(w, m, K_RECEIVE_NEXT, generation, TASK_PATH_CYCLES)) return;
  w.rxNextPending[m] = 0;
  const vm = w.vms[m];
  if (vm !== undefined && vm.receiveIdle && w.rxCount[m] > 0) {
    const at = m * RECEIVE_QUEUE + w.rxHead[m];
    const s = w.rxSlots[at];
    w.rxHead[m] = (w.rxHead[m] + 1) % RECEIVE_QUEUE;
    w.rxCount[m]--;
    w.rxWaiting--;
    const pool = w.packets;
    vm.deliver(pool.payload(s), pool.length[s], pool.from[s]);
    pool.release(s);
  }
  endTask(w, m);
}

/** Power lost: the waiting packets go with the RAM. */
export function clearReceiveQueue(w: World, m: number): void {
  for (let k = 0; k < w.rxCount[m]; k++) w.packets.release(w.rxSlots[m * RECEIVE_QUEUE + ((w.rxHead[m] + k) % RECEIVE_QUEUE)]);
  w.rxWaiting -= w.rxCount[m];
  w.rxHead[m] = 0;
  w.rxCount[m] = 0;
  w.rxNextPending[m] = 0;
}
