// `mote algo NAME`: run one of the lecture's distributed algorithms (issue 6) as capsules on the tick
// network of sim/algo/, or with `--network full` on the mote emulator (sim/algo/full/), and print its
// oracle's verdict with messages, rounds, energy and cycles.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { floodMaxRun, lcrRun } from '../../sim/algo/election.js';
import { FULL_ALGORITHMS, runOnEmulator, type FullRun } from '../../sim/algo/full/index.js';
import { floodSetRun, MAX_VALUES, type CrashPlan } from '../../sim/algo/floodset.js';
import { adjacency, DEFAULT_RANGE_FT, firstConnected, MAX_REDRAWS } from '../../sim/algo/graph.js';
import { aggregateRun } from '../../sim/algo/aggregate.js';
import { MAX_SOURCES } from '../../sim/algo/diffusion.js';
import { diffusionRun } from '../../sim/algo/diffusion-compare.js';
import { lamportRun } from '../../sim/algo/lamport.js';
import { routingRun } from '../../sim/algo/routing.js';
import type { AlgoReport } from '../../sim/algo/report.js';
import { randomSnapshotRun, snapshotReport } from '../../sim/algo/snapshot.js';
import { MAX_SNAPSHOTS } from '../../sim/algo/snapshot-scenario.js';
import type { TickNetwork } from '../../sim/algo/tick-network.js';
import { watchCrashes } from '../../sim/diagram/index.js';
import { parseTopologyFile } from '../../sim/world/topology-file.js';
import { parseTopologySpec, type Topology } from '../../sim/world/topology.js';
import type { Capsule } from '../../vm/capsule.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { nonNegativeInteger, oneOf, positiveNumber } from '../flags.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { loadCapsule, readInput } from '../load-capsule.js';
import { shippedCapsule } from '../paths.js';
import { withAvrMotes } from '../../sim/algo/full/emulator.js';
import { avrMotesFlag, checkAvrMotes } from './sim.js';
import { writeRunFiles, type RecordedRun } from './diagram.js';

export const ALGORITHMS = ['lamport', 'snapshot', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate', 'diffusion'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

const DEFAULT_TOPOLOGY: Record<Algorithm, string> = {
  lamport: 'grid:5x5',
  snapshot: 'grid:5x5',
  floodset: 'clique:10',
  floodmax: 'grid:5x5',
  lcr: 'ring:10',
  tree: 'grid:5x5',
  dag: 'grid:5x5',
  aggregate: 'grid:5x5',
  diffusion: 'grid:5x5',
};

interface AlgoOptions {
  topology?: string;
  seed: number;
  json?: boolean;
  /** Default tick. */
  network?: 'tick' | 'full';
  timing: 'sync' | 'async';
  f: number;
  crashes?: { kind: 'random' | 'chain'; count?: number };
  ringOrder: 'best' | 'worst' | 'random';
  range: number;
  spacing?: number;
  steps?: number;
  snapshots: number;
  values: number;
  profile: CostProfile;
  capsules?: string;
  beaconPeriod?: number;
  fail?: number;
  failAt?: number;
  readingPeriod?: number;
  epochs?: number;
  sources?: number;
  threshold?: number;
  interval?: number;
  interestPeriod?: number;
  trace?: string;
  svg?: string;
  allowDisconnected?: boolean;
  /** --avr-motes: motes that run the firmware on avr8js (implies --network full). */
  avrMotes?: readonly number[] | 'all';
}

/** Aggregation runs on the tree's beacon handler: capsules/tree/sub0.mate, installed first. */
export function shippedAlgorithm(name: Algorithm): Capsule[] {
  const beacon = name === 'aggregate' ? [loadCapsule(join(shippedCapsule('tree'), 'sub0.mate')).capsule] : [];
  return [...beacon, ...algorithmCapsules(name)];
}

/** `diffusion`'s tree baseline: tree/receive.mate and tree/sub0.mate with capsules/diffusion/baseline/tree_clock.mate. */
export function diffusionTreeBaseline(): Capsule[] {
  const tree = shippedCapsule('tree');
  return [join(tree, 'sub0.mate'), join(tree, 'receive.mate'), join(shippedCapsule('diffusion'), 'baseline', 'tree_clock.mate')].map((f) => loadCapsule(f).capsule);
}

/** Every capsule source in a directory (default: the shipped capsules/NAME/), in file name order. */
export function algorithmCapsules(name: string, dir = shippedCapsule(name)): Capsule[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.mate') || f.endsWith('.tinyscript')).sort();
  } catch {
    throw new UserError(`${dir}: no such capsule directory`);
  }
  if (files.length === 0) throw new UserError(`${dir}: no capsule sources (.mate, .tinyscript) in it`);
  return files.map((f) => loadCapsule(join(dir, f)).capsule);
}

/** `grid:10x10`-style specs, or a topology file (`ID X Y` / `link SRC DST PRR` lines). */
export function loadTopology(spec: string, seed: number, spacing?: number, draw?: number): Topology {
  const generated = /^(grid|line|ring|clique|random)(:|$)/.test(spec);
  const result = generated
    ? parseTopologySpec(spec, { seed, spacing, draw })
    : parseTopologyFile(readInput(spec).toString('utf8'), spec);
  if (!result.ok) throw new UserError(result.error);
  return result.topology;
}

/**
 * The run's layout: `random:N` is redrawn from the seed until its motes are connected within --range,
 * unless --allow-disconnected (issue 17); floodset and lcr take only the mote count.
 */
function layout(name: Algorithm, opts: AlgoOptions): { topology: Topology; redraws?: number } {
  const spec = opts.topology ?? DEFAULT_TOPOLOGY[name];
  const first = loadTopology(spec, opts.seed, opts.spacing);
  if (first.kind !== 'random' || opts.allowDisconnected === true || name === 'floodset' || name === 'lcr') return { topology: first };
  const found = firstConnected((k) => (k === 0 ? first : loadTopology(spec, opts.seed, opts.spacing, k)), opts.range);
  if (found === undefined) throw new UserError(`${spec}: no connected layout in ${MAX_REDRAWS + 1} draws from seed ${opts.seed} with --range ${opts.range} ft; raise --range, or pass --allow-disconnected`);
  return found;
}

function crashesFlag(value: string): { kind: 'random' | 'chain'; count?: number } {
  const m = /^(chain)(?::(\d+))?$|^(\d+)$/.exec(value.trim());
  if (m === null) throw new InvalidArgumentError(`--crashes wants N, chain or chain:N, got '${value}'`);
  if (m[3] !== undefined) return { kind: 'random', count: Number(m[3]) };
  return m[2] === undefined ? { kind: 'chain' } : { kind: 'chain', count: Number(m[2]) };
}

/** Whether an algorithm runs in lock-step rounds (drawn as bands) or asynchronously. */
function timingOf(name: Algorithm, opts: AlgoOptions): 'sync' | 'async' {
  if (opts.network === 'full' && (name === 'snapshot' || name === 'lcr')) return 'async'; // the emulator runs them async only
  if (opts.network === 'full' && (name === 'tree' || name === 'dag')) return 'async'; // physical timing: no rounds to draw
  return name === 'lamport' || name === 'snapshot' || name === 'lcr' ? opts.timing : 'sync';
}

/**
 * `observe` is handed the run's network (for diffusion, the diffusion run's, not its baselines');
 * with --network full, `observeFull` is handed the emulator's record instead.
 */
export function runAlgorithm(
  name: Algorithm,
  opts: AlgoOptions,
  capsules: Capsule[],
  observe?: (net: TickNetwork) => void,
  observeFull?: (run: FullRun) => void,
): AlgoReport & { topology: string } {
  const { topology, redraws } = layout(name, opts);
  const placed = (report: AlgoReport): AlgoReport & { topology: string } =>
    ({ ...report, details: redraws === undefined ? report.details : { ...report.details, redraws }, topology: topology.description });
  const common = { capsules, seed: opts.seed, profile: opts.profile };
    if (name === 'diffusion' && opts.fail !== undefined && (opts.fail === 0 || opts.fail >= topology.n)) throw new UserError(`--fail ${opts.fail}: diffusion fails a relay, one of motes 1..${topology.n - 1}`);
  if (opts.network === 'full') {
    if (name === 'lcr' && opts.crashes !== undefined) throw new UserError('--network full runs lcr without crashes');
    const crashes: CrashPlan = { kind: opts.crashes?.kind ?? 'random', count: opts.crashes?.count ?? (opts.crashes?.kind === 'chain' ? opts.f + 1 : 0) };
    if ((name === 'tree' || name === 'dag') && opts.fail !== undefined && opts.fail >= topology.n) throw new UserError(`--fail ${opts.fail}: the topology has motes 0..${topology.n - 1}`);
    const avrMotes = checkAvrMotes(opts.avrMotes, topology.n);
    const { report, run } = withAvrMotes(avrMotes, () => runOnEmulator(name, {
      ...common,
      topology,
      timing: opts.timing,
      steps: opts.steps,
      rangeFt: opts.range,
      f: opts.f,
      crashes,
      values: opts.values,
      deadAtStart: opts.crashes?.count,
      perComponent: opts.allowDisconnected,
      ringOrder: opts.ringOrder,
      snapshots: opts.snapshots,
      beaconPeriod: opts.beaconPeriod,
      failMote: opts.fail,
      failAt: opts.failAt,
      readingPeriod: opts.readingPeriod,
      epochs: opts.epochs,
      sources: opts.sources,
      threshold: opts.threshold,
      interval: opts.interval,
      interestPeriod: opts.interestPeriod,
      treeCapsules: name === 'diffusion' ? diffusionTreeBaseline() : undefined,
    }));
    observeFull?.(run);
    return placed(report);
  }
  const out = (): number[][] => adjacency(topology, opts.range);
  let report: AlgoReport;
  if (name === 'lamport') {
    const run = lamportRun({ ...common, out: out(), timing: opts.timing, steps: opts.steps });
    observe?.(run.net);
    report = run.report;
  } else if (name === 'snapshot') {
    const run = randomSnapshotRun({ ...common, out: out(), timing: opts.timing, steps: opts.steps, snapshots: opts.snapshots });
    observe?.(run.net);
    report = snapshotReport(run);
  } else if (name === 'floodset') {
    const crashes: CrashPlan = { kind: opts.crashes?.kind ?? 'random', count: opts.crashes?.count ?? (opts.crashes?.kind === 'chain' ? opts.f + 1 : 0) };
    report = floodSetRun({ ...common, n: topology.n, f: opts.f, crashes, values: opts.values, observe }).report;
  } else if (name === 'floodmax') {
    if (opts.crashes?.kind === 'chain') throw new UserError('--crashes chain is the flood-set adversary; floodmax takes --crashes N');
    report = floodMaxRun({ ...common, out: out(), crashes: opts.crashes?.count, perComponent: opts.allowDisconnected, observe });
  } else if (name === 'lcr') {
    if (opts.crashes?.kind === 'chain') throw new UserError('--crashes chain is the flood-set adversary; lcr takes --crashes N');
    report = lcrRun({ ...common, n: topology.n, order: opts.ringOrder, timing: opts.timing, crashes: opts.crashes?.count, observe });
  } else if (name === 'aggregate') {
    report = aggregateRun({ ...common, out: out(), epochs: opts.epochs, observe });
  } else if (name === 'diffusion') {
    report = diffusionRun({
      ...common,
      out: out(),
      treeCapsules: diffusionTreeBaseline(),
      sources: opts.sources,
      threshold: opts.threshold,
      interval: opts.interval,
      interestPeriod: opts.interestPeriod,
      failMote: opts.fail,
      failAt: opts.failAt,
      observe,
    }).report;
  } else {
    if (opts.fail !== undefined && opts.fail >= topology.n) throw new UserError(`--fail ${opts.fail}: the topology has motes 0..${topology.n - 1}`);
    report = routingRun({ ...common, out: out(), kind: name, beaconPeriod: opts.beaconPeriod, failMote: opts.fail, failAt: opts.failAt, readingPeriod: opts.readingPeriod, observe });
  }
  return placed(report);
}

function number(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Energy in the unit that keeps it readable: mJ below a joule, J from there. */
function energy(joules: number): string {
  return joules < 1 ? `${(joules * 1e3).toFixed(3)} mJ` : `${joules.toFixed(3)} J`;
}

export function formatReport(r: AlgoReport & { topology: string }, seed: number): string {
  const lines = [
    `${r.algorithm} on ${r.topology}, seed ${seed}: ${r.ok ? 'ok' : 'FAILED'}`,
    `  ${number(r.messages)} messages, ${number(r.rounds)} rounds, ${number(r.cycles)} cycles, ${energy(r.energy)}`,
    `  per mote: ${number(r.perMote.messages)} messages, ${number(r.perMote.cycles)} cycles, ${energy(r.perMote.energy)}`,
    ...Object.entries(r.details).map(([k, v]) => `  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`),
    ...r.failures.map((f) => `  failure: ${f}`),
  ];
  return lines.join('\n');
}

export function registerAlgo(program: Command, io: Io): void {
  program
    .command('algo')
    .description("run one of the lecture's distributed algorithms as capsules and judge it with its oracle")
    .argument('<name>', `algorithm: ${ALGORITHMS.join(', ')}`, oneOf('<name>', ALGORITHMS))
    .option('--topology <spec|file>', 'grid:WxH, line:N, ring:N, clique:N, random:N or a topology file (default per algorithm); floodset and lcr take only its mote count (one broadcast cell; a ring)')
    .option('--avr-motes <list>', "motes that run the VM as AVR machine code on avr8js: 0,17,42 or 'all' (implies --network full)", avrMotesFlag)
    .option('--network <kind>', `tick (the scripted network of sim/algo) or full (the mote emulator: radio, MAC, energy meter; ${FULL_ALGORITHMS.join(', ')})`, oneOf('--network', ['tick', 'full'] as const), 'tick')
    .option('--seed <n>', 'seed for inputs, delays, crashes and the motes\' random streams', nonNegativeInteger('--seed'), 1)
    .option('--timing <model>', 'sync (lock-step rounds) or async (seeded delays): lamport, snapshot, lcr', oneOf('--timing', ['sync', 'async'] as const), 'async')
    .option('--f <n>', 'floodset: crashes tolerated; it runs f + 1 rounds', nonNegativeInteger('--f'), 1)
    .option('--crashes <n|chain[:n]>', 'motes that crash: N at random, or (floodset) the adversary chain of the lecture\'s proof (default f + 1)', crashesFlag)
    .option('--values <n>', `floodset: inputs drawn from 0..n-1 (2 to ${MAX_VALUES})`, nonNegativeInteger('--values'), 2)
    .option('--ring-order <order>', 'lcr: ids decreasing (worst), increasing (best) or shuffled along the ring', oneOf('--ring-order', ['best', 'worst', 'random'] as const), 'random')
    .option('--range <feet>', 'radio range: motes this close are neighbours', positiveNumber('--range'), DEFAULT_RANGE_FT)
    .option('--allow-disconnected', 'keep a random:N layout whose motes are not all connected (default: redraw it from the seed until they are; floodmax then elects a leader per component)')
    .option('--spacing <feet>', 'spacing of generated grids, lines and rings', positiveNumber('--spacing'))
    .option('--steps <n>', 'lamport, snapshot: ticks of application traffic', nonNegativeInteger('--steps'))
    .option('--snapshots <n>', `snapshot: snapshots started at random (at most ${MAX_SNAPSHOTS})`, nonNegativeInteger('--snapshots'), 3)
    .option('--beacon-period <rounds>', 'tree, dag: rounds between beacon waves (default max(10, 2 x depth))', nonNegativeInteger('--beacon-period'))
    .option('--fail <mote>', 'tree, dag: the mote that fails (default: the one with the largest subtree); diffusion: the relay (default: the middle of the reinforced path)', nonNegativeInteger('--fail'))
    .option('--fail-at <round>', 'tree, dag, diffusion: the round it fails in (0: none fails)', nonNegativeInteger('--fail-at'))
    .option('--reading-period <rounds>', 'tree, dag: a mote reads one round in S, when (round + id) mod S = 0 (default 1; with --network full ceil((n - 1) / 8), what the base station\'s neighbourhood carries)', nonNegativeInteger('--reading-period'))
    .option('--epochs <n>', 'aggregate: epochs of the query', nonNegativeInteger('--epochs'))
    .option('--sources <n>', `diffusion: sources (1 to ${MAX_SOURCES}), the motes farthest from the sink`, nonNegativeInteger('--sources'))
    .option('--threshold <light>', 'diffusion: the interest asks for light above this (0-1022, default 500)', nonNegativeInteger('--threshold'))
    .option('--interval <rounds>', 'diffusion: rounds between readings (default 2: "every 2 s")', nonNegativeInteger('--interval'))
    .option('--interest-period <rounds>', 'diffusion: rounds between interests (1-120, default max(12, 4 x depth))', nonNegativeInteger('--interest-period'))
    .option('--profile <name>', `cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--capsules <dir>', 'run these capsule sources instead of the shipped capsules/NAME/')
    .option('--trace <file>', 'write the run as a CBOR trace: mote trace prints it, mote diagram draws it')
    .option('--svg <file>', "write the run's space-time diagram (a page of 20 motes, 40 ticks; mote diagram draws others)")
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nExit code 1 when the oracle finds a failure.\n\nExample:\n' +
        '  $ mote algo lamport --topology grid:10x10 --seed 3 --json\n' +
        '  $ mote algo floodmax --topology grid:10x10 --network full\n' +
        '  $ mote algo floodset --topology clique:8 --f 2 --crashes chain:3\n' +
        '  $ mote algo lcr --topology ring:100 --ring-order worst\n' +
        '  $ mote algo dag --topology grid:10x10 --json\n' +
        '  $ mote algo tree --topology grid:10x10 --network full --json\n' +
        '  $ mote algo diffusion --topology grid:10x10 --sources 3\n' +
        '  $ mote algo diffusion --topology grid:10x10 --sources 3 --network full --json\n' +
        '  $ mote algo lamport --topology line:4 --steps 12 --svg lamport.svg',
    )
    .action((name: Algorithm, opts: AlgoOptions) => {
      if (opts.avrMotes !== undefined) opts.network = 'full';
      if (opts.snapshots > MAX_SNAPSHOTS) throw new UserError(`--snapshots wants at most ${MAX_SNAPSHOTS}, got ${opts.snapshots}`);
      if (opts.values < 1 || opts.values > MAX_VALUES) throw new UserError(`--values wants 1 to ${MAX_VALUES}, got ${opts.values}`);
      if (opts.sources !== undefined && (opts.sources < 1 || opts.sources > MAX_SOURCES)) throw new UserError(`--sources wants 1 to ${MAX_SOURCES}, got ${opts.sources}`);
      if (opts.threshold !== undefined && opts.threshold > 1022) throw new UserError(`--threshold wants 0 to 1022, got ${opts.threshold}`);
      if (opts.interval === 0) throw new UserError('--interval wants at least 1 round');
      if (opts.interestPeriod !== undefined && (opts.interestPeriod < 1 || opts.interestPeriod > 120)) throw new UserError(`--interest-period wants 1 to 120 rounds, got ${opts.interestPeriod}`);
      const capsules = opts.capsules === undefined ? shippedAlgorithm(name) : algorithmCapsules(name, opts.capsules);
      let recorded: RecordedRun | undefined;
      let full: FullRun | undefined;
      const files = opts.trace !== undefined || opts.svg !== undefined;
      const observe = !files ? undefined : (net: TickNetwork): void => {
        recorded ??= { net, crashes: watchCrashes(net) };
      };
      const report = runAlgorithm(name, opts, capsules, observe, files ? (run) => (full = run) : undefined);
      const { details, ...rest } = report;
      io.stdout(opts.json ? `${JSON.stringify({ ...rest, ...details, seed: opts.seed })}\n` : `${formatReport(report, opts.seed)}\n`);
      const info = { algorithm: name, timing: timingOf(name, opts) };
      const written = recorded !== undefined ? writeRunFiles(recorded, info, opts) : full !== undefined
          ? // FullRun records in the tick network's shapes, a round a tick
            writeRunFiles({ net: full, crashes: full.crashes }, { ...info, title: `${info.algorithm} on the mote emulator (rounds of 1 s)` }, opts)
          : [];
      if (written.length > 0 && !opts.json) io.stdout(`${written.join('\n')}\n`);
      if (!report.ok) throw new UserError(`${name}: the oracle found ${report.failures.length} failure${report.failures.length === 1 ? '' : 's'}`);
    });
}
