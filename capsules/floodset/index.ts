// FloodSet consensus (capsules/floodset/README.md): the folder's registry entry (issue 17).

import { AlgoInputError, type AlgoFlags, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import { floodSetFullRun } from './full.js';
import { floodSetRun, MAX_VALUES, type CrashPlan } from './tick.js';

/** --crashes N at random, or the adversary chain of the lecture's proof (default f + 1). */
function crashPlan(flags: AlgoFlags): CrashPlan {
  if (flags.values < 1 || flags.values > MAX_VALUES) throw new AlgoInputError(`--values wants 1 to ${MAX_VALUES}, got ${flags.values}`);
  return { kind: flags.crashes?.kind ?? 'random', count: flags.crashes?.count ?? (flags.crashes?.kind === 'chain' ? flags.f + 1 : 0) };
}

export const algorithm: AlgorithmDefinition = {
  name: 'floodset',
  summary: 'FloodSet consensus in f + 1 rounds on one broadcast cell, under crashes',
  defaultTopology: 'clique:10',
  layout: 'count',
  timing: () => 'sync',
  classify: () => 'values',
  tick: (r) => floodSetRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, n: r.topology.n, f: r.flags.f, crashes: crashPlan(r.flags), values: r.flags.values, observe: r.observe }).report,
  full: (r) => floodSetFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, n: r.topology.n, f: r.flags.f, crashes: crashPlan(r.flags), values: r.flags.values }),
};
