// In-network aggregation (capsules/aggregate/README.md): the folder's registry entry (issue 17). It
// runs on the tree's beacon handler, capsules/tree/sub0.mate, installed first.

import { byKind, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import { aggregateFullRun } from './full.js';
import { aggregateRun } from './tick.js';

export const algorithm: AlgorithmDefinition = {
  name: 'aggregate',
  summary: 'TAG-style in-network aggregation up the beacon tree, epoch by epoch',
  order: 8,
  defaultTopology: 'grid:5x5',
  flags: { epochs: 'epochs of the query' },
  before: [['tree', 'sub0.mate']],
  timing: () => 'sync',
  classify: byKind({ 1: 'beacon', 3: 'partial' }),
  tick: (r) => aggregateRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), epochs: r.flags.epochs, observe: r.observe }),
  full: (r) => aggregateFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, epochs: r.flags.epochs, rangeFt: r.rangeFt, avrMotes: r.avrMotes }),
};
