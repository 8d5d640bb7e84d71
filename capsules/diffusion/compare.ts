// `mote algo diffusion`'s report: Directed Diffusion judged by its oracle, and its cost per delivered
// event against two baselines on the same topology, seed, events and failure: flooding (the same
// capsules with the sink never reinforcing, so every event floods) and the spanning tree of `tree`
// (capsules/tree/ with capsules/diffusion/baseline/tree_clock.mate, which sends the same events up the
// beacon tree, a wave every R rounds like the interests).

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { configCapsule } from '../../sim/algo/config.js';
import { diffusionScenario, DRAIN_ROUNDS, runDiffusion, type DiffusionOptions, type DiffusionRun, type DiffusionScenario } from './tick.js';
import { cost, diffusionDetails, judgeDiffusion } from './report.js';
import { faultFailures, measure, verdict, type AlgoReport } from '../../sim/algo/report.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

export type { Cost } from './report.js';

/** Heap words of the tree baseline (capsules/diffusion/baseline/tree_clock.mate). */
const TREE_PERIOD = 6;
const TREE_THRESHOLD = 7;
const TREE_INTERVAL = 8;

/** The tree baseline's configuration: B = R, the interest's threshold and interval. */
export function treeBaselineConfig(scenario: DiffusionScenario): Capsule {
  return configCapsule([[TREE_PERIOD, scenario.period], [TREE_THRESHOLD, scenario.threshold], [TREE_INTERVAL, scenario.interval]]);
}

export interface DiffusionCompareOptions extends DiffusionOptions {
  readonly capsules: readonly Capsule[];
  /** The tree baseline's capsules; without them the report has no tree figures. */
  readonly treeCapsules?: readonly Capsule[];
  readonly profile?: CostProfile;
  readonly observe?: (net: TickNetwork) => void;
}

/** The tree baseline: beacon waves every R rounds, each event up the tree; the same failure. */
export function runTreeBaseline(scenario: DiffusionScenario, capsules: readonly Capsule[], failed: DiffusionRun['failed'], profile?: CostProfile): TickNetwork {
  const n = scenario.out.length;
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out: scenario.out,
    capsules,
    config: () => treeBaselineConfig(scenario),
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

export function diffusionRun(options: DiffusionCompareOptions): { report: AlgoReport; net: TickNetwork } {
  const scenario = diffusionScenario(options);
  const run = runDiffusion(scenario, { capsules: options.capsules, profile: options.profile, reinforce: true, observe: options.observe });
  const { verdict: judged, figures } = judgeDiffusion(scenario, run.net, run.failed, true);
  // The baselines fail the same mote in the same round, whether or not it is on their routes.
  const flooding = runDiffusion({ ...scenario, failAt: run.failed?.round ?? 0, failMote: run.failed?.mote }, { capsules: options.capsules, profile: options.profile, reinforce: false });
  const flooded = judgeDiffusion(scenario, flooding.net, flooding.failed, false);
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
      ...diffusionDetails(scenario, run.failed, figures),
      diffusion: cost(run.net, measure(run.net), scenario),
      flooding: cost(flooding.net, measure(flooding.net), scenario),
      tree: tree === null ? null : cost(tree, measure(tree), scenario),
    },
  };
  return { report, net: run.net };
}
