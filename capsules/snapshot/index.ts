// Chandy-Lamport snapshots (capsules/snapshot/README.md): the folder's registry entry (issue 17).

import { AlgoInputError, byKind, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import { snapshotFullRun } from './full.js';
import { REC_STATE } from './oracle.js';
import { MAX_SNAPSHOTS } from './scenario.js';
import { randomSnapshotRun, snapshotReport } from './tick.js';

export const algorithm: AlgorithmDefinition = {
  name: 'snapshot',
  summary: 'Chandy-Lamport snapshots started at random; every recorded cut is consistent',
  order: 2,
  defaultTopology: 'grid:5x5',
  flags: { timing: '', steps: 'ticks of application traffic', snapshots: `snapshots started at random (at most ${MAX_SNAPSHOTS}; capsules/snapshot/README.md)` },
  timing: (flags, network) => (network === 'full' ? 'async' : flags.timing),
  classify: byKind({ 1: 'token', 2: 'marker' }),
  marks: () => ({ serial: (_, words) => (words[0] === REC_STATE ? { cut: { snap: words[1], state: words[2] } } : {}) }),
  tick: (r) => {
    if (r.flags.snapshots > MAX_SNAPSHOTS) throw new AlgoInputError(`--snapshots wants at most ${MAX_SNAPSHOTS}, got ${r.flags.snapshots}`);
    const run = randomSnapshotRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), timing: r.flags.timing, steps: r.flags.steps, snapshots: r.flags.snapshots });
    r.observe?.(run.net);
    return snapshotReport(run);
  },
  full: (r) => {
    if (r.flags.snapshots > MAX_SNAPSHOTS) throw new AlgoInputError(`--snapshots wants at most ${MAX_SNAPSHOTS}, got ${r.flags.snapshots}`);
    return snapshotFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, steps: r.flags.steps, snapshots: r.flags.snapshots, rangeFt: r.rangeFt, avrMotes: r.avrMotes });
  },
};
