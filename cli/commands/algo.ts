// `mote algo NAME`: run one of the lecture's distributed algorithms (issue 6) as capsules on the tick
// network of sim/algo/, or with `--network full` on the mote emulator (sim/algo/full/), and print its
// oracle's verdict with messages, rounds, energy and cycles.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { adjacency, DEFAULT_RANGE_FT, firstConnected, hops, MAX_REDRAWS } from '../../sim/algo/graph.js';
import { AlgoInputError, kit, type AlgoFlags, type AlgorithmDefinition } from '../../sim/algo/contract.js';
import type { FullRun } from '../../sim/algo/full/emulator.js';
import type { AlgoReport } from '../../sim/algo/report.js';
import type { TickNetwork } from '../../sim/algo/tick-network.js';
import { algorithmNames, AlgorithmLoadError, folderAlgorithm, isFolderPath, shippedAlgorithm as shippedDefinition } from '../../capsules/registry.js';
import { watchCrashes } from '../../diagram/index.js';
import { parseTopologyFile } from '../../sim/world/topology-file.js';
import { parseTopologySpec, type Topology } from '../../sim/world/topology.js';
import type { Capsule } from '../../vm/capsule.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { applicable, nonNegativeInteger, oneOf, positiveInteger, positiveNumber, type Applicability } from '../flags.js';
import { checkOutputs } from '../output.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { loadCapsule, readInput } from '../load-capsule.js';
import { shippedCapsule } from '../paths.js';
import { avrMotesFlag, checkAvrMotes } from './sim.js';
import { writeRunFiles, type RecordedRun } from './diagram.js';

/** The shipped algorithms: the folders of capsules/ with an index module (capsules/registry.ts). */
export const ALGORITHMS: readonly string[] = algorithmNames();
export type Algorithm = string;

/** Their definitions in the lecture's order (each one's `order`, then by name): what the flag table and the help are built from. */
const SHIPPED: readonly AlgorithmDefinition[] = (await Promise.all(ALGORITHMS.map((n) => shippedDefinition(n)))).sort(
  (a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name),
);

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

/** A definition's capsules: its `before` files from other shipped folders, then its folder's own (default: the shipped capsules/NAME/). */
export function definitionCapsules(def: AlgorithmDefinition, dir = shippedCapsule(def.name)): Capsule[] {
  const before = (def.before ?? []).map(([folder, file]) => loadCapsule(join(shippedCapsule(folder), file)).capsule);
  return [...before, ...algorithmCapsules(def.name, dir)];
}

/** A shipped algorithm's definition by name, or a folder's by path, with its capsule sources' folder. */
export async function loadDefinition(spec: string): Promise<{ definition: AlgorithmDefinition; dir: string }> {
  try {
    if (isFolderPath(spec)) return await folderAlgorithm(spec);
    return { definition: await shippedDefinition(spec), dir: shippedCapsule(spec) };
  } catch (e) {
    if (e instanceof AlgorithmLoadError) throw new UserError(e.message);
    throw e;
  }
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

const GENERATED = /^(grid|line|ring|clique|random)(:|$)/;

/** `grid:10x10`-style specs, or a topology file (`ID X Y` / `link SRC DST PRR` lines). */
export function loadTopology(spec: string, seed: number, spacing?: number, draw?: number): Topology {
  const generated = GENERATED.test(spec);
  const result = generated
    ? parseTopologySpec(spec, { seed, spacing, draw })
    : parseTopologyFile(readInput(spec).toString('utf8'), spec);
  if (!result.ok) throw new UserError(result.error);
  return result.topology;
}

/**
 * The run's layout: `random:N` is redrawn from the seed until its motes are connected within --range,
 * unless --allow-disconnected (issue 17); algorithms of layout `count` take only the mote count.
 */
function layout(def: AlgorithmDefinition, opts: AlgoOptions): { topology: Topology; redraws?: number } {
  const spec = opts.topology ?? def.defaultTopology;
  const first = loadTopology(spec, opts.seed, opts.spacing);
  if (first.kind !== 'random' || opts.allowDisconnected === true || def.layout === 'count') return { topology: first };
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

/** Ticks or rounds a lecture example needs at most; more is a typo or a hang, not a bigger example. */
export const MAX_ROUNDS = 10_000;

/** The flags an algorithm declares it reads (AlgorithmDefinition.flags), in the order they are checked; --range comes after --ring-order. */
const DECLARED: readonly (keyof AlgoFlags & keyof AlgoOptions)[] = [
  'timing', 'f', 'crashes', 'values', 'ringOrder', 'steps', 'snapshots', 'beaconPeriod', 'fail', 'failAt', 'readingPeriod', 'epochs', 'sources', 'threshold', 'interval', 'interestPeriod',
];

/** `ringOrder` -> `--ring-order`. */
const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `a`, `a and b`, `a, b and c`. */
function list(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const users = (key: keyof AlgoFlags): AlgorithmDefinition[] => SHIPPED.filter((d) => d.flags?.[key] !== undefined);
const counted = SHIPPED.filter((d) => d.layout === 'count');
/** The algorithms of layout `count`, `a and b`, and what their mote count stands for, `(one broadcast cell; a ring)`. */
const COUNTED = { names: list(counted.map((d) => d.name)), shapes: `(${counted.map((d) => d.shape ?? 'its mote count').join('; ')})` };

type Checked = AlgoOptions & { def: AlgorithmDefinition };

/** --range: every algorithm that runs on the layout's links, not on its mote count alone. */
const RANGE: Applicability<Checked> = {
  flag: '--range',
  key: 'range',
  when: (o) => o.def.layout !== 'count',
  only: `by every algorithm but ${COUNTED.names} ${COUNTED.shapes}`,
};

/** Which flag applies to which algorithm (issue 19: an ignored flag is an error naming it), from what each folder declares. */
const ALGO_FLAGS: readonly Applicability<Checked>[] = [
  ...DECLARED.flatMap((key): Applicability<Checked>[] => {
    const row = { flag: flagOf(key), key, when: (o: Checked) => o.def.flags?.[key] !== undefined, only: `by ${list(users(key).map((d) => d.name))}` };
    return key === 'ringOrder' ? [row, RANGE] : [row];
  }),
  { flag: '--allow-disconnected', key: 'allowDisconnected', when: (o) => (o.topology ?? '').startsWith('random:'), only: 'with --topology random:N (other layouts are never redrawn)', warn: true },
];

/**
 * A flag's help: its general text, the algorithms that read it as the folders say it, grouped by what it
 * means to them: `GENERAL: a, b; c, d: what it means to c and d; e: what it means to e`.
 */
function help(key: keyof AlgoFlags, general = ''): string {
  const bare: string[] = [];
  const meanings = new Map<string, string[]>();
  for (const d of users(key)) {
    const text = d.flags?.[key] ?? '';
    if (text === '' && general !== '') bare.push(d.name);
    else meanings.set(text, [...(meanings.get(text) ?? []), d.name]);
  }
  const groups = [...meanings].map(([text, names]) => (text === '' ? names.join(', ') : `${names.join(', ')}: ${text}`));
  const head = general === '' ? [] : [bare.length === 0 ? general : `${general}: ${bare.join(', ')}`];
  return [...head, ...groups].join('; ');
}

/** Checks the values that depend on the topology: the folder's own checks (motes named exist, crash plans fit), then crash counts and the radio. */
function checkAgainstTopology(def: AlgorithmDefinition, opts: AlgoOptions, topology: Topology): void {
  const n = topology.n;
  try {
    def.checkFlags?.(opts, topology, () => adjacency(topology, opts.range));
  } catch (e) {
    if (e instanceof AlgoInputError) throw new UserError(e.message);
    throw e;
  }
  const crashes = opts.crashes;
  if (crashes?.count !== undefined && crashes.count >= n) {
    throw new UserError(`--crashes ${crashes.count}: the topology has ${n} motes; at most ${n - 1} can crash`);
  }
  if (def.layout === 'count' || n < 2) return;
  const heard = hops(adjacency(topology, opts.range), 0).filter((h) => h >= 0).length;
  if (heard <= 1 && opts.allowDisconnected !== true) throw new UserError(`--range ${opts.range}: no mote is within range of mote 0 (motes are at least ${nearest(topology)} ft apart)`);
}

/** The smallest distance between two motes, feet (for the --range message). */
function nearest(topology: Topology): number {
  let best = Infinity;
  for (let a = 0; a < topology.n; a++) {
    for (let b = a + 1; b < topology.n; b++) best = Math.min(best, Math.hypot(topology.x[a] - topology.x[b], topology.y[a] - topology.y[b]));
  }
  return Number(best.toFixed(1));
}

/** Whether an algorithm runs in lock-step rounds (drawn as bands) or asynchronously. */
function timingOf(def: AlgorithmDefinition, opts: AlgoOptions): 'sync' | 'async' {
  return def.timing?.(opts, opts.network ?? 'tick') ?? opts.timing;
}

/**
 * `observe` is handed the run's network (the algorithm's own run's, not its baselines');
 * with --network full, `observeFull` is handed the emulator's record instead.
 */
export function runAlgorithm(
  def: AlgorithmDefinition,
  opts: AlgoOptions,
  capsules: Capsule[],
  observe?: (net: TickNetwork) => void,
  observeFull?: (run: FullRun) => void,
): AlgoReport & { topology: string } {
  const { topology, redraws } = layout(def, opts);
  const placed = (report: AlgoReport): AlgoReport & { topology: string } =>
    ({ ...report, details: redraws === undefined ? report.details : { ...report.details, redraws }, topology: topology.description });
  checkAgainstTopology(def, opts, topology);
  const flags: AlgoFlags = opts;
  const request = {
    topology,
    out: () => adjacency(topology, opts.range),
    rangeFt: opts.range,
    capsules,
    seed: opts.seed,
    profile: opts.profile,
    flags,
    avrMotes: checkAvrMotes(opts.avrMotes, topology.n),
    observe,
    capsulesOf: (folder: string, files: readonly string[]) => files.map((f) => loadCapsule(join(shippedCapsule(folder), f)).capsule),
    kit,
  };
  try {
    if (opts.network !== 'full') return placed(def.tick(request));
    const full = def.full;
    if (full === undefined) throw new UserError(`${def.name} has no driver for --network full (its algorithm.full)`);
    const { report, run } = full(request);
    observeFull?.(run);
    if (opts.avrMotes === undefined) return placed(report);
    // The motes that ran the firmware on avr8js, as `mote sim --json` lists them.
    const avr = run.net.world.avr;
    return placed({ ...report, details: { ...report.details, avrMotes: Array.from(avr.keys()).filter((m) => avr[m] === 1) } });
  } catch (e) {
    if (e instanceof AlgoInputError) throw new UserError(e.message);
    throw e;
  }
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

/** A shipped algorithm's name or a folder's path (a path is checked when it loads). */
function algorithmArgument(value: string): string {
  if (isFolderPath(value) || ALGORITHMS.includes(value)) return value;
  throw new InvalidArgumentError(`<name> wants one of ${ALGORITHMS.join(', ')}, or an algorithm folder's path (./NAME), got '${value}'`);
}

/** A folder outside the project: whatever its driver throws is one line naming the folder, never a stack trace. */
function ownDriver<T>(spec: string, dir: string, run: () => T): T {
  if (!isFolderPath(spec)) return run();
  try {
    return run();
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${dir}: the driver threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function registerAlgo(program: Command, io: Io): void {
  program
    .command('algo')
    .description("run one of the lecture's distributed algorithms as capsules and judge it with its oracle")
    .argument('<name>', `algorithm: ${ALGORITHMS.join(', ')}, or the path of an algorithm folder (README: "Your own algorithm")`, algorithmArgument)
    .option('--topology <spec|file>', `grid:WxH, line:N, ring:N, clique:N, random:N or a topology file (default per algorithm); ${COUNTED.names} take only its mote count ${COUNTED.shapes}`)
    .option('--avr-motes <list>', "motes that run the VM as AVR machine code on avr8js: 0,17,42 or 'all' (implies --network full)", avrMotesFlag)
    .option('--network <kind>', 'tick (the scripted network of sim/algo) or full (the mote emulator: radio, MAC, energy meter; algorithms with a full driver)', oneOf('--network', ['tick', 'full'] as const), 'tick')
    .option('--seed <n>', 'seed for inputs, delays, crashes and the motes\' random streams', nonNegativeInteger('--seed'), 1)
    .option('--timing <model>', help('timing', 'sync (lock-step rounds) or async (seeded delays)'), oneOf('--timing', ['sync', 'async'] as const), 'async')
    .option('--f <n>', help('f'), nonNegativeInteger('--f', MAX_ROUNDS), 1)
    .option('--crashes <n|chain[:n]>', help('crashes', 'motes that crash, N at random'), crashesFlag)
    .option('--values <n>', help('values'), nonNegativeInteger('--values'), 2)
    .option('--ring-order <order>', help('ringOrder'), oneOf('--ring-order', ['best', 'worst', 'random'] as const), 'random')
    .option('--range <feet>', 'radio range: motes this close are neighbours', positiveNumber('--range'), DEFAULT_RANGE_FT)
    .option('--allow-disconnected', help('allowDisconnected', 'keep a random:N layout whose motes are not all connected (default: redraw it from the seed until they are)'))
    .option('--spacing <feet>', 'spacing of generated grids, lines and rings', positiveNumber('--spacing'))
    .option('--steps <n>', help('steps'), nonNegativeInteger('--steps', MAX_ROUNDS))
    .option('--snapshots <n>', help('snapshots'), nonNegativeInteger('--snapshots'), 3)
    .option('--beacon-period <rounds>', help('beaconPeriod'), positiveInteger('--beacon-period', MAX_ROUNDS))
    .option('--fail <mote>', help('fail'), nonNegativeInteger('--fail'))
    .option('--fail-at <round>', help('failAt'), nonNegativeInteger('--fail-at', MAX_ROUNDS))
    .option('--reading-period <rounds>', help('readingPeriod'), positiveInteger('--reading-period', MAX_ROUNDS))
    .option('--epochs <n>', help('epochs'), positiveInteger('--epochs', MAX_ROUNDS))
    .option('--sources <n>', help('sources'), nonNegativeInteger('--sources'))
    .option('--threshold <light>', help('threshold'), nonNegativeInteger('--threshold'))
    .option('--interval <rounds>', help('interval'), positiveInteger('--interval', MAX_ROUNDS))
    .option('--interest-period <rounds>', help('interestPeriod'), nonNegativeInteger('--interest-period'))
    .option('--profile <name>', `cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--capsules <dir>', 'run these capsule sources instead of the shipped capsules/NAME/')
    .option('--trace <file>', 'write the run as a CBOR trace: mote trace prints it, mote diagram draws it')
    .option('--svg <file>', "write the run's space-time diagram (a page of 20 motes, 40 ticks; mote diagram draws others)")
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      `\nExit code 1 when the oracle finds a failure.\n\nExample:\n${SHIPPED.flatMap((d) => (d.examples ?? []).map((e) => `  $ mote algo ${d.name} ${e}`)).join('\n')}`,
    )
    .action(async (name: string, opts: AlgoOptions, command: Command) => {
      if (opts.avrMotes !== undefined) opts.network = 'full';
      const { definition, dir } = await loadDefinition(name);
      if (!isFolderPath(name)) applicable(command, { ...opts, def: definition }, ALGO_FLAGS, ` to ${name}`);
      const topologyFile = opts.topology !== undefined && !GENERATED.test(opts.topology) ? opts.topology : undefined;
      checkOutputs([topologyFile, opts.capsules], [['--trace', opts.trace], ['--svg', opts.svg]]);
      const capsules = definitionCapsules(definition, opts.capsules ?? dir);
      let recorded: RecordedRun | undefined;
      let full: FullRun | undefined;
      const files = opts.trace !== undefined || opts.svg !== undefined;
      const observe = !files ? undefined : (net: TickNetwork): void => {
        recorded ??= { net, crashes: watchCrashes(net) };
      };
      const report = ownDriver(name, dir, () => runAlgorithm(definition, opts, capsules, observe, files ? (run) => (full = run) : undefined));
      const { details, ...rest } = report;
      io.stdout(opts.json ? `${JSON.stringify({ ...rest, ...details, seed: opts.seed })}\n` : `${formatReport(report, opts.seed)}\n`);
      const info = { algorithm: definition.name, timing: timingOf(definition, opts), classify: definition.classify, marks: definition.marks };
      const written = recorded !== undefined ? writeRunFiles(recorded, info, opts) : full !== undefined
          ? // FullRun records in the tick network's shapes, a round a tick
            writeRunFiles({ net: full, crashes: full.crashes }, { ...info, title: `${info.algorithm} on the mote emulator (rounds of 1 s)` }, opts)
          : [];
      if (written.length > 0 && !opts.json) io.stdout(`${written.join('\n')}\n`);
      if (!report.ok) throw new UserError(`${definition.name}: the oracle found ${report.failures.length} failure${report.failures.length === 1 ? '' : 's'}`);
    });
}
