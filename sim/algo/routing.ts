// Routing readings to a base station (SPEC 6; seed, "System Robustness"): a spanning tree
// (capsules/tree/) or a DAG with several parents (capsules/dag/), both built from hop-count beacon
// waves the base station (mote 0) starts every B rounds, both carrying sense_and_send readings, in
// lock-step rounds on the tick network. Part way through, the mote with the largest subtree fails.
// The oracle measures delivery before the failure, until the next wave repairs the routes, and
// after; it demands every reading before the failure and after the repair, each once and intact.
// The tree loses its failed mote's whole subtree until the repair; the DAG only the readings that
// its rotation sends to the dead parent.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { defaultSensor } from '../../vm/single-host.js';
import { configCapsule } from './config.js';
import { hops, type Adjacency } from './graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from './report.js';
import { TickNetwork } from './tick-network.js';

export const BASE = 0;
const HEAP_PERIOD = 6;
const BEACON = 1;
const READING = 2;

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

export interface RoutingOptions {
  readonly capsules: readonly Capsule[];
  readonly out: Adjacency;
  readonly seed: number;
  readonly kind: 'tree' | 'dag';
  /** Rounds between beacon waves (maintenance: fewer waves, slower repair); default max(10, 2 x depth). */
  readonly beaconPeriod?: number;
  /** Rounds of readings; default six periods. */
  readonly rounds?: number;
  /** The round the mote fails in (default: half a period after the fourth wave); 0: none fails. */
  readonly failAt?: number;
  readonly failMote?: number;
  readonly profile?: CostProfile;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

interface Phase {
  readonly from: number;
  readonly to: number;
}

export function routingRun(options: RoutingOptions): AlgoReport {
  const { out, seed } = options;
  const n = out.length;
  const depthBefore = Math.max(0, ...hops(out, BASE));
  const period = Math.max(1, options.beaconPeriod ?? Math.max(10, 2 * depthBefore));
  const rounds = options.rounds ?? 6 * period;
  const failAt = options.failAt ?? 1 + 3 * period + Math.floor(period / 2);
  const victim = options.failMote ?? largestSubtree(out);
  const failing = failAt > 0 && victim > BASE && victim < n;
  const light = lightAt(seed);
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out,
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_PERIOD, period]]),
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

  const alive = out.map((_, i) => !(failing && i === victim));
  const distAfter = hops(out, BASE, alive);
  const depthAfter = Math.max(0, ...distAfter);
  const nextWave = failing ? 1 + Math.ceil((failAt - 1) / period) * period : rounds + 1;
  // Readings of the last `depth` rounds before the failure may still be crossing the failed mote.
  const before: Phase = { from: 1 + depthBefore, to: failing ? failAt - 1 - depthBefore : rounds };
  const during: Phase = { from: failAt, to: Math.min(rounds, nextWave + depthAfter - 1) };
  const after: Phase = { from: nextWave + depthAfter, to: rounds };

  const failures: string[] = [];
  const arrived = new Map<string, number>();
  for (const e of net.trace) {
    if (e.kind !== 'uart' || e.words[0] !== READING) continue;
    const [, origin, round, reading] = e.words;
    const key = `${origin} ${round}`;
    arrived.set(key, (arrived.get(key) ?? 0) + 1);
    const read = light(origin, round) >> 2;
    if (reading !== read) failures.push(`integrity: mote ${origin}'s reading of round ${round} arrived as ${reading}, it read ${read}`);
  }
  for (const [key, count] of arrived) if (count > 1) failures.push(`once: reading "${key}" (mote, round) arrived ${count} times`);
  const ratio = (phase: Phase, reachable: (i: number) => boolean): { sent: number; arrived: number } => {
    let sent = 0;
    let got = 0;
    for (let r = phase.from; r <= phase.to; r++) {
      for (let i = 1; i < n; i++) {
        if (!reachable(i) || (failing && i === victim && r >= failAt)) continue;
        sent++;
        if (arrived.has(`${i} ${r}`)) got++;
      }
    }
    return { sent, arrived: got };
  };
  const reachableBefore = hops(out, BASE);
  const b = ratio(before, (i) => reachableBefore[i] > 0);
  const d = failing ? ratio(during, (i) => distAfter[i] > 0) : { sent: 0, arrived: 0 };
  const a = failing ? ratio(after, (i) => distAfter[i] > 0) : { sent: 0, arrived: 0 };
  if (b.arrived < b.sent) failures.push(`delivery before the failure: ${b.arrived} of ${b.sent} readings arrived`);
  if (a.arrived < a.sent) failures.push(`delivery after the repair: ${a.arrived} of ${a.sent} readings arrived`);

  const beacons = net.messages.filter((m) => m.words[0] === BEACON);
  const beaconSends = new Set(beacons.map((m) => m.transmission)).size;
  const share = (x: { sent: number; arrived: number }): number | null => (x.sent === 0 ? null : x.arrived / x.sent);
  return {
    algorithm: options.kind,
    ...verdict([...faultFailures(net, (i) => `mote ${i}`), ...failures]),
    motes: n,
    rounds,
    ...measure(net),
    details: {
      beaconPeriod: period,
      failed: failing ? victim : null,
      failedAt: failing ? failAt : null,
      orphaned: failing ? subtreeSizes(out)[victim] - 1 : 0,
      unreachableAfter: distAfter.filter((h, i) => h < 0 && alive[i]).length,
      deliveryBefore: share(b),
      deliveryDuring: share(d),
      deliveryAfter: share(a),
      lostDuring: d.sent - d.arrived,
      beaconMessages: beaconSends,
      beaconMessagesPerRound: beaconSends / rounds,
      dataMessages: new Set(net.messages.filter((m) => m.words[0] === READING).map((m) => m.transmission)).size,
    },
  };
}
