// Lamport clocks (capsules/lamport/) on the full emulator, asynchronous: every mote's clock fires once
// a round and the capsule's coin picks a local event or a send; the `async` timing model holds each
// delivery back by up to asyncMaxDelayNs. After `steps` rounds the application is stopped (a clock
// capsule that halts is injected) and the run goes on until every message is in. Judged by the tick
// network's oracle (lamport-oracle.ts) on the emulator's record (emulator.ts).

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import type { Timing } from '../../sim/network/index.js';
import type { Topology } from '../../sim/world/topology.js';
import { lamportEvents, lamportOracle } from './oracle.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { FullRun, PHASE_NS, ROUND_NS, STOP_CLOCK, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

export interface LamportFullOptions extends Pick<FullOptions, 'avrMotes'> {
  readonly capsules: readonly Capsule[];
  readonly topology: Topology;
  readonly seed: number;
  readonly timing?: Timing;
  /** Rounds of application steps (default 20, as on the tick network). */
  readonly steps?: number;
  readonly rangeFt?: number;
  readonly profile?: CostProfile;
}

/** Rounds allowed after the last step for the slowest delivery (3 rounds of delay) to come in. */
const DRAIN_ROUNDS = 5;

export function lamportFullRun(options: LamportFullOptions): { report: AlgoReport; run: FullRun } {
  const steps = options.steps ?? 20;
  const timing = options.timing ?? 'async';
  const run = new FullRun({
    topology: options.topology,
    radio: perfectRadio(options.topology, options.seed, options.rangeFt),
    seed: options.seed,
    timing,
    capsules: options.capsules,
    stampedReceives: true,
    profile: options.profile,
    avrMotes: options.avrMotes,
  });
  for (let m = 0; m < run.n; m++) run.net.inject(m, STOP_CLOCK, steps * ROUND_NS + PHASE_NS + ROUND_NS / 2);
  run.runThrough(steps + DRAIN_ROUNDS);
  const lost = run.undelivered;
  run.close();
  const input = { n: run.n, messages: run.messages, trace: run.trace };
  const oracle = lamportOracle(input);
  const { events } = lamportEvents(input);
  const measures = run.measure();
  const { vmCycles, hostCycles, energyByComponent, ...totals } = measures;
  const report: AlgoReport = {
    algorithm: 'lamport',
    ...verdict([...run.faultFailures((m) => `mote ${m}`), ...oracle.failures]),
    motes: run.n,
    rounds: steps,
    ...totals,
    details: {
      network: 'full',
      timing,
      events: events.length,
      largestTimestamp: events.reduce((a, e) => Math.max(a, e.ts), 0),
      undelivered: lost,
      radioTransmissions: run.net.stats.transmissions,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
