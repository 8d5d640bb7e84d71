// Lamport clocks (capsules/lamport/README.md): the folder's registry entry (issue 17).

import type { AlgorithmDefinition } from '../../sim/algo/contract.js';
import { lamportFullRun } from './full.js';
import { lamportRun } from './tick.js';

export const algorithm: AlgorithmDefinition = {
  name: 'lamport',
  summary: 'Lamport logical clocks: every event stamped, every receive after its send',
  defaultTopology: 'grid:5x5',
  classify: () => 'message',
  tick: (r) => {
    const run = lamportRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), timing: r.flags.timing, steps: r.flags.steps });
    r.observe?.(run.net);
    return run.report;
  },
  full: (r) => lamportFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, timing: r.flags.timing, steps: r.flags.steps, rangeFt: r.rangeFt }),
};
