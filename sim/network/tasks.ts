// Completion tasks of split-phase operations: the radio's sendDone reaches the waiting VM context
// through the interrupt path (SPEC 3), as TinyOS's sendDone event did.

import { CONTEXTS } from '../../vm/capsule.js';
import { beginTask, endTask } from './scheduler.js';
import { generationOf, K_SEND_DONE, pack, PRIO_TASK, valueOf } from './events.js';
import type { World } from './world.js';
import { EVENT_PATH_CYCLES } from './cpu.js';

/** Posts sendDone for VM context (owner - 1) of m. */
export function sendDoneLater(w: World, m: number, owner: number): void {
  w.queue.push(w.moteTime(m), K_SEND_DONE, m, pack(w.epoch(m), owner), PRIO_TASK);
}

/** K_SEND_DONE. */
export function sendDoneTask(w: World, m: number, arg: number): void {
  if (generationOf(arg) !== w.epoch(m) || w.alive[m] === 0) return;
  if (!beginTask(w, m, K_SEND_DONE, arg, EVENT_PATH_CYCLES)) return;
  w.vms[m]?.sendDone(CONTEXTS[valueOf(arg) - 1]);
  endTask(w, m);
}
