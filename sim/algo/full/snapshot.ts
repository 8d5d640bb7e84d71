// Chandy-Lamport snapshots (capsules/snapshot/) over the token application on the full emulator: the
// reliable link layer (acknowledged, FIFO, exactly once) under the `async` timing model, as the
// algorithm needs. Tokens and snapshot starts are drawn as on the tick network (randomSnapshotRun);
// every mote's clock gives tokens away each round for `steps` rounds; a snapshot starts with the
// command [4, s] handed to a mote's receive context from its serial port (source: itself), as a base
// station would. Judged by snapshot-oracle.ts on the emulator's record (emulator.ts).

import type { Capsule } from '../../../vm/capsule.js';
import type { CostProfile } from '../../../vm/opcodes.js';
import { namedStream } from '../../core/rng.js';
import { wakeVm } from '../../mote/scheduler.js';
import type { Topology } from '../../world/topology.js';
import { configCapsule } from '../config.js';
import { verdict, type AlgoReport } from '../report.js';
import { recordedSnapshots, REC_DONE, snapshotOracle, START } from '../snapshot-oracle.js';
import { MAX_INCOMING, MAX_SNAPSHOTS } from '../snapshot-scenario.js';
import { wordsToBytes } from '../tick-network.js';
import { FullRun, PHASE_NS, ROUND_NS, STOP_CLOCK } from './emulator.js';
import { perfectRadio } from './radio.js';

/** Heap word of the balance (capsules/snapshot/README.md). */
const HEAP_TOKENS = 0;
/** Rounds run between checks for the end, and the most a run may take after its steps. */
const CHECK_ROUNDS = 5;
const SETTLE_ROUNDS = 500;

export interface SnapshotFullOptions {
  readonly capsules: readonly Capsule[];
  readonly topology: Topology;
  readonly seed: number;
  readonly snapshots?: number;
  /** Rounds of application traffic (default 30, as on the tick network). */
  readonly steps?: number;
  readonly rangeFt?: number;
  readonly profile?: CostProfile;
}

export function snapshotFullRun(options: SnapshotFullOptions): { report: AlgoReport; run: FullRun } {
  const n = options.topology.n;
  const rng = namedStream(options.seed, 'snapshot');
  const snapshots = Math.min(MAX_SNAPSHOTS, options.snapshots ?? 3);
  const steps = options.steps ?? 30;
  const tokens = Array.from({ length: n }, () => 1 + rng.int(10));
  const starts = Array.from({ length: snapshots }, () => ({ tick: rng.int(steps), mote: rng.int(n) })).sort((a, b) => a.tick - b.tick);
  const run = new FullRun({
    topology: options.topology,
    radio: perfectRadio(options.topology, options.seed, options.rangeFt),
    seed: options.seed,
    timing: 'async',
    linkLayer: 'reliable',
    capsules: options.capsules,
    config: (m) => configCapsule([[HEAP_TOKENS, tokens[m]]]),
    profile: options.profile,
  });
  const w = run.net.world;
  for (let m = 0; m < n; m++) run.net.inject(m, STOP_CLOCK, steps * ROUND_NS + PHASE_NS + ROUND_NS / 2);
  starts.forEach(({ tick, mote }, s) => {
    run.net.runUntil(tick * ROUND_NS + PHASE_NS + ROUND_NS / 2);
    const words = [START, s];
    run.trace.push({ kind: 'inject', tick: run.tick(w.now), mote, words });
    const bytes = wordsToBytes(words);
    w.vms[mote]?.deliver(bytes, bytes.length, mote);
    wakeVm(w, mote);
  });
  let round = steps + 1;
  run.runThrough(round);
  const done = (): number => run.trace.filter((e) => e.kind === 'uart' && e.words[0] === REC_DONE && e.words[1] < snapshots).length;
  while ((run.undelivered > 0 || done() < snapshots * n) && round < steps + SETTLE_ROUNDS) run.runThrough((round += CHECK_ROUNDS));
  run.close();
  const input = { names: Array.from({ length: n }, (_, i) => String(i)), initialTokens: tokens, snapshots, messages: run.messages, trace: run.trace, indexOf: (id: number) => (id < n ? id : -1) };
  const busiest = Math.max(0, ...Array.from({ length: n }, (_, m) => w.links.offsets[m + 1] - w.links.offsets[m]));
  const wide = busiest > MAX_INCOMING ? [`a mote has ${busiest} channels; the capsules keep one bit each, at most ${MAX_INCOMING}`] : [];
  const oracle = snapshotOracle(input);
  const recorded = recordedSnapshots(input);
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'snapshot',
    ...verdict([...wide, ...run.faultFailures((m) => `mote ${m}`), ...oracle.failures]),
    motes: n,
    rounds: round,
    ...totals,
    details: {
      network: 'full',
      snapshots: recorded.length,
      channelsRecorded: recorded.reduce((a, s) => a + s.inTransit.length, 0),
      radioTransmissions: run.net.stats.transmissions,
      retransmissions: run.net.stats.retransmissions,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
