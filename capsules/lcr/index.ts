// LCR leader election on a ring (capsules/lcr/README.md): the folder's registry entry (issue 17).

import { AlgoInputError, byKind, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import { lcrFullRun } from './full.js';
import { lcrRun } from './tick.js';

export const algorithm: AlgorithmDefinition = {
  name: 'lcr',
  summary: 'LCR leader election on a one-way ring, with Lynch\'s message counts',
  order: 5,
  defaultTopology: 'ring:10',
  layout: 'count',
  shape: 'a ring',
  flags: { timing: '', crashes: '', ringOrder: 'ids decreasing (worst), increasing (best) or shuffled along the ring' },
  examples: ['--topology ring:100 --ring-order worst'],
  timing: (flags, network) => (network === 'full' ? 'async' : flags.timing),
  classify: byKind({ 1: 'election', 2: 'leader' }),
  tick: (r) => {
    if (r.flags.crashes?.kind === 'chain') throw new AlgoInputError('--crashes chain is the flood-set adversary; lcr takes --crashes N');
    return lcrRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, n: r.topology.n, order: r.flags.ringOrder, timing: r.flags.timing, crashes: r.flags.crashes?.count, observe: r.observe });
  },
  full: (r) => {
    if (r.flags.crashes !== undefined) throw new AlgoInputError('--network full runs lcr without crashes');
    return lcrFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, n: r.topology.n, order: r.flags.ringOrder, avrMotes: r.avrMotes });
  },
};
