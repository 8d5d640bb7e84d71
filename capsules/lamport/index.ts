// Lamport clocks (capsules/lamport/README.md): the folder's registry entry (issue 17).

import type { AlgorithmDefinition } from '../../sim/algo/contract.js';
import { lamportFullRun } from './full.js';
import { lamportEvents, REC_LOCAL, REC_RECEIVE } from './oracle.js';
import { lamportRun } from './tick.js';

export const algorithm: AlgorithmDefinition = {
  name: 'lamport',
  summary: 'Lamport logical clocks: every event stamped, every receive after its send',
  order: 1,
  defaultTopology: 'grid:5x5',
  flags: { timing: '', steps: 'ticks of application traffic' },
  examples: ['--topology grid:10x10 --seed 3 --json', '--topology line:4 --steps 12 --svg lamport.svg'],
  classify: () => 'message',
  // Timestamps on the diagram: sends and receives by message, local events in trace order per mote.
  marks: (run) => {
    const sendTs = new Map<number, number>();
    const recvTs = new Map<number, number>();
    const localTs: number[][] = Array.from({ length: run.n }, () => []);
    for (const e of lamportEvents(run).events) {
      if (e.kind === 'send') sendTs.set(e.msg, e.ts);
      else if (e.kind === 'receive') recvTs.set(e.msg, e.ts);
      else localTs[e.mote].push(e.ts);
    }
    const seen = new Array<number>(run.n).fill(0);
    return {
      sendTs,
      recvTs,
      serial: (mote, words) => (words[0] === REC_RECEIVE ? { stamp: true } : words[0] === REC_LOCAL ? { ts: localTs[mote][seen[mote]++] } : {}),
    };
  },
  tick: (r) => {
    const run = lamportRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, out: r.out(), timing: r.flags.timing, steps: r.flags.steps });
    r.observe?.(run.net);
    return run.report;
  },
  full: (r) => lamportFullRun({ capsules: r.capsules, seed: r.seed, profile: r.profile, topology: r.topology, timing: r.flags.timing, steps: r.flags.steps, rangeFt: r.rangeFt, avrMotes: r.avrMotes }),
};
