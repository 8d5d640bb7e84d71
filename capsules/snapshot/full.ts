// Chandy-Lamport snapshots (capsules/snapshot/) over the token application on the full emulator: the
// reliable link layer (acknowledged, FIFO, exactly once) under the `async` timing model, as the
// algorithm needs. Tokens and snapshot starts are drawn as on the tick network (randomSnapshotRun);
// every mote's clock gives tokens away each round for `steps` rounds; a snapshot starts with the
// command [4, s] handed to a mote's receive context from its serial port (source: itself), as a base
// station would. Judged by snapshot-oracle.ts on the emulator's record (emulator.ts).

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../../sim/core/rng.js';
import { wakeVm } from '../../sim/network/scheduler.js';
import type { Topology } from '../../sim/world/topology.js';
import { configCapsule } from '../../sim/algo/config.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { adjacency } from '../../sim/algo/graph.js';
import { recordedSnapshots, REC_MARKER, snapshotOracle, START } from './oracle.js';
import { MAX_SNAPSHOTS } from './scenario.js';
import { wordsToBytes } from '../../sim/algo/tick-network.js';
import { FullRun, PHASE_NS, ROUND_NS, STOP_CLOCK, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

/** Heap word of the balance (capsules/snapshot/README.md). */
const HEAP_TOKENS = 0;
/** Rounds run between checks for the end, and the most a run may take after its steps. */
const CHECK_ROUNDS = 5;
const SETTLE_ROUNDS = 500;
/** How long a start command waits for a busy receive context before it is tried again: 1 ms. */
const SERIAL_RETRY_NS = 1_000_000;
/** Ten rounds of tries; a handler busy that long is stuck, and the command goes in (and is lost) anyway. */
const SERIAL_RETRIES = 10_000;

export interface SnapshotFullOptions extends Pick<FullOptions, 'avrMotes'> {
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
    avrMotes: options.avrMotes,
  });
  const w = run.net.world;
  for (let m = 0; m < n; m++) run.net.inject(m, STOP_CLOCK, steps * ROUND_NS + PHASE_NS + ROUND_NS / 2);
  starts.forEach(({ tick, mote }, s) => {
    // The command goes over the serial line once the receive context is free: the VM has one buffer
    // for it and drops what comes while it is busy (vm.ts deliver), as the radio's queue would not.
    let at = Math.max(w.now, tick * ROUND_NS + PHASE_NS + ROUND_NS / 2);
    run.net.runUntil(at);
    for (let k = 0; k < SERIAL_RETRIES && w.vms[mote]?.receiveIdle === false; k++) run.net.runUntil((at += SERIAL_RETRY_NS));
    const words = [START, s];
    run.trace.push({ kind: 'inject', tick: run.tick(w.now), mote, words });
    const bytes = wordsToBytes(words);
    w.vms[mote]?.deliver(bytes, bytes.length, mote);
    wakeVm(w, mote);
  });
  let round = steps + 1;
  run.runThrough(round);
  // The perfect radio's links are the tick network's neighbours (radio.ts): a channel each way.
  const out = adjacency(options.topology, options.rangeFt);
  const channels = out.reduce((a, list) => a + list.length, 0);
  const done = (): number => run.trace.filter((e) => e.kind === 'uart' && e.words[0] === REC_MARKER && e.words[1] < snapshots).length;
  while ((run.undelivered > 0 || done() < snapshots * channels) && round < steps + SETTLE_ROUNDS) run.runThrough((round += CHECK_ROUNDS));
  run.close();
  const input = { names: Array.from({ length: n }, (_, i) => String(i)), initialTokens: tokens, snapshots, out, messages: run.messages, trace: run.trace, indexOf: (id: number) => (id < n ? id : -1) };
  const oracle = snapshotOracle(input);
  const recorded = recordedSnapshots(input);
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'snapshot',
    ...verdict([...run.faultFailures((m) => `mote ${m}`), ...oracle.failures]),
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
