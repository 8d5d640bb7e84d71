// The tree's and the DAG's drivers (capsules/dag/ runs this folder's with kind 'dag'): the same
// beacon waves, failure and readings, on either network.

import { AlgoInputError, byKind, type AlgorithmDefinition, type RunRequest } from '../../sim/algo/contract.js';
import { routingFullRun } from './full.js';
import { routingRun } from './tick.js';

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
    tick: (r) => {
      checkFail(r);
      const { beaconPeriod, fail: failMote, failAt, readingPeriod } = r.flags;
      return routingRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), kind, beaconPeriod, failMote, failAt, readingPeriod, observe: r.observe });
    },
    full: (r) => {
      checkFail(r);
      const { beaconPeriod, fail: failMote, failAt, readingPeriod } = r.flags;
      return routingFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, kind, beaconPeriod, failMote, failAt, readingPeriod, rangeFt: r.rangeFt });
    },
  };
}
