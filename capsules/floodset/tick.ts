// Runs flood-set consensus (capsules/floodset/) in the synchronous model (SPEC 6): lock-step rounds
// on one broadcast cell (the lecture's model: every process multicasts to all), messages of round r
// delivered before round r + 1. Crashes follow a plan: a mote crashing in round r multicasts to only
// some of the others, then stops for good. The `chain` plan is the adversary of the lecture's
// proof: the only holder of the lowest value crashes in round 1 reaching one mote, which crashes in
// round 2 reaching one more, and so on; with f + 1 crashes the last one reaches a single survivor,
// who decides differently from everyone else.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream, type Rng } from '../../sim/core/rng.js';
import { configCapsule } from '../../sim/algo/config.js';
import { consensusOracle, type Decision } from './oracle.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

/** Heap words (capsules/floodset/README.md). */
const HEAP_ROUNDS = 3;
const HEAP_INPUT = 4;
/** Values are bits of one 16-bit word, kept positive: 0..14. */
export const MAX_VALUES = 15;

export type CrashPlan = { readonly kind: 'random' | 'chain'; readonly count: number };

export interface Crash {
  readonly mote: number;
  readonly round: number;
  /** The motes its last multicast reaches. */
  readonly reach: ReadonlySet<number>;
}

export interface FloodSetOptions {
  readonly capsules: readonly Capsule[];
  readonly n: number;
  readonly f: number;
  readonly seed: number;
  readonly crashes?: CrashPlan;
  /** Inputs are drawn from 0..values-1 (default 2: the lecture's 0/1). Ignored by the chain plan. */
  readonly values?: number;
  readonly profile?: CostProfile;
  /** Handed the network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
}

function shuffled(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Inputs and crashes for a plan; null when the motes are too few for it. */
export function planCrashes(options: FloodSetOptions): { inputs: number[]; crashes: Crash[] } | null {
  const { n, f } = options;
  const rng = namedStream(options.seed, 'floodset');
  const plan = options.crashes ?? { kind: 'random', count: 0 };
  const values = Math.max(1, Math.min(MAX_VALUES, options.values ?? 2));
  if (plan.kind === 'chain') {
    if (n < plan.count + 2) return null;
    const [first, ...rest] = shuffled(n, rng);
    const chain = [first, ...rest.slice(0, plan.count)];
    const inputs = Array.from({ length: n }, (_, i) => (i === first ? 0 : 1));
    const crashes = chain.slice(0, plan.count).map((mote, k) => ({ mote, round: k + 1, reach: new Set([chain[k + 1]]) }));
    return { inputs, crashes };
  }
  if (plan.count > n) return null;
  const inputs = Array.from({ length: n }, () => rng.int(values));
  const crashes = shuffled(n, rng)
    .slice(0, plan.count)
    .map((mote) => {
      const others = shuffled(n, rng).filter((j) => j !== mote);
      return { mote, round: 1 + rng.int(f + 1), reach: new Set(others.slice(0, rng.int(others.length + 1))) };
    });
  return { inputs, crashes };
}

export function floodSetRun(options: FloodSetOptions): { report: AlgoReport; inputs: number[]; crashes: Crash[]; decisions: Decision[] } {
  const { n, f } = options;
  const planned = planCrashes(options);
  const inputs = planned?.inputs ?? [];
  const crashes = planned?.crashes ?? [];
  const crashOf = new Map(crashes.map((c) => [c.mote, c]));
  const everyone = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i));
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out: everyone,
    capsules: options.capsules,
    config: (i) => configCapsule([[HEAP_ROUNDS, f + 1], [HEAP_INPUT, inputs[i] ?? 0]]),
    delay: () => 0,
    broadcast: 'radio',
    reach: (src, dst, tick) => {
      const c = crashOf.get(src);
      return c === undefined || c.round !== tick || c.reach.has(dst);
    },
    profile: options.profile,
    seed: options.seed,
  });
  options.observe?.(net);
  if (planned !== null) {
    for (let round = 1; round <= f + 2; round++) {
      net.step();
      for (let i = 0; i < n; i++) net.fire(i);
      for (const c of crashes) if (c.round === round) net.crash(c.mote);
    }
  }
  const decisions: Decision[] = [];
  for (const e of net.trace) if (e.kind === 'uart' && e.words[0] === 1) decisions.push({ mote: e.mote, value: e.words[1], round: e.tick });
  const crashed = Array.from({ length: n }, (_, i) => crashOf.has(i));
  const oracle = consensusOracle({ inputs, crashed, f, decisions });
  const planFailure = planned === null ? [`a ${options.crashes?.kind} plan of ${options.crashes?.count} crashes needs more than ${n} motes`] : [];
  const report: AlgoReport = {
    algorithm: 'floodset',
    ...verdict([...planFailure, ...faultFailures(net, (i) => `mote ${i}`), ...oracle.failures]),
    motes: n,
    rounds: f + 1,
    ...measure(net),
    details: {
      f,
      crashes: crashes.map((c) => ({ mote: c.mote, round: c.round, reached: c.reach.size })),
      inputs,
      decisions: decisions.map((d) => d.value),
    },
  };
  return { report, inputs, crashes, decisions };
}
