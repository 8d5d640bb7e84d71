// The battery (SPEC 1: 2 x AA, 2850 mAh at 3 V) running dry. The moment it empties is computed, not
// polled: a sweep every 10 simulated seconds takes each mote's draw (its steady states, or what it
// used since the last sweep when CPU work makes that larger), finds the motes that will run dry before
// the next sweep and schedules their death; a mote that still has charge then is looked at again.

import { K_DEATH, K_SWEEP, PRIO_CONTROL, PRIO_TASK } from './events.js';
import type { World } from './world.js';
import { COMPONENTS } from './power.js';
import { die } from './lifecycle.js';

export const SWEEP_NS = 10e9;
/** Below this many uJ the battery counts as empty (rounding in the sums). */
const EMPTY_UJ = 1e-3;
/** A death check that finds charge left looks again no sooner than this. */
const RECHECK_NS = 1e6;
const UJ_PER_UA_V_NS = 1e-9;

/** When m runs dry, at the larger of its steady draw and its draw over the last sweep. */
function emptyAt(w: World, m: number, now: number): number {
  const left = w.ledger.remaining(m, now);
  if (left <= EMPTY_UJ) return now;
  const steady = w.ledger.drawOf(m) * w.ledger.volts * UJ_PER_UA_V_NS;
  const rate = Math.max(steady, w.recentDraw[m]);
  return rate > 0 ? now + left / rate : Infinity;
}

/** K_SWEEP: schedule the deaths due before the next sweep, and record the network's energy. */
export function sweep(w: World): void {
  const now = w.now;
  const next = now + SWEEP_NS;
  let total = 0;
  let alive = 0;
  for (let m = 0; m < w.n; m++) {
    const used = w.ledger.used(m, now);
    w.recentDraw[m] = (used - w.usedAtSweep[m]) / SWEEP_NS;
    w.usedAtSweep[m] = used;
    if (w.alive[m] === 0) continue;
    alive++;
    const t = emptyAt(w, m, now);
    if (t < next) w.queue.push(t, K_DEATH, m, w.epoch(m), PRIO_TASK);
  }
  if (w.tracing) {
    for (let m = 0; m < w.n; m++) total += w.ledger.used(m, now);
    w.emit({ t: now, e: 'energy', uj: Math.round(total), alive });
  }
  w.queue.push(next, K_SWEEP, 0, 0, PRIO_CONTROL);
}

/** K_DEATH: the battery should be empty now; if the draw changed, look again. */
export function deathCheck(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0) return;
  const now = w.now;
  if (w.ledger.remaining(m, now) <= EMPTY_UJ) {
    die(w, m);
    return;
  }
  const t = Math.max(emptyAt(w, m, now), now + RECHECK_NS);
  if (t < now + SWEEP_NS) w.queue.push(t, K_DEATH, m, generation, PRIO_TASK);
}

/** Joules by component for one mote, or summed over the network, up to `now`. */
export function joulesByComponent(w: World, now: number, mote?: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 0; c < COMPONENTS.length; c++) {
    let uj = 0;
    if (mote !== undefined) uj = w.ledger.component(mote, c, now);
    else for (let m = 0; m < w.n; m++) uj += w.ledger.component(m, c, now);
    out[COMPONENTS[c]] = uj * 1e-6;
  }
  return out;
}
