// Runs leader election on the tick network: FloodMax (capsules/floodmax/) in lock-step rounds on any
// connected topology, diameter rounds; LCR (capsules/lcr/) on a unidirectional ring, asynchronous
// (each mote starts at a random tick, messages take 1 + 0..3 ticks) or synchronous. Both judged by
// election-oracle.ts.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../core/rng.js';
import { configCapsule } from './config.js';
import { electionOracle, lcrCountFailures, type RingOrder } from './election-oracle.js';
import { componentDiameter, components, diameter, ring, type Adjacency } from './graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from './report.js';
import { TickNetwork } from './tick-network.js';

const HEAP_ROUNDS = 2;
const MAX_RANDOM_DELAY = 3;
const SETTLE_TICKS = 1_000_000;

/** Claims and known leaders from the serial records [1, leader, me?] (FloodMax) or [1, id] / [2, leader] (LCR). */
function outcome(net: TickNetwork, lcr: boolean): { claims: number[]; known: (number | undefined)[] } {
  const claims: number[] = [];
  const known = new Array<number | undefined>(net.n).fill(undefined);
  for (const e of net.trace) {
    if (e.kind !== 'uart') continue;
    const [kind, leader, me] = e.words;
    if (kind === 1) {
      known[e.mote] = leader;
      if (lcr || me === 1) claims.push(e.mote);
    } else if (kind === 2 && lcr) known[e.mote] = leader;
  }
  return { claims, known };
}

export interface FloodMaxOptions {
  readonly capsules: readonly Capsule[];
  readonly out: Adjacency;
  readonly seed: number;
  /** Motes dead from the start, drawn at random. */
  readonly crashes?: number;
  /** Rounds to run instead of the live diameter (fewer makes a broken run). */
  readonly rounds?: number;
  /** Live motes not all connected is no failure: each component elects its own leader (--allow-disconnected). */
  readonly perComponent?: boolean;
  readonly profile?: CostProfile;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

/** Which of n motes are alive after `crashes` (at most n - 1) drawn from the seed: the same on the tick network and the emulator. */
export function floodMaxAlive(seed: number, n: number, crashes: number): boolean[] {
  const rng = namedStream(seed, 'floodmax');
  const alive = new Array<boolean>(n).fill(true);
  for (let k = 0; k < Math.min(crashes, n - 1); ) {
    const m = rng.int(n);
    if (alive[m]) {
      alive[m] = false;
      k++;
    }
  }
  return alive;
}

/**
 * How FloodMax is judged on live motes that may not be connected: the rounds it needs (the largest
 * diameter of a component), its failures when a gap is not allowed, and the oracle's components.
 */
export function floodMaxPlan(out: Adjacency, alive: readonly boolean[], perComponent: boolean): {
  rounds: number;
  diameter: number;
  gap: string[];
  components: { of: Int32Array; count: number };
} {
  const diam = diameter(out, alive);
  const gap = diam < 0 && !perComponent ? ['the live motes are not connected: no algorithm can elect across the gap'] : [];
  return { rounds: diam < 0 ? componentDiameter(out, alive) : diam, diameter: diam, gap, components: components(out, alive) };
}

export function floodMaxRun(options: FloodMaxOptions): AlgoReport {
  const n = options.out.length;
  const alive = floodMaxAlive(options.seed, n, options.crashes ?? 0);
  const plan = floodMaxPlan(options.out, alive, options.perComponent ?? false);
  const rounds = options.rounds ?? plan.rounds;
  const ids = Array.from({ length: n }, (_, i) => i);
  const net = new TickNetwork({
    ids,
    out: options.out,
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_ROUNDS, rounds]]),
    delay: () => 0,
    broadcast: 'radio',
    profile: options.profile,
    seed: options.seed,
  });
  options.observe?.(net);
  alive.forEach((a, i) => a || net.crash(i));
  for (let r = 1; r <= rounds + 1; r++) {
    net.step();
    for (let i = 0; i < n; i++) net.fire(i);
  }
  const { claims, known } = outcome(net, false);
  const oracle = electionOracle({ ids, alive, claims, known, components: options.perComponent === true ? plan.components.of : undefined });
  const failures = [...plan.gap, ...faultFailures(net, (i) => `mote ${i}`), ...oracle.failures];
  return {
    algorithm: 'floodmax',
    ...verdict(failures),
    motes: n,
    rounds,
    ...measure(net),
    details: { diameter: plan.diameter, components: plan.components.count, crashed: alive.filter((a) => !a).length, leader: claims.map((i) => ids[i]) },
  };
}

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
