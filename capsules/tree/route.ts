// The tree's and the DAG's drivers (capsules/dag/ runs this folder's with kind 'dag'): the same
// beacon waves, failure and readings, on either network.

import { AlgoInputError, byKind, type AlgorithmDefinition, type RunRequest } from '../../sim/algo/contract.js';
import { routingFullRun } from './full.js';
import { defaultBeaconPeriod, routingRun } from './tick.js';

/** How long the routing runs are: six beacon periods (tick.ts, full.ts). */
const ROUTING_PERIODS = 6;

function checkFail(r: RunRequest): void {
  if (r.flags.fail !== undefined && r.flags.fail >= r.topology.n) throw new AlgoInputError(`--fail ${r.flags.fail}: the topology has motes 0..${r.topology.n - 1}`);
}

export function routingAlgorithm(kind: 'tree' | 'dag', summary: string): AlgorithmDefinition {
  return {
    name: kind,
    summary,
    defaultTopology: 'grid:5x5',
    timing: (_, network) => (network === 'full' ? 'async' : 'sync'), // physical timing on the emulator: no rounds to draw
    classify: byKind({ 1: 'beacon', 2: 'reading' }),
    flags: {
      beaconPeriod: 'rounds between beacon waves (default max(10, 2 x depth))',
      fail: 'the mote that fails (default: the one with the largest subtree)',
      failAt: 'the round it fails in (0: none fails)',
      readingPeriod: "a mote reads one round in S, when (round + id) mod S = 0 (default 1; with --network full ceil((n - 1) / 8), what the base station's neighbourhood carries)",
    },
    checkFlags: (flags, topology, out) => {
      const n = topology.n;
      if (flags.fail !== undefined && (flags.fail === 0 || flags.fail >= n)) throw new AlgoInputError(`--fail ${flags.fail}: ${kind} fails one of motes 1..${n - 1} (mote 0 is the base station)`);
      if (flags.failAt === undefined || n < 2) return;
      const rounds = ROUTING_PERIODS * (flags.beaconPeriod ?? defaultBeaconPeriod(out()));
      if (flags.failAt > rounds) throw new AlgoInputError(`--fail-at ${flags.failAt}: the run has ${rounds} rounds (${ROUTING_PERIODS} beacon periods); the failure would never happen`);
    },
    tick: (r) => {
      checkFail(r);
      const { beaconPeriod, fail: failMote, failAt, readingPeriod } = r.flags;
      return routingRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), kind, beaconPeriod, failMote, failAt, readingPeriod, observe: r.observe });
    },
    full: (r) => {
      checkFail(r);
      const { beaconPeriod, fail: failMote, failAt, readingPeriod } = r.flags;
      return routingFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, kind, beaconPeriod, failMote, failAt, readingPeriod, rangeFt: r.rangeFt, avrMotes: r.avrMotes });
    },
  };
}
