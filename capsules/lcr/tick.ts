// LCR (capsules/lcr/) on a unidirectional ring of the tick network, asynchronous (each mote starts
// at a random tick, messages take 1 + 0..3 ticks) or synchronous; judged by the election oracle
// (capsules/floodmax/oracle.ts) and Lynch's message counts (oracle.ts).

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../../sim/core/rng.js';
import { ring } from '../../sim/algo/graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';
import { electionOracle } from '../floodmax/oracle.js';
import { outcome } from '../floodmax/tick.js';
import { lcrCountFailures, type RingOrder } from './oracle.js';

const MAX_RANDOM_DELAY = 3;
const SETTLE_TICKS = 1_000_000;

export interface LcrOptions {
  readonly capsules: readonly Capsule[];
  readonly n: number;
  readonly order: RingOrder;
  readonly seed: number;
  readonly timing: 'sync' | 'async';
  /** Motes that crash at the start (LCR does not survive it: a broken run). */
  readonly crashes?: number;
  readonly profile?: CostProfile;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

/** Ids by ring position (messages travel to position + 1): decreasing is the worst order, increasing the best. */
export function ringIds(n: number, order: RingOrder, seed: number): number[] {
  if (order === 'worst') return Array.from({ length: n }, (_, p) => n - p);
  if (order === 'best') return Array.from({ length: n }, (_, p) => p + 1);
  const rng = namedStream(seed, 'ring');
  const ids = Array.from({ length: n }, (_, p) => p + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

export function lcrRun(options: LcrOptions): AlgoReport {
  const { n } = options;
  const rng = namedStream(options.seed, 'lcr');
  const delays = namedStream(options.seed, 'delays');
  const sync = options.timing === 'sync';
  const ids = ringIds(n, options.order, options.seed);
  const net = new TickNetwork({
    ids,
    out: ring(n),
    capsules: options.capsules,
    delay: () => (sync ? 0 : delays.int(MAX_RANDOM_DELAY + 1)),
    broadcast: 'radio',
    profile: options.profile,
    seed: options.seed,
  });
  options.observe?.(net);
  const alive = new Array<boolean>(n).fill(true);
  for (let k = 0; k < Math.min(options.crashes ?? 0, n); k++) {
    const m = rng.int(n);
    alive[m] = false;
    net.crash(m);
  }
  const starts = Array.from({ length: n }, () => (sync ? 0 : rng.int(n)));
  const last = Math.max(0, ...starts);
  for (let t = 0; t <= last; t++) {
    for (let i = 0; i < n; i++) if (starts[i] === t) net.fire(i);
    net.step();
  }
  for (let k = 0; k < SETTLE_TICKS && net.busy; k++) net.step();
  const { claims, known } = outcome(net, true);
  const election = net.messages.filter((m) => m.words[0] === 1).length;
  const announce = net.messages.filter((m) => m.words[0] === 2).length;
  const counts = alive.every(Boolean) ? lcrCountFailures(n, options.order, election, announce) : [];
  const failures = [...faultFailures(net, (i) => `id ${ids[i]}`), ...electionOracle({ ids, alive, claims, known }).failures, ...counts];
  return {
    algorithm: 'lcr',
    ...verdict(failures),
    motes: n,
    rounds: net.tick,
    ...measure(net),
    messages: election,
    details: { order: options.order, timing: options.timing, announceMessages: announce, leader: claims.map((i) => ids[i]) },
  };
}
