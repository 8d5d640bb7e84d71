// `mote algo diffusion`'s report: Directed Diffusion judged by its oracle, and its cost per delivered
// event against two baselines on the same topology, seed, events and failure: flooding (the same
// capsules with the sink never reinforcing, so every event floods) and the spanning tree of `tree`
// (capsules/tree/ with capsules/diffusion/baseline/tree_clock.mate, which sends the same events up the
// beacon tree, a wave every R rounds like the interests).

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { configCapsule } from './config.js';
import { diffusionScenario, runDiffusion, type DiffusionOptions, type DiffusionRun, type DiffusionScenario } from './diffusion.js';
import { diffusionOracle, EVENT } from './diffusion-oracle.js';
import { faultFailures, measure, verdict, type AlgoReport } from './report.js';
import { BASE } from './routing.js';
import { TickNetwork } from './tick-network.js';

/** Heap words of the tree baseline (capsules/diffusion/baseline/tree_clock.mate). */
const TREE_PERIOD = 6;
const TREE_THRESHOLD = 7;
const TREE_INTERVAL = 8;
const DRAIN_ROUNDS = 64;

export interface DiffusionCompareOptions extends DiffusionOptions {
  readonly capsules: readonly Capsule[];
  /** The tree baseline's capsules; without them the report has no tree figures. */
  readonly treeCapsules?: readonly Capsule[];
  readonly profile?: CostProfile;
  readonly observe?: (net: TickNetwork) => void;
}

/** A run's cost, rounded for the report: every transmission and the energy of every mote (energy.ts). */
export interface Cost {
  /** Distinct events the sink got, excused ones included. */
  readonly delivered: number;
  readonly messages: number;
  readonly millijoules: number;
  readonly messagesPerEvent: number | null;
  readonly millijoulesPerEvent: number | null;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Distinct matching events written to the sink's serial port. */
function deliveredEvents(net: TickNetwork, scenario: DiffusionScenario): number {
  const seen = new Set<string>();
  for (const e of net.trace) {
    if (e.kind !== 'uart' || e.mote !== BASE || e.words[0] !== EVENT) continue;
    if (scenario.light(e.words[1], e.words[2]) > scenario.threshold) seen.add(`${e.words[1]} ${e.words[2]}`);
  }
  return seen.size;
}

function cost(net: TickNetwork, scenario: DiffusionScenario): Cost {
  const m = measure(net);
  const delivered = deliveredEvents(net, scenario);
  const mj = m.energy * 1e3;
  return {
    delivered,
    messages: m.messages,
    millijoules: round(mj, 3),
    messagesPerEvent: delivered === 0 ? null : round(m.messages / delivered, 2),
    millijoulesPerEvent: delivered === 0 ? null : round(mj / delivered, 3),
  };
}

/** The tree baseline: beacon waves every R rounds, each event up the tree; the same failure. */
export function runTreeBaseline(scenario: DiffusionScenario, capsules: readonly Capsule[], failed: DiffusionRun['failed'], profile?: CostProfile): TickNetwork {
  const n = scenario.out.length;
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out: scenario.out,
    capsules,
    config: () => configCapsule([[TREE_PERIOD, scenario.period], [TREE_THRESHOLD, scenario.threshold], [TREE_INTERVAL, scenario.interval]]),
    delay: () => 0,
    broadcast: 'radio',
    sensor: (mote, _sensor, tick) => scenario.light(mote, tick),
    profile,
    seed: scenario.seed,
  });
  for (let round = 1; round <= scenario.rounds; round++) {
    net.step();
    if (failed !== null && round === failed.round) net.crash(failed.mote);
    for (let i = 0; i < n; i++) net.fire(i);
  }
  for (let k = 0; k < DRAIN_ROUNDS && net.busy; k++) net.step();
  return net;
}

function judge(scenario: DiffusionScenario, run: DiffusionRun, reinforce: boolean): ReturnType<typeof diffusionOracle> {
  return diffusionOracle({
    out: scenario.out,
    threshold: scenario.threshold,
    interval: scenario.interval,
    period: scenario.period,
    rounds: scenario.rounds,
    light: scenario.light,
    trace: run.net.trace,
    messages: run.net.messages,
    failed: run.failed,
    reinforce,
    focus: scenario.sources[0] ?? -1,
  });
}

export function diffusionRun(options: DiffusionCompareOptions): { report: AlgoReport; net: TickNetwork } {
  const scenario = diffusionScenario(options);
  const run = runDiffusion(scenario, { capsules: options.capsules, profile: options.profile, reinforce: true, observe: options.observe });
  const { verdict: judged, figures } = judge(scenario, run, true);
  // The baselines fail the same mote in the same round, whether or not it is on their routes.
  const flooding = runDiffusion({ ...scenario, failAt: run.failed?.round ?? 0, failMote: run.failed?.mote }, { capsules: options.capsules, profile: options.profile, reinforce: false });
  const flooded = judge(scenario, flooding, false);
  const tree = options.treeCapsules === undefined ? null : runTreeBaseline(scenario, options.treeCapsules, run.failed, options.profile);
  const failures = [
    ...faultFailures(run.net, (i) => `mote ${i}`),
    ...judged.failures,
    ...[...faultFailures(flooding.net, (i) => `mote ${i}`), ...flooded.verdict.failures].map((f) => `flooding baseline: ${f}`),
    ...(tree === null ? [] : faultFailures(tree, (i) => `tree baseline: mote ${i}`)),
  ];
  const report: AlgoReport = {
    algorithm: 'diffusion',
    ...verdict(failures),
    motes: scenario.out.length,
    rounds: scenario.rounds,
    ...measure(run.net),
    details: {
      sources: scenario.sources,
      threshold: scenario.threshold,
      interval: scenario.interval,
      interestPeriod: scenario.period,
      failed: run.failed?.mote ?? null,
      failedAt: run.failed?.round ?? null,
      eventsRequired: figures.required,
      eventsDelivered: figures.delivered,
      lostDuring: figures.lostDuring,
      repairedAt: figures.repairedAt,
      pathBefore: figures.pathBefore,
      pathAfter: figures.pathAfter,
      onePathEvents: figures.onePath,
      floodedEvents: figures.flooded,
      messagesByKind: { interest: figures.interests, exploratory: figures.exploratory, reinforced: figures.reinforced, reinforcement: figures.reinforcements },
      diffusion: cost(run.net, scenario),
      flooding: cost(flooding.net, scenario),
      tree: tree === null ? null : cost(tree, scenario),
    },
  };
  return { report, net: run.net };
}
