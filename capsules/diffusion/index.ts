// Directed Diffusion (capsules/diffusion/README.md): the folder's registry entry (issue 17). Its
// baseline is the tree: capsules/tree/sub0.mate and receive.mate with baseline/tree_clock.mate.

import { AlgoInputError, type AlgorithmDefinition, type RunRequest } from '../../sim/algo/contract.js';
import type { Capsule } from '../../vm/capsule.js';
import { diffusionRun } from './compare.js';
import { diffusionFullRun } from './full.js';
import { MAX_SOURCES } from './tick.js';

function baseline(r: RunRequest): Capsule[] {
  const f = r.flags;
  if (f.sources !== undefined && (f.sources < 1 || f.sources > MAX_SOURCES)) throw new AlgoInputError(`--sources wants 1 to ${MAX_SOURCES}, got ${f.sources}`);
  if (f.threshold !== undefined && f.threshold > 1022) throw new AlgoInputError(`--threshold wants 0 to 1022, got ${f.threshold}`);
  if (f.interval === 0) throw new AlgoInputError('--interval wants at least 1 round');
  if (f.interestPeriod !== undefined && (f.interestPeriod < 1 || f.interestPeriod > 120)) throw new AlgoInputError(`--interest-period wants 1 to 120 rounds, got ${f.interestPeriod}`);
  if (f.fail !== undefined && (f.fail === 0 || f.fail >= r.topology.n)) throw new AlgoInputError(`--fail ${f.fail}: diffusion fails a relay, one of motes 1..${r.topology.n - 1}`);
  return [...r.capsulesOf('tree', ['sub0.mate', 'receive.mate']), ...r.capsulesOf('diffusion', ['baseline/tree_clock.mate'])];
}

export const algorithm: AlgorithmDefinition = {
  name: 'diffusion',
  summary: 'Directed Diffusion: interests, exploratory events, reinforcement; compared with the tree',
  order: 9,
  defaultTopology: 'grid:5x5',
  flags: {
    fail: 'the relay (default: the middle of the reinforced path)',
    failAt: 'the round it fails in (0: none fails)',
    sources: `sources (1 to ${MAX_SOURCES}), the motes farthest from the sink`,
    threshold: 'the interest asks for light above this (0-1022, default 500)',
    interval: 'rounds between readings (default 2: "every 2 s")',
    interestPeriod: 'rounds between interests (1-120, default max(12, 4 x depth))',
  },
  examples: ['--topology grid:10x10 --sources 3', '--topology grid:10x10 --sources 3 --network full --json'],
  timing: () => 'sync',
  classify: (words) => (words[0] === 2 ? (words[5] === 1 ? 'exploratory event' : 'reinforced event') : ({ 1: 'interest', 3: 'reinforcement' } as Record<number, string>)[words[0]] ?? `kind ${words[0]}`),
  tick: (r) => {
    const treeCapsules = baseline(r);
    const { sources, threshold, interval, interestPeriod, fail: failMote, failAt } = r.flags;
    return diffusionRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), treeCapsules, sources, threshold, interval, interestPeriod, failMote, failAt, observe: r.observe }).report;
  },
  full: (r) => {
    const treeCapsules = baseline(r);
    const { sources, threshold, interval, interestPeriod, fail: failMote, failAt } = r.flags;
    return diffusionFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, sources, threshold, interval, interestPeriod, failMote, failAt, treeCapsules, rangeFt: r.rangeFt, avrMotes: r.avrMotes });
  },
};
