// The dashboard's memory of the recent past: one sample per whole simulated second, from which the view
// model derives transmissions per second (the sparkline) and the coverage rate behind the ETA (issue 7).

import type { DashSource, Injection } from './source.js';

export interface Sample {
  /** Simulated ns; the controller samples at whole seconds. */
  readonly t: number;
  readonly transmissions: number;
  /** Motes holding each injected version or a newer one, keyed by version. */
  readonly covered: ReadonlyMap<number, number>;
}

/** Oldest first; at most HISTORY_SECONDS + 1 samples, so HISTORY_SECONDS per-second differences. */
export type History = readonly Sample[];

export const HISTORY_SECONDS = 120;

export interface Coverage {
  /** Motes that are not dead (rebooting motes keep their flash, so they count). */
  readonly live: number;
  readonly covered: ReadonlyMap<number, number>;
}

/** One pass over the motes: live ones, and for each injection how many live motes hold it or newer. */
export function coverageOf(source: DashSource, injections: readonly Injection[]): Coverage {
  const versions = injections.map((j) => j.version);
  const counts = new Array<number>(versions.length).fill(0);
  let live = 0;
  for (let m = 0; m < source.topology.n; m++) {
    if (source.status(m) === 'dead') continue;
    live++;
    const v = source.version(m);
    for (let k = 0; k < versions.length; k++) if (v >= versions[k]) counts[k]++;
  }
  return { live, covered: new Map(versions.map((v, k) => [v, counts[k]])) };
}

export function takeSample(source: DashSource): Sample {
  return {
    t: source.now(),
    transmissions: source.counters().transmissions,
    covered: coverageOf(source, source.injections()).covered,
  };
}

/** The history with `sample` appended and the oldest dropped past the window. */
export function remember(history: History, sample: Sample): History {
  const kept = history.length > HISTORY_SECONDS ? history.slice(history.length - HISTORY_SECONDS) : history;
  return [...kept, sample];
}
