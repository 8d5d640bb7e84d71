// TinyDB-style in-network aggregation (Madden et al., OSDI 2002; the lecture's in-network
// processing) on the tick network: the average of light / 4 over the beacon tree
// (capsules/aggregate/ with tree/sub0.mate), one partial [3, sum, count] per mote per epoch,
// children before parents. Judged by aggregate-oracle.ts: each epoch's answer at the base station
// equals the average of the readings the motes took in that epoch, every reachable mote counted
// once; and the messages it cost against shipping every reading to the base station.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { configCapsule } from '../../sim/algo/config.js';
import { hops, type Adjacency } from '../../sim/algo/graph.js';
import { aggregateOracle } from './oracle.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { BASE, lightAt } from '../tree/tick.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

/** Heap words of the configuration (capsules/aggregate/README.md): 6 epoch rounds B, 9 tree depth D. */
export const HEAP_EPOCH = 6;
export const HEAP_DEPTH = 9;

/** The wave reaches depth D by phase D; partials climb from phase D to 2D; the answer is at 2D. */
export function epochRounds(depth: number): number {
  return 2 * depth + 2;
}

export interface AggregateOptions {
  readonly capsules: readonly Capsule[];
  readonly out: Adjacency;
  readonly seed: number;
  readonly epochs?: number;
  readonly profile?: CostProfile;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

export function aggregateRun(options: AggregateOptions): AlgoReport {
  const { out, seed } = options;
  const n = out.length;
  const dist = hops(out, BASE);
  const depth = Math.max(0, ...dist);
  const period = epochRounds(depth);
  const epochs = Math.max(1, options.epochs ?? 3);
  const light = lightAt(seed);
  const readings: { mote: number; round: number; value: number }[] = [];
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out,
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_EPOCH, period], [HEAP_DEPTH, depth]]),
    delay: () => 0,
    broadcast: 'radio',
    sensor: (mote, _sensor, tick) => {
      const value = light(mote, tick);
      readings.push({ mote, round: tick, value });
      return value;
    },
    profile: options.profile,
    seed,
  });
  options.observe?.(net);
  for (let round = 1; round <= epochs * period; round++) {
    net.step();
    for (let i = 0; i < n; i++) net.fire(i);
  }

  const oracle = aggregateOracle({ dist, epochs, period, trace: net.trace, messages: net.messages, readings });
  return {
    algorithm: 'aggregate',
    ...verdict([...faultFailures(net, (i) => `mote ${i}`), ...oracle.failures]),
    motes: n,
    rounds: epochs * period,
    ...measure(net),
    details: oracle.details,
  };
}
