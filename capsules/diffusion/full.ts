// Directed Diffusion (capsules/diffusion/; Intanagonwiwat, Govindan & Estrin, MobiCom 2000) on the
// full emulator in the `sync` timing model, judged by the tick network's oracle through the same code
// (diffusion-report.ts): the sink's interests flooded a hop a round, gradients, a source's exploratory
// event flooded back, the sink's reinforcement retracing the first copy's path, then reinforced events
// along that one path; the middle relay of the first source's path fails half an epoch after the
// fourth interest, read from the motes' heaps as the round of the failure starts, as on the tick
// network. The baselines run on the emulator too, with the same failure: flooding (the same capsules,
// the sink never reinforcing) and the tree of capsules/diffusion/baseline/.
//
// Lock-step rounds, because the oracle's bounds are hops counted in rounds (an interest, an event and
// its reinforcement each cross a hop a round) and because "the first event of an epoch" must mean the
// same reading round on both networks: the packets sent in round k are handed over in round k + 1,
// all before the clocks fire, as the tick network steps before it fires. The sensor is the scenario's
// light in the round the clock fired in.
//
// The hand-overs are spread: the `sync` timing model hands a round's packets to the stack all at the
// boundary, and with three sources exploring at once a grid mote gets up to 18 in one round (copies of
// overlapping floods): twice what its receive handler and queue hold (1 + 8), so reinforcements and
// reinforced events were dropped with the copies (about 1,000 drops on grid:10x10, three sources). So a
// packet that arrives in round k is handed over at a seeded point of the first SPREAD_NS of round
// k + 1 (the network's `scheduler` hook with the `async` model: the rest of round k plus the jitter),
// and the clocks fire at CLOCK_AT_NS, after the last hand-over and its handler.
import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../../sim/core/rng.js';
import type { Topology } from '../../sim/world/topology.js';
import { diffusionConfig, diffusionScenario, DRAIN_ROUNDS, reinforcedPathIn, victim, type DiffusionOptions, type HeapOf, type DiffusionRun, type DiffusionScenario } from './tick.js';
import { treeBaselineConfig } from './compare.js';
import { cost, diffusionDetails, judgeDiffusion } from './report.js';
import { adjacency } from '../../sim/algo/graph.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { BASE } from '../tree/oracle.js';
import { FullRun, ROUND_NS, STOP_CLOCK, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

/** Hand-overs fall at seeded points of [0, SPREAD_NS) after the round boundary. */
export const SPREAD_NS = 400_000_000;
/** Where in the round the clocks fire (the capsules go in then): the hand-overs' handlers are done by then. */
const CLOCK_AT_NS = 700_000_000;
/** The failing relay stops this long before the clocks of its round fire (the tick network crashes it before the round's firings). */
const CRASH_MARGIN_NS = 1_000_000;
/** Runs go this far past a round's clock firing: its sends are out. */
const AFTER_CLOCK_NS = 200_000_000;

export interface DiffusionFullOptions extends Omit<DiffusionOptions, 'out'>, Pick<FullOptions, 'avrMotes'> {
  readonly capsules: readonly Capsule[];
  readonly topology: Topology;
  /** The tree baseline's capsules; without them the report has no tree figures. */
  readonly treeCapsules?: readonly Capsule[];
  readonly rangeFt?: number;
  readonly profile?: CostProfile;
  /** Hand-overs at seeded points of [0, spreadNs) after the boundary (default SPREAD_NS; 0: all at the boundary, as `sync` does). */
  readonly spreadNs?: number;
}

interface Emulated {
  readonly run: FullRun;
  readonly failed: DiffusionRun['failed'];
  /** The round after which nothing was in flight any more. */
  readonly quiet: number;
  /** Runs the network through round k's clock firing and its sends. */
  readonly through: (round: number) => void;
}

/** One run of `capsules` on the emulator: `config` per mote, `fail` picks the relay as the round of the failure starts. */
function emulate(
  scenario: DiffusionScenario,
  o: DiffusionFullOptions,
  capsules: readonly Capsule[],
  config: (mote: number) => Capsule,
  fail: (run: FullRun) => number,
): Emulated {
  const { topology, seed } = o;
  const jitter = namedStream(seed, 'diffusion hand-over');
  const spread = Math.max(0, Math.min(SPREAD_NS, Math.floor(o.spreadNs ?? SPREAD_NS)));
  const run = new FullRun({
    topology,
    radio: perfectRadio(topology, seed, o.rangeFt),
    seed,
    timing: 'async',
    scheduler: ({ arrivedAt }) => Math.ceil(arrivedAt / ROUND_NS) * ROUND_NS - arrivedAt + (spread > 0 ? jitter.int(spread) : 0),
    capsules,
    config,
    installAt: () => CLOCK_AT_NS,
    signal: (mote, _sensor, tNs) => scenario.light(mote, Math.floor(tNs / ROUND_NS)),
    profile: o.profile,
    avrMotes: o.avrMotes,
  });
  const through = (round: number): void => run.net.runUntil(round * ROUND_NS + CLOCK_AT_NS + AFTER_CLOCK_NS);
  // After the last round's clock: the round counters stay, and the drain reads nothing.
  for (let m = 0; m < run.n; m++) run.net.inject(m, STOP_CLOCK, scenario.rounds * ROUND_NS + CLOCK_AT_NS + AFTER_CLOCK_NS);
  let failed: DiffusionRun['failed'] = null;
  if (scenario.failAt > 0 && scenario.failAt <= scenario.rounds) {
    const crashAt = scenario.failAt * ROUND_NS + CLOCK_AT_NS - CRASH_MARGIN_NS;
    run.net.runUntil(crashAt - 1);
    const mote = fail(run);
    if (mote > BASE && mote < run.n) {
      run.fault({ at: crashAt, kind: 'crash', mote });
      failed = { mote, round: scenario.failAt };
    }
  }
  through(scenario.rounds);
  let quiet = scenario.rounds;
  while (quiet < scenario.rounds + DRAIN_ROUNDS && inFlight(run)) through(++quiet);
  return { run, failed, quiet, through };
}

/** Whether a message is still on its way to a live mote (those to the failed relay never arrive). */
function inFlight(run: FullRun): boolean {
  const alive = run.net.world.alive;
  return run.messages.some((m) => m.deliveredTick < 0 && m.dst >= 0 && alive[m.dst] !== 0);
}

/** Runs on through round `last` (every run of a report to the same one, so their energy compares) and closes the record. */
function finish(e: Emulated, last: number): void {
  e.through(last);
  e.run.close();
}

/** Messages handed over later than the boundary after their round: the oracle's round counts would not hold. */
function lateFailures(run: FullRun): string[] {
  const late = run.messages.filter((m) => m.deliveredTick > m.sentTick + 1).length;
  return late === 0 ? [] : [`synchronous rounds: ${late} messages arrived after the round that follows their send`];
}

/** The motes' heaps as the emulator shows them; undefined for a mote that is down. */
function heapsOf(run: FullRun): HeapOf {
  return (m) => {
    const view = run.net.moteView(m);
    return view.alive ? view.vm?.heap : undefined;
  };
}

export function diffusionFullRun(options: DiffusionFullOptions): { report: AlgoReport; run: FullRun } {
  const out = adjacency(options.topology, options.rangeFt);
  const scenario = diffusionScenario({ ...options, out });
  const main = emulate(scenario, options, options.capsules, diffusionConfig(scenario, true), (run) =>
    victim(scenario, (source) => reinforcedPathIn(run.n, heapsOf(run), source)),
  );
  const { run, failed } = main;
  // The baselines fail the same mote in the same round, whether or not it is on their routes.
  const baseline = { ...scenario, failAt: failed?.round ?? 0 };
  const failMote = (): number => failed?.mote ?? -1;
  const flooding = emulate(baseline, options, options.capsules, diffusionConfig(scenario, false), failMote);
  const treeRun = options.treeCapsules === undefined ? null : emulate(baseline, options, options.treeCapsules, () => treeBaselineConfig(scenario), failMote);
  const last = Math.max(main.quiet, flooding.quiet, treeRun?.quiet ?? 0) + 1;
  for (const e of [main, flooding, treeRun]) if (e !== null) finish(e, last);
  const tree = treeRun?.run ?? null;
  const judged = judgeDiffusion(scenario, run, failed, true);
  const flooded = judgeDiffusion(scenario, flooding.run, flooding.failed, false);

  const name = (m: number): string => `mote ${m}`;
  // A full receive queue is named with the oracle's failures, not alone: in a dense spot a flood's
  // copies can still come faster than the handler takes them, and those are copies the cache drops.
  const judgedFailures = (e: FullRun, oracle: readonly string[]): string[] => [
    ...lateFailures(e),
    ...e.trapFailures(name),
    ...oracle,
    ...(oracle.length > 0 ? e.dropFailures(name) : []),
  ];
  const failures = [
    ...judgedFailures(run, judged.verdict.failures),
    ...judgedFailures(flooding.run, flooded.verdict.failures).map((f) => `flooding baseline: ${f}`),
    ...(tree === null ? [] : [...lateFailures(tree), ...tree.trapFailures(name)].map((f) => `tree baseline: ${f}`)),
  ];
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'diffusion',
    ...verdict(failures),
    motes: run.n,
    rounds: scenario.rounds,
    ...totals,
    details: {
      network: 'full',
      ...diffusionDetails(scenario, failed, judged.figures),
      diffusion: cost(run, totals, scenario),
      flooding: cost(flooding.run, flooding.run.measure(), scenario),
      tree: tree === null ? null : cost(tree, tree.measure(), scenario),
      radioTransmissions: run.net.stats.transmissions,
      receiveDrops: run.net.stats.receiveDrops,
      floodingReceiveDrops: flooding.run.net.stats.receiveDrops,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
