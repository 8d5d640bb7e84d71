// The lecture's algorithms on the full mote emulator (sim/network + sim/mote), one entry for
// `mote algo NAME --network full`: the same capsules and oracles as the tick network, with messages,
// cycles and energy from the emulator's own counters and meter. See emulator.ts for how a run is
// recorded and the README beside this file for what differs from the tick network.

import type { Capsule } from '../../../vm/capsule.js';
import type { CostProfile } from '../../../vm/opcodes.js';
import type { Topology } from '../../world/topology.js';
import type { RingOrder } from '../election-oracle.js';
import type { CrashPlan } from '../floodset.js';
import type { AlgoReport } from '../report.js';
import { aggregateFullRun } from './aggregate.js';
import { diffusionFullRun } from './diffusion.js';
import { floodMaxFullRun } from './floodmax.js';
import { floodSetFullRun } from './floodset.js';
import { lamportFullRun } from './lamport.js';
import { lcrFullRun } from './lcr.js';
import { fullReadingPeriod, routingFullRun } from './routing.js';
import { snapshotFullRun } from './snapshot.js';

import type { FullRun } from './emulator.js';

export { FullRun, PHASE_NS, ROUND_NS } from './emulator.js';
export { aggregateFullRun, diffusionFullRun, floodMaxFullRun, floodSetFullRun, fullReadingPeriod, lamportFullRun, lcrFullRun, routingFullRun, snapshotFullRun };

export const FULL_ALGORITHMS = ['lamport', 'snapshot', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate', 'diffusion'] as const;
export type FullAlgorithm = (typeof FULL_ALGORITHMS)[number];

export interface FullAlgoOptions {
  readonly capsules: readonly Capsule[];
  readonly topology: Topology;
  readonly seed: number;
  readonly profile?: CostProfile;
  /** lamport: `async` (seeded delays) or `sync` (rounds). */
  readonly timing: 'sync' | 'async';
  readonly steps?: number;
  readonly rangeFt?: number;
  /** floodset */
  readonly f: number;
  readonly crashes: CrashPlan;
  readonly values?: number;
  /** floodmax: motes dead from the start; a leader per component across a gap. */
  readonly deadAtStart?: number;
  readonly perComponent?: boolean;
  /** lcr */
  readonly ringOrder: RingOrder;
  /** snapshot: snapshots started at random. */
  readonly snapshots?: number;
  /** tree, dag: rounds between beacon waves, the mote that fails and when (0: none; diffusion too), one reading in S rounds. */
  readonly beaconPeriod?: number;
  readonly failMote?: number;
  readonly failAt?: number;
  readonly readingPeriod?: number;
  /** aggregate */
  readonly epochs?: number;
  /** diffusion: sources, the interest (light above threshold, every interval rounds), rounds between interests, the tree baseline's capsules. */
  readonly sources?: number;
  readonly threshold?: number;
  readonly interval?: number;
  readonly interestPeriod?: number;
  readonly treeCapsules?: readonly Capsule[];
}

/** One run on the emulator and its record; floodset and lcr take only the topology's mote count (a cell; a ring). */
export function runOnEmulator(name: FullAlgorithm, o: FullAlgoOptions): { report: AlgoReport; run: FullRun } {
  const common = { capsules: o.capsules, seed: o.seed, profile: o.profile };
  if (name === 'lamport') return lamportFullRun({ ...common, topology: o.topology, timing: o.timing, steps: o.steps, rangeFt: o.rangeFt });
  if (name === 'snapshot') return snapshotFullRun({ ...common, topology: o.topology, steps: o.steps, snapshots: o.snapshots, rangeFt: o.rangeFt });
  if (name === 'floodset') return floodSetFullRun({ ...common, n: o.topology.n, f: o.f, crashes: o.crashes, values: o.values });
  if (name === 'floodmax') return floodMaxFullRun({ ...common, topology: o.topology, crashes: o.deadAtStart, rangeFt: o.rangeFt, perComponent: o.perComponent });
  if (name === 'tree' || name === 'dag') {
    const { beaconPeriod, failMote, failAt, readingPeriod, rangeFt } = o;
    return routingFullRun({ ...common, topology: o.topology, kind: name, beaconPeriod, failMote, failAt, readingPeriod, rangeFt });
  }
  if (name === 'aggregate') return aggregateFullRun({ ...common, topology: o.topology, epochs: o.epochs, rangeFt: o.rangeFt });
  if (name === 'diffusion') {
    const { sources, threshold, interval, interestPeriod, failMote, failAt, treeCapsules, rangeFt } = o;
    return diffusionFullRun({ ...common, topology: o.topology, sources, threshold, interval, interestPeriod, failMote, failAt, treeCapsules, rangeFt });
  }
  return lcrFullRun({ ...common, n: o.topology.n, order: o.ringOrder });
}
