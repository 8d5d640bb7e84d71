// Tree and DAG routing to a base station (capsules/tree/, capsules/dag/) on the full emulator, judged
// by the tick network's oracle (routing-oracle.ts): hop-count beacon waves from mote 0, readings sent
// up the routes, the mote with the largest subtree (routing.ts, the same as on the tick network:
// tree/sub0 settles on the lowest-id parent whatever order the beacons come in) failing part way
// through. `orphaned` is read from the motes' heaps as the failure's round starts: the motes whose
// every route ran through the failed mote.
//
// The `physical` timing model: a packet arrives when its last bit does, so a reading crosses many
// hops in one round. Each mote's clock fires at its own seeded point of the round (its capsules go
// in then), as unsynchronised motes' do, so packets reach a relay spread over the round. (In
// lock-step rounds every packet of a round reaches its mote at the boundary at once, and a relay
// near the base station handed more than its receive queue holds drops the rest.)
//
// The capacity of the base station's neighbourhood is the emulator's lesson: 99 motes reading every
// round on a 10x10 grid lose about a third of their readings to full receive queues at the relays
// around the base station. So each mote reads one round in S (heap 8; (round + id) mod S = 0),
// S = ceil((n - 1) / RECEIVE_QUEUE) by default: about as many readings reach the base station in a
// round as a mote's receive queue holds. The sensor is the tick network's (lightAt) in the round the
// clock fired in, so the oracle checks the same values on both networks.
//
// A full receive queue is not a failure by itself here: in a beacon wave a mote hears up to eight
// neighbours pass the wave on while its handler waits to send its own, and drops copies it would
// ignore anyway (counted in receiveDrops). A dropped reading fails the delivery oracle, and the drops
// are then named with it.

import { OUTGOING } from '../../vm/host.js';
import { namedStream } from '../../sim/core/rng.js';
import { RECEIVE_QUEUE } from '../../sim/network/receive-queue.js';
import type { Topology } from '../../sim/world/topology.js';
import { configCapsule } from '../../sim/algo/config.js';
import { adjacency } from '../../sim/algo/graph.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { BASE, routingOracle } from './oracle.js';
import { defaultBeaconPeriod, defaultFailAt, HEAP_PERIOD, HEAP_READING_PERIOD, largestSubtree, lightAt, type RoutingRunOptions } from './tick.js';
import { FullRun, PHASE_NS, ROUND_NS, STOP_CLOCK, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

/** Heap words of the routes (capsules/tree/README.md, capsules/dag/README.md): 1 hops, 2 parent (dag: parent bits). */
const HEAP_HOPS = 1;
const HEAP_PARENT = 2;
/** The failing mote stops this long before its clock fires (the tick network crashes it before the round's firings). */
const CRASH_MARGIN_NS = 1_000_000;
/** Clocks fire at seeded points of [PHASE_NS, PHASE_NS + SPREAD_NS) in each round, well before its end. */
const SPREAD_NS = 700_000_000;

/**
 * As on the tick network, but failMote defaults to the relay most motes route through when the round
 * of the failure starts, and readingPeriod to fullReadingPeriod(n).
 */
export interface RoutingFullOptions extends RoutingRunOptions, Pick<FullOptions, 'avrMotes'> {
  readonly topology: Topology;
  readonly rangeFt?: number;
}

/** About as many readings a round reach the base station as a mote's receive queue holds. */
export function fullReadingPeriod(n: number): number {
  return Math.max(1, Math.ceil((n - 1) / RECEIVE_QUEUE));
}

/** Each mote's parents now, read from its heap: a tree's parent, or a DAG's parent bits (bit k: the k-th outgoing neighbour, as dag/sub1 reads it). */
function parentsNow(run: FullRun, kind: 'tree' | 'dag'): number[][] {
  const parents: number[][] = [];
  for (let m = 0; m < run.n; m++) {
    const heap = run.net.moteView(m).vm?.heap;
    if (m === BASE || heap === undefined || heap[HEAP_HOPS].value <= 0) {
      parents.push([]);
      continue;
    }
    const word = heap[HEAP_PARENT].value & 0xffff;
    const nbrs = kind === 'dag' ? Array.from(run.net.world.hosts[m]?.neighbours(OUTGOING) ?? []) : [];
    parents.push(kind === 'tree' ? [word] : nbrs.filter((_, k) => k < 16 && (word >> k) & 1));
  }
  return parents;
}

/** Motes with a route and no route that avoids `victim`. */
function cutOff(parents: readonly number[][], victim: number): number {
  const routed = parents.map((_, m) => m === BASE);
  for (let changed = true; changed; ) {
    changed = false;
    parents.forEach((list, m) => {
      if (routed[m] || m === victim || !list.some((p) => p !== victim && routed[p])) return;
      routed[m] = changed = true;
    });
  }
  return parents.filter((list, m) => m !== victim && list.length > 0 && !routed[m]).length;
}

export function routingFullRun(options: RoutingFullOptions): { report: AlgoReport; run: FullRun } {
  const { topology, seed, kind } = options;
  const n = topology.n;
  const out = adjacency(topology, options.rangeFt);
  const period = Math.max(1, options.beaconPeriod ?? defaultBeaconPeriod(out));
  const rounds = options.rounds ?? 6 * period;
  const failAt = options.failAt ?? defaultFailAt(period);
  const victim = options.failMote ?? largestSubtree(out);
  const failing = failAt > 0 && victim > BASE && victim < n;
  const readingPeriod = Math.max(1, options.readingPeriod ?? fullReadingPeriod(n));
  const light = lightAt(seed);
  const phases = namedStream(seed, 'clock phases');
  const installAt = Array.from({ length: n }, () => PHASE_NS + phases.int(SPREAD_NS));
  const run = new FullRun({
    topology,
    radio: perfectRadio(topology, seed, options.rangeFt),
    seed,
    timing: 'physical',
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_PERIOD, period], [HEAP_READING_PERIOD, readingPeriod]]),
    installAt: (m) => installAt[m],
    signal: (mote, _sensor, tNs) => light(mote, Math.floor(tNs / ROUND_NS)),
    profile: options.profile,
    avrMotes: options.avrMotes,
  });
  for (let m = 0; m < n; m++) run.net.inject(m, STOP_CLOCK, (rounds + 1) * ROUND_NS);
  let orphaned = 0;
  if (failing) {
    // The routes as the round of the failure starts, before any clock of that round fires.
    run.net.runUntil(failAt * ROUND_NS);
    orphaned = cutOff(parentsNow(run, kind), victim);
    run.fault({ at: failAt * ROUND_NS + installAt[victim] - CRASH_MARGIN_NS, kind: 'crash', mote: victim });
  }
  run.runThrough(rounds + 1);
  run.close();

  const failed = failing ? { mote: victim, round: failAt } : null;
  const oracle = routingOracle({ out, trace: run.trace, messages: run.messages, rounds, period, readingPeriod, failed, light });
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const name = (m: number): string => `mote ${m}`;
  const report: AlgoReport = {
    algorithm: kind,
    ...verdict([...run.trapFailures(name), ...oracle.failures, ...(oracle.failures.length > 0 ? run.dropFailures(name) : [])]),
    motes: n,
    rounds,
    ...totals,
    details: {
      network: 'full',
      orphaned,
      ...oracle.details,
      radioTransmissions: run.net.stats.transmissions,
      receiveDrops: run.net.stats.receiveDrops,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
