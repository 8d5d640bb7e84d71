// FloodMax (capsules/floodmax/) on the tick network, in lock-step rounds on any connected topology,
// diameter rounds; judged by the election oracle (oracle.ts), which ring elections reuse.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../../sim/core/rng.js';
import { configCapsule } from '../../sim/algo/config.js';
import { electionOracle } from './oracle.js';
import { componentDiameter, components, diameter, type Adjacency } from '../../sim/algo/graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

const HEAP_ROUNDS = 2;

/** Claims and known leaders from the serial records [1, leader, me?] (FloodMax), or with `ring` [1, id] / [2, leader] (a ring election). */
export function outcome(net: TickNetwork, ring: boolean): { claims: number[]; known: (number | undefined)[] } {
  const claims: number[] = [];
  const known = new Array<number | undefined>(net.n).fill(undefined);
  for (const e of net.trace) {
    if (e.kind !== 'uart') continue;
    const [kind, leader, me] = e.words;
    if (kind === 1) {
      known[e.mote] = leader;
      if (ring || me === 1) claims.push(e.mote);
    } else if (kind === 2 && ring) known[e.mote] = leader;
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
