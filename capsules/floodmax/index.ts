// FloodMax leader election (capsules/floodmax/README.md): the folder's registry entry (issue 17).

import { AlgoInputError, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import { floodMaxFullRun } from './full.js';
import { floodMaxRun } from './tick.js';

export const algorithm: AlgorithmDefinition = {
  name: 'floodmax',
  summary: 'FloodMax leader election in diameter rounds; a leader per component with --allow-disconnected',
  order: 4,
  defaultTopology: 'grid:5x5',
  flags: { crashes: '', allowDisconnected: 'elects a leader per component' },
  examples: ['--topology grid:10x10 --network full'],
  timing: () => 'sync',
  classify: () => 'largest id',
  tick: (r) => {
    if (r.flags.crashes?.kind === 'chain') throw new AlgoInputError('--crashes chain is the flood-set adversary; floodmax takes --crashes N');
    return floodMaxRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), crashes: r.flags.crashes?.count, perComponent: r.flags.allowDisconnected, observe: r.observe });
  },
  full: (r) => floodMaxFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, crashes: r.flags.crashes?.count, rangeFt: r.rangeFt, perComponent: r.flags.allowDisconnected, avrMotes: r.avrMotes }),
};
