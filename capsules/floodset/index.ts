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
  order: 3,
  defaultTopology: 'clique:10',
  layout: 'count',
  shape: 'one broadcast cell',
  flags: {
    f: 'crashes tolerated; it runs f + 1 rounds',
    crashes: "also chain[:N], the adversary chain of the lecture's proof (default f + 1)",
    values: `inputs drawn from 0..n-1 (2 to ${MAX_VALUES}; capsules/floodset/README.md)`,
  },
  examples: ['--topology clique:8 --f 2 --crashes chain:3'],
  checkFlags: (flags, topology) => {
    if (flags.crashes?.kind !== 'chain') return;
    const count = flags.crashes.count ?? flags.f + 1;
    if (topology.n < count + 2) throw new AlgoInputError(`--crashes chain:${count}: a chain of ${count} crashes needs at least ${count + 2} motes; the topology has ${topology.n}`);
  },
  timing: () => 'sync',
  classify: () => 'values',
  tick: (r) => floodSetRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, n: r.topology.n, f: r.flags.f, crashes: crashPlan(r.flags), values: r.flags.values, observe: r.observe }).report,
  full: (r) => floodSetFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, n: r.topology.n, f: r.flags.f, crashes: crashPlan(r.flags), values: r.flags.values, avrMotes: r.avrMotes }),
};
