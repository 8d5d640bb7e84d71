// Runs the Lamport clock capsules (capsules/lamport/) on the tick network: asynchronous (each tick
// a mote takes a step with some chance; messages take 1 + 0..3 ticks) or synchronous (every mote
// steps every round; messages arrive by the next round). Judged by lamport-oracle.ts.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../../sim/core/rng.js';
import type { Adjacency } from '../../sim/algo/graph.js';
import { lamportEvents, lamportOracle } from './oracle.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

const MAX_RANDOM_DELAY = 3;

export interface LamportOptions {
  readonly capsules: readonly Capsule[];
  readonly out: Adjacency;
  readonly seed: number;
  readonly timing: 'sync' | 'async';
  /** Ticks (rounds) of application steps. */
  readonly steps?: number;
  /** A mote's chance to take a step each tick (asynchronous runs). */
  readonly activity?: number;
  readonly profile?: CostProfile;
}

export function lamportRun(options: LamportOptions): { report: AlgoReport; net: TickNetwork } {
  const n = options.out.length;
  const rng = namedStream(options.seed, 'lamport');
  const delays = namedStream(options.seed, 'delays');
  const sync = options.timing === 'sync';
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out: options.out,
    capsules: options.capsules,
    delay: () => (sync ? 0 : delays.int(MAX_RANDOM_DELAY + 1)),
    broadcast: 'radio',
    profile: options.profile,
    seed: options.seed,
  });
  const steps = options.steps ?? 20;
  const activity = options.activity ?? 0.5;
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < n; i++) if (sync || rng.float() < activity) net.fire(i);
    net.step();
  }
  while (net.busy) net.step();
  const oracle = lamportOracle({ n, messages: net.messages, trace: net.trace });
  const { events } = lamportEvents({ n, messages: net.messages, trace: net.trace });
  const report: AlgoReport = {
    algorithm: 'lamport',
    ...verdict([...faultFailures(net, (i) => `mote ${i}`), ...oracle.failures]),
    motes: n,
    rounds: net.tick,
    ...measure(net),
    details: { timing: options.timing, events: events.length, largestTimestamp: events.reduce((a, e) => Math.max(a, e.ts), 0) },
  };
  return { report, net };
}
