// The battery (SPEC 1: 2 x AA, 2850 mAh at 3 V) running dry, at the moment it empties (issue 19: a
// sweep every 10 simulated seconds let motes with small batteries spend many times what they held).
// No mote can draw more than MAX_DRAW_UA, every part at its largest SPEC 2 current, so a mote with L uJ
// left cannot be empty before L / (MAX_DRAW_UA x V) ns from now: its next look is then, and the look
// after that is nearer as L shrinks, until less than EMPTY_UJ (a microsecond at the largest draw) is
// left and it dies. Between looks the mote can never spend more than it had; how many looks a life
// takes is about ln(capacity / EMPTY_UJ) x (largest draw / actual draw), a few dozen for a listening
// radio. CPU work is charged when it starts, so a look can find a task the battery cannot finish: the
// mote dies then (at most one task early) and the unpaid part is taken back (lifecycle.ts die). The
// sweep is left with the 'energy' trace record every 10 s.

import { K_DEATH, K_SWEEP, PRIO_CONTROL, PRIO_TASK } from './events.js';
import type { World } from './world.js';
import { POWER_STATES, SUPPLY_VOLTS } from '../core/power-states.js';
import { COMPONENTS } from './power.js';
import { die } from './lifecycle.js';

export const SWEEP_NS = 10e9;

/** The largest current a mote can draw: each part in its hungriest SPEC 2 state at once, uA. */
export const MAX_DRAW_UA = [...new Set(POWER_STATES.map((s) => s.component))]
  .map((c) => Math.max(...POWER_STATES.filter((s) => s.component === c).map((s) => s.currentMicroAmps)))
  .reduce((a, b) => a + b, 0);
const MAX_UJ_PER_NS = MAX_DRAW_UA * SUPPLY_VOLTS * 1e-9;
/** The battery counts as empty below what one microsecond at the largest draw takes. */
export const EMPTY_UJ = MAX_UJ_PER_NS * 1000;

/** K_SWEEP: record the network's energy (trace only) every SWEEP_NS. */
export function sweep(w: World): void {
  const now = w.now;
  if (w.tracing) {
    let total = 0;
    let alive = 0;
    for (let m = 0; m < w.n; m++) {
      total += w.ledger.used(m, now);
      alive += w.alive[m];
    }
    w.emit({ t: now, e: 'energy', uj: Math.round(total), alive });
  }
  w.queue.push(now + SWEEP_NS, K_SWEEP, 0, 0, PRIO_CONTROL);
}

/** Schedules m's next look at its battery (at boot, and after each look that finds charge). */
export function watchBattery(w: World, m: number): void {
  const now = w.now;
  const left = w.ledger.remaining(m, now);
  if (left <= EMPTY_UJ) {
    die(w, m);
    return;
  }
  // The earliest it could be empty; at least a microsecond on, since left > EMPTY_UJ.
  w.queue.push(now + Math.floor(left / MAX_UJ_PER_NS), K_DEATH, m, w.epoch(m), PRIO_TASK);
}

/** K_DEATH: look at the battery; dead if (nearly) empty, else look again when it could be. */
export function deathCheck(w: World, m: number, generation: number): void {
  if (generation !== w.epoch(m) || w.alive[m] === 0) return;
  watchBattery(w, m);
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
