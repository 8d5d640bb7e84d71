// The run's summary (what `mote sim --json` prints, less the wall time the CLI adds): counts, radio
// outcomes, energy by component (summing to the total) and the mean current per mote.

import { joulesByComponent } from './battery.js';
import type { World } from './world.js';

export interface Summary {
  motes: number;
  alive: number;
  simulatedSeconds: number;
  events: number;
  radio: {
    transmissions: number;
    receptions: number;
    collisions: number;
    lost: number;
    missed: number;
    retransmissions: number;
    acks: number;
    giveUps: number;
    queueFull: number;
  };
  energy: {
    totalJoules: number;
    /** Mean current per mote over the run: total / (3 V x seconds x motes). */
    meanCurrentMicroAmps: number;
    byComponent: Record<string, number>;
  };
  traps: number;
  installs: number;
  ledChanges: number;
  senses: number;
  /** Routed messages that reached the base station (mote 0). */
  delivered: number;
  crashes: number;
  reboots: number;
  deaths: number;
  /** The motes that ran the firmware on avr8js (sim/avr/), ascending; empty when all are abstract. */
  avrMotes: number[];
}

export function summarize(w: World): Summary {
  const s = w.stats;
  const now = w.now;
  const byComponent = joulesByComponent(w, now);
  const totalJoules = Object.values(byComponent).reduce((a, b) => a + b, 0);
  const seconds = now / 1e9;
  let alive = 0;
  for (let m = 0; m < w.n; m++) alive += w.alive[m];
  return {
    motes: w.n,
    alive,
    simulatedSeconds: seconds,
    events: s.events,
    radio: {
      transmissions: s.transmissions,
      receptions: s.receptions,
      collisions: s.collisions,
      lost: s.lost,
      missed: s.missed,
      retransmissions: s.retransmissions,
      acks: s.acks,
      giveUps: s.giveUps,
      queueFull: s.queueFull,
    },
    energy: {
      totalJoules,
      meanCurrentMicroAmps: seconds > 0 && w.n > 0 ? (totalJoules / (w.ledger.volts * seconds * w.n)) * 1e6 : 0,
      byComponent,
    },
    traps: s.traps,
    installs: s.installs,
    ledChanges: s.ledChanges,
    senses: s.senses,
    delivered: s.delivered,
    crashes: s.crashes,
    reboots: s.reboots,
    deaths: s.deaths,
    avrMotes: Array.from(w.avr.keys()).filter((m) => w.avr[m] === 1),
  };
}
