// TinyDB-style in-network aggregation (capsules/aggregate/ with tree/sub0.mate) on the full emulator
// in the `sync` timing model, judged by the tick network's oracle (aggregate-oracle.ts): an epoch of
// 2D + 2 rounds, the beacon wave at phase 0, each mote's partial [3, sum, count] at phase 2D - hops,
// the base station's answer at phase 2D. The slots need lock-step rounds: a partial sent in a round
// is handed over at the next boundary, before the parent's clock fires. Every `sense` is recorded
// through the sensor signal (the tick network's light, in the round it falls in), so the oracle
// compares the answer with the readings the motes really took.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import type { Topology } from '../../sim/world/topology.js';
import { epochRounds, HEAP_DEPTH, HEAP_EPOCH } from './tick.js';
import { aggregateOracle } from './oracle.js';
import { configCapsule } from '../../sim/algo/config.js';
import { adjacency, hops } from '../../sim/algo/graph.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { BASE, lightAt } from '../tree/tick.js';
import { FullRun, PHASE_NS, ROUND_NS, STOP_CLOCK, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

export interface AggregateFullOptions extends Pick<FullOptions, 'avrMotes'> {
  readonly capsules: readonly Capsule[];
  readonly topology: Topology;
  readonly seed: number;
  readonly epochs?: number;
  readonly rangeFt?: number;
  readonly profile?: CostProfile;
}

export function aggregateFullRun(options: AggregateFullOptions): { report: AlgoReport; run: FullRun } {
  const { topology, seed } = options;
  const n = topology.n;
  const dist = hops(adjacency(topology, options.rangeFt), BASE);
  const depth = Math.max(0, ...dist);
  const period = epochRounds(depth);
  const epochs = Math.max(1, options.epochs ?? 3);
  const rounds = epochs * period;
  const light = lightAt(seed);
  const readings: { mote: number; round: number; value: number }[] = [];
  const run = new FullRun({
    topology,
    radio: perfectRadio(topology, seed, options.rangeFt),
    seed,
    timing: 'sync',
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_EPOCH, period], [HEAP_DEPTH, depth]]),
    signal: (mote, _sensor, tNs) => {
      const round = Math.floor(tNs / ROUND_NS);
      const value = light(mote, round);
      readings.push({ mote, round, value });
      return value;
    },
    profile: options.profile,
    avrMotes: options.avrMotes,
  });
  for (let m = 0; m < n; m++) run.net.inject(m, STOP_CLOCK, rounds * ROUND_NS + PHASE_NS + ROUND_NS / 2);
  run.runThrough(rounds + 1);
  run.close();

  const oracle = aggregateOracle({ dist, epochs, period, trace: run.trace, messages: run.messages, readings });
  const late = run.messages.filter((m) => m.deliveredTick > m.sentTick + 1).length;
  const lateFailure = late > 0 ? [`synchronous rounds: ${late} messages arrived after the round that follows their send`] : [];
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'aggregate',
    ...verdict([...lateFailure, ...run.faultFailures((m) => `mote ${m}`), ...oracle.failures]),
    motes: n,
    rounds,
    ...totals,
    details: {
      network: 'full',
      ...oracle.details,
      radioTransmissions: run.net.stats.transmissions,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
