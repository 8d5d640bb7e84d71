// Routing readings to a base station (SPEC 6; seed, "System Robustness"): a spanning tree
// (capsules/tree/) or a DAG with several parents (capsules/dag/), both built from hop-count beacon
// waves the base station (mote 0) starts every B rounds, both carrying sense_and_send readings, in
// lock-step rounds on the tick network. Part way through, the mote with the largest subtree fails.
// routing-oracle.ts measures delivery before the failure, until the next wave repairs the routes,
// and after; it demands every reading before the failure and after the repair, each once and
// intact. The tree loses its failed mote's whole subtree until the repair; the DAG only the
// readings that its rotation sends to the dead parent.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { defaultSensor } from '../../vm/single-host.js';
import { configCapsule } from '../../sim/algo/config.js';
import { hops, type Adjacency } from '../../sim/algo/graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { BASE, routingOracle } from './oracle.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

export { BASE };
/** Heap words of the configuration (capsules/tree/README.md): 6 beacon period B, 8 reading period S. */
export const HEAP_PERIOD = 6;
export const HEAP_READING_PERIOD = 8;

/** The light sensor as motes read it in a round: the single-mote runner's signal, one round a second. */
export function lightAt(seed: number): (mote: number, tick: number) => number {
  const signals = new Map<number, (sensor: number, tNs: number) => number>();
  return (mote, tick) => {
    let signal = signals.get(mote);
    if (signal === undefined) {
      signal = defaultSensor(seed * 65_537 + mote);
      signals.set(mote, signal);
    }
    return signal(1, tick * 1e9);
  };
}

/**
 * Subtree sizes in the beacon tree, parents as the capsules pick them: the lowest id one hop nearer
 * (sources deliver in ascending id order, and the first to bring a wave becomes the parent).
 */
export function subtreeSizes(out: Adjacency): number[] {
  const dist = hops(out, BASE);
  const size = new Array<number>(out.length).fill(1);
  const deepestFirst = Array.from({ length: out.length }, (_, i) => i)
    .filter((i) => dist[i] > 0)
    .sort((a, b) => dist[b] - dist[a]);
  for (const i of deepestFirst) {
    const parent = out[i].filter((j) => dist[j] === dist[i] - 1).sort((a, b) => a - b)[0];
    if (parent !== undefined) size[parent] += size[i];
  }
  return size;
}

/** The mote (not the base station) whose failure orphans most motes; -1 when there is none. */
export function largestSubtree(out: Adjacency): number {
  const size = subtreeSizes(out);
  let best = -1;
  for (let i = 1; i < out.length; i++) if (best < 0 || size[i] > size[best]) best = i;
  return best;
}

/** What a routing run is asked, on the tick network (RoutingOptions) or the emulator (sim/algo/full/routing.ts). */
export interface RoutingRunOptions {
  readonly capsules: readonly Capsule[];
  readonly seed: number;
  readonly kind: 'tree' | 'dag';
  /** Rounds between beacon waves (maintenance: fewer waves, slower repair); default max(10, 2 x depth). */
  readonly beaconPeriod?: number;
  /** Rounds of readings; default six periods. */
  readonly rounds?: number;
  /** The round the mote fails in (default: half a period after the fourth wave); 0: none fails. */
  readonly failAt?: number;
  readonly failMote?: number;
  /** A mote reads one round in S: when (round + id) mod S = 0; default 1, every round. */
  readonly readingPeriod?: number;
  readonly profile?: CostProfile;
}

export interface RoutingOptions extends RoutingRunOptions {
  readonly out: Adjacency;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

/** Rounds between beacon waves by default: max(10, 2 x depth), so a wave settles well inside a period. */
export function defaultBeaconPeriod(out: Adjacency): number {
  return Math.max(10, 2 * Math.max(0, ...hops(out, BASE)));
}

/** The default failure: half a period after the fourth wave. */
export function defaultFailAt(period: number): number {
  return 1 + 3 * period + Math.floor(period / 2);
}

export function routingRun(options: RoutingOptions): AlgoReport {
  const { out, seed } = options;
  const n = out.length;
  const period = Math.max(1, options.beaconPeriod ?? defaultBeaconPeriod(out));
  const rounds = options.rounds ?? 6 * period;
  const failAt = options.failAt ?? defaultFailAt(period);
  const victim = options.failMote ?? largestSubtree(out);
  const failing = failAt > 0 && victim > BASE && victim < n;
  const readingPeriod = Math.max(1, options.readingPeriod ?? 1);
  const light = lightAt(seed);
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out,
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_PERIOD, period], [HEAP_READING_PERIOD, readingPeriod]]),
    delay: () => 0,
    broadcast: 'radio',
    sensor: (mote, _sensor, tick) => light(mote, tick),
    profile: options.profile,
    seed,
  });
  options.observe?.(net);
  for (let round = 1; round <= rounds; round++) {
    net.step();
    if (failing && round === failAt) net.crash(victim);
    for (let i = 0; i < n; i++) net.fire(i);
  }
  for (let k = 0; k < 64 && net.busy; k++) net.step();

  const failed = failing ? { mote: victim, round: failAt } : null;
  const oracle = routingOracle({ out, trace: net.trace, messages: net.messages, rounds, period, readingPeriod, failed, light });
  return {
    algorithm: options.kind,
    ...verdict([...faultFailures(net, (i) => `mote ${i}`), ...oracle.failures]),
    motes: n,
    rounds,
    ...measure(net),
    details: { orphaned: failing ? subtreeSizes(out)[victim] - 1 : 0, ...oracle.details },
  };
}
