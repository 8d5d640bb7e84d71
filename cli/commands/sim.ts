// `mote sim`: build a network of emulated Mica motes (sim/network), load or inject capsules, run it
// for a number of simulated seconds and print a summary (issue 4; --inject and --trickle: issue 5).

import { InvalidArgumentError, type Command } from 'commander';
import { verify } from '../../assembler/verify.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { createDissemination, PROPAGATIONS, type Dissemination, type Propagation } from '../../sim/dissemination/index.js';
import type { SensorPower } from '../../sim/network/sensors.js';
import { parseSensorTrace, seededSignal, type SensorSignal } from '../../sim/network/signal.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import { LINK_LAYERS, TIMINGS, type LinkLayer, type RadioIdle, type Timing } from '../../sim/network/options.js';
import type { Summary } from '../../sim/network/summary.js';
import { TraceFile } from '../../sim/network/trace.js';
import { RADIO_MODELS } from '../../sim/radio/models.js';
import { BATTERY_MILLIAMP_HOURS, SUPPLY_VOLTS } from '../../sim/core/power-states.js';
import { applicable, nonNegativeInteger, numberFlag, oneOf, positiveNumber, simulatedSeconds, type Applicability } from '../flags.js';
import { onePerType } from '../capsule-types.js';
import { runStoppable } from '../long-run.js';
import { checkOutputs, OutputFile } from '../output.js';
import { SIGNAL_EXIT } from '../signals.js';
import { UserError, type Io } from '../io.js';
import { readInput } from '../load-capsule.js';
import { loadInjection, loadSigned, readFaults, readWorld, trickleParams } from '../network-flags.js';
import { formatSecurity, setupSecurity, type SecurityFlags } from '../sim-security.js';
import { sourcePlaces } from '../source-places.js';
import { formatTrapSites, placeTrapSites, type PlacedTrapSite } from '../trap-sites.js';

interface SimFlags extends SecurityFlags {
  topology: string;
  spacing?: number;
  area?: number;
  radio?: string;
  range?: number;
  load?: string[];
  inject?: string[];
  trickle?: string;
  replyDelay: number;
  propagation: Propagation;
  seconds: number;
  seed: number;
  json?: boolean;
  trace?: string;
  profile: CostProfile;
  avrMotes?: readonly number[] | 'all';
  fault?: string[];
  faults?: string;
  timing: Timing;
  round: number;
  asyncDelay: number;
  linkLayer: LinkLayer;
  preamble: number;
  radioIdle: RadioIdle;
  sensorPower: SensorPower;
  sensorTrace?: string;
  bootSpread: number;
  battery: number;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const FAULT_HELP = `
Faults (--fault, repeatable; T is 30s, 500ms, 2m, 1h or plain seconds):
  crash:M@T          mote M stops (power lost, RAM gone) until a reboot
  reboot:M@T         mote M power-cycles: RAM lost, flash (installed capsules) kept
  drain:M@T          mote M's battery is emptied: it dies for good
  jam:M@T            mote M's radio transmits without pause until it reboots
  link:A-B=P@T       both directions between A and B get reception rate P (0 cuts it)
  link:A>B=P@T       only A -> B
  partition:EXPR@T   cut the motes where EXPR holds off from the rest; EXPR is x, y (feet) or id,
                     then <, <=, > or >=, then a number, e.g. partition:x<100@60s
  heal@T             remove partitions and link faults
  --faults random:SEED draws about one fault per ten motes (crash then reboot, link, reboot).`;

const EXAMPLES = `
Examples:
  $ mote sim --topology grid:20x20 --spacing 5 --radio empirical --load capsules/sense_and_send.mate --seconds 600 --seed 1 --json
  $ mote sim --topology grid:20x20 --spacing 10 --inject capsules/cnt_to_leds.mate@0:5s --seconds 300
  $ mote sim --topology grid:20x20 --spacing 20 --inject capsules/cnt_to_leds.mate@0:5s --inject capsules/cnt_to_leds.mate@399:20s:v2 --reply-delay 1 --seconds 600 --json
  $ mote sim --topology line:10 --radio disk --load capsules/cnt_to_leds.mate --fault crash:3@30s --fault reboot:3@40s --trace run.cbor
  $ mote keygen -o base.key && mote sim --topology grid:6x6 --key base.key --inject capsules/cnt_to_leds.mate@0:5s --attacker 17:version=4294967295 --seconds 300`;

const byteCount = (flag: string): ((value: string) => number) => numberFlag(flag, { min: 0, max: 255, integer: true });

/** Flags that apply only to some worlds or models: the rest are an error naming them (issue 19). */
const SIM_FLAGS: readonly Applicability<SimFlags>[] = [
  { flag: '--range', key: 'range', when: (f) => ['perfect', 'disk'].includes(radioModelOf(f)), only: 'only with --radio perfect or disk' },
  { flag: '--area', key: 'area', when: (f) => f.topology.startsWith('random:'), only: 'only with --topology random:N' },
  { flag: '--spacing', key: 'spacing', when: (f) => !f.topology.startsWith('file:'), only: 'only with generated layouts (a topology file places its motes)' },
  { flag: '--round', key: 'round', when: (f) => f.timing === 'sync', only: 'only with --timing sync' },
  { flag: '--async-delay', key: 'asyncDelay', when: (f) => f.timing === 'async', only: 'only with --timing async' },
  { flag: '--reply-delay', key: 'replyDelay', when: disseminates, only: 'only when code spreads (--inject, --trickle, --key, --attacker)', warn: true },
  { flag: '--propagation', key: 'propagation', when: disseminates, only: 'only when code spreads (--inject, --trickle, --key, --attacker)', warn: true },
];

function radioModelOf(f: SimFlags): string {
  return f.radio ?? (f.topology.startsWith('file:') ? 'file' : 'empirical');
}

function disseminates(f: SimFlags): boolean {
  return (f.inject ?? []).length > 0 || f.trickle !== undefined || f.key !== undefined || (f.attacker ?? []).length > 0 || f.insecure === true;
}

export function registerSim(program: Command, io: Io): void {
  program
    .command('sim')
    .description('simulate a network of emulated Mica motes and print a summary')
    .option('--topology <spec>', 'grid:WxH, line:N, ring:N, clique:N, random:N, or file:PATH', 'grid:10x10')
    .option('--spacing <feet>', 'feet between neighbours in grid, line and ring layouts (default 10)', positiveNumber('--spacing'))
    .option('--area <feet>', 'side of the square random:N scatters over (default: a grid of the same density)', positiveNumber('--area'))
    .option('--radio <model>', `radio model: ${RADIO_MODELS.join(', ')} (default: file links for files, else empirical)`, oneOf('--radio', RADIO_MODELS))
    .option('--range <feet>', 'radio range for perfect and disk (default 20)', positiveNumber('--range'))
    .option('--load <file>', 'capsule installed on every mote from flash at boot (repeatable)', collect)
    .option('--inject <file@mote:time[:vN]>', 'capsule given to one mote at a time, spread by Trickle (repeatable), e.g. capsules/cnt_to_leds.mate@0:5s; :vN sets its version', collect)
    .option('--trickle <spec>', 'Trickle timer for --inject: imin=1,doublings=6,k=1,listen=0.5 (seconds)')
    .option('--reply-delay <seconds>', "wait before answering news with code or a request (1 is the paper's Mate)", simulatedSeconds('--reply-delay', true), 0)
    .option('--propagation <rule>', `who answers news and when: ${PROPAGATIONS.join(' or ')} (Mate's MVirus rule)`, oneOf('--propagation', PROPAGATIONS), 'rfc6206')
    .option('-s, --seconds <n>', 'simulated seconds to run', simulatedSeconds('--seconds'), 60)
    .option('--seed <n>', 'seed for every random stream (same seed, same run)', nonNegativeInteger('--seed'), 1)
    .option('--json', 'print the summary as one JSON object')
    .option('--trace <file>', 'write every event as a CBOR record to this file (read it with mote trace)')
    .option('--profile <name>', `VM cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--avr-motes <list>', "motes that run the VM as AVR machine code on avr8js: 0,17,42 or 'all' (cycles measured; slower)", avrMotesFlag)
    .option('--fault <spec>', 'a scheduled fault (repeatable; see below)', collect)
    .option('--faults <random:seed>', 'a seeded random fault schedule')
    .option('--timing <model>', `timing model: ${TIMINGS.join(', ')}`, oneOf('--timing', TIMINGS), 'physical')
    .option('--round <seconds>', 'round length for --timing sync', simulatedSeconds('--round'), 1)
    .option('--async-delay <seconds>', 'largest extra delivery delay for --timing async', simulatedSeconds('--async-delay', true), 1)
    .option('--link-layer <kind>', `${LINK_LAYERS.join(' or ')} (reliable: acknowledged, retransmitted, FIFO)`, oneOf('--link-layer', LINK_LAYERS), 'plain')
    .option('--preamble <bytes>', 'preamble bytes before each 36-byte packet', byteCount('--preamble'), 0)
    .option('--radio-idle <mode>', 'listen (radio on between sends) or off (on only to send)', oneOf('--radio-idle', ['listen', 'off'] as const), 'listen')
    .option('--sensor-power <mode>', 'stay-on (powered from the first reading) or per-reading', oneOf('--sensor-power', ['stay-on', 'per-reading'] as const), 'stay-on')
    .option('--sensor-trace <file>', 'sensor readings from a file: lines SECONDS MOTE SENSOR VALUE (MOTE may be *)')
    .option('--boot-spread <seconds>', 'motes boot at seeded times within this many seconds', simulatedSeconds('--boot-spread', true), 0)
    .option('--battery <mAh>', 'battery capacity per mote', positiveNumber('--battery'), BATTERY_MILLIAMP_HOURS)
    .option('--key <file>', 'signed code: sign what is loaded or injected with this key (mote keygen) and give the motes its public key')
    .option('--insecure', 'unsigned code, as Mate had (for teaching): any newer version wins')
    .option('--attacker <mote:version=N>', 'mote M broadcasts a rogue capsule of version N (repeatable; ,type=T ,at=TIME); needs --key or --insecure', collect)
    .addHelpText('after', FAULT_HELP + '\n' + EXAMPLES)
    .action((flags: SimFlags, command: Command) => runSim(flags, io, command));
}

/** --avr-motes: 'all' or mote ids separated by commas. */
export function avrMotesFlag(value: string): readonly number[] | 'all' {
  if (value.trim() === 'all') return 'all';
  const ids = value.split(',').map((t) => t.trim());
  if (ids.some((t) => !/^\d+$/.test(t))) throw new InvalidArgumentError(`--avr-motes wants mote ids like 0,17,42 or 'all', got '${value}'`);
  return ids.map(Number);
}

export function checkAvrMotes(motes: readonly number[] | 'all' | undefined, n: number): readonly number[] | 'all' | undefined {
  const outside = motes === 'all' || motes === undefined ? undefined : motes.find((m) => m >= n);
  if (outside !== undefined) throw new UserError(`--avr-motes: mote ${outside} is not in the network (0 to ${n - 1})`);
  return motes;
}

function readSignal(flags: SimFlags): SensorSignal {
  const seeded = seededSignal(flags.seed);
  if (flags.sensorTrace === undefined) return seeded;
  const parsed = parseSensorTrace(readInput(flags.sensorTrace).toString('utf8'), flags.sensorTrace, seeded);
  if (!parsed.ok) throw new UserError(parsed.error);
  return parsed.signal;
}

/** The files a run reads: none of them may be its --trace. */
function inputsOf(flags: SimFlags): (string | undefined)[] {
  const injected = (flags.inject ?? []).map((text) => text.slice(0, Math.max(0, text.lastIndexOf('@'))));
  const topology = flags.topology.startsWith('file:') ? flags.topology.slice(5) : undefined;
  return [topology, ...(flags.load ?? []), ...injected, flags.sensorTrace, flags.key];
}

/** Scheduled things that fall after the run's end happen never: say so rather than drop them quietly. */
function warnPastEnd(io: Io, durationNs: number, things: readonly { what: string; at: number }[]): void {
  for (const { what, at } of things) {
    if (at > durationNs) io.stderr(`warning: ${what} is at ${at / 1e9} s, after the run ends at ${durationNs / 1e9} s: it never happens\n`);
  }
}

async function runSim(flags: SimFlags, io: Io, command: Command): Promise<void> {
  for (const warning of applicable(command, flags, SIM_FLAGS)) io.stderr(`${warning}\n`);
  checkOutputs(inputsOf(flags), [['--trace', flags.trace]]);
  const { topology, radio } = readWorld(flags);
  const durationNs = Math.round(flags.seconds * 1e9);
  const loaded = (flags.inject ?? []).map((text) => loadInjection(text, topology.n));
  const security = setupSecurity(flags, topology.n, loaded[0]?.capsule.type, (line) => io.stderr(`${line}\n`));
  const loads = (flags.load ?? []).map(loadSigned);
  const capsules = loads.map((l) => security.prepare(l.capsule, l.file));
  onePerType(capsules, flags.load ?? [], '--load ');
  // Traps in capsules compiled from TinyScript (or from a .cap that kept its map) name their source line.
  const places = sourcePlaces([...loads, ...loaded]);
  const injections = loaded.map((i) => ({ ...i, capsule: security.prepare(i.capsule, i.file) }));
  const faults = readFaults(flags.fault ?? [], flags.faults, topology.n, durationNs, radio.links);
  warnPastEnd(io, durationNs, [
    ...injections.map((i, k) => ({ what: `--inject ${(flags.inject ?? [])[k]}`, at: i.at })),
    ...(flags.fault ?? []).map((text, k) => ({ what: `--fault ${text}`, at: faults[k].at })),
    ...security.attacks.map((a) => ({ what: `--attacker ${a.mote}`, at: a.at })),
  ]);
  const dissemination: Dissemination | undefined =
    injections.length > 0 || flags.trickle !== undefined || security.auth !== undefined || security.attacks.length > 0
      ? createDissemination({ trickle: trickleParams(flags.trickle), replyDelay: Math.round(flags.replyDelay * 1e9), motes: topology.n, auth: security.auth, propagation: flags.propagation })
      : undefined;
  const signal = readSignal(flags);

  // The trace streams through the output module: a temp file renamed at the end (removed on a signal
  // or an error), or straight into a device or pipe.
  const out = flags.trace === undefined ? undefined : OutputFile.open(flags.trace);
  const trace = out === undefined ? undefined : new TraceFile({ write: (bytes) => out.write(bytes), close: () => {} });
  const started = performance.now();
  let network: Network;
  let stoppedBy: keyof typeof SIGNAL_EXIT | undefined;
  try {
    network = createNetwork({
      topology,
      radio,
      seed: flags.seed,
      profile: flags.profile,
      avrMotes: checkAvrMotes(flags.avrMotes, topology.n),
      capsules,
      protocol: dissemination?.protocolFor,
      verify: (c) => verify(c).ok,
      radioIdle: flags.radioIdle,
      sensorPower: flags.sensorPower,
      signal,
      preambleBytes: flags.preamble,
      linkLayer: flags.linkLayer,
      timing: flags.timing,
      roundNs: Math.round(flags.round * 1e9),
      asyncMaxDelayNs: Math.round(flags.asyncDelay * 1e9),
      faults,
      batteryMicroJoules: flags.battery * 1e-3 * 3600 * SUPPLY_VOLTS * 1e6,
      bootSpreadNs: Math.round(flags.bootSpread * 1e9),
      onEvent: trace === undefined ? undefined : (record) => trace.write(record),
    });
    for (const i of injections) network.inject(i.mote, i.capsule, i.at);
    for (const a of security.attacks) network.inject(a.mote, a.capsule, a.at);
    stoppedBy = await runStoppable(network, durationNs, io);
    trace?.close();
    // A run cut short keeps whatever file was there: a partial trace is not what --trace asked for.
    if (stoppedBy === undefined) out?.commit();
    else out?.abort();
  } catch (error) {
    out?.abort();
    throw error;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const report = {
    ...network.summary(),
    trapSites: placeTrapSites(network.trapSites(), places),
    wallSeconds,
    seed: flags.seed,
    topology: topology.description,
    radioModel: radio.description,
    ...(dissemination === undefined
      ? {}
      : {
          // Coverage counts honest live motes: an attacker holding its own rogue code covers nothing.
          capsules: dissemination
            .capsules((m) => network.world.alive[m] === 1 && security.isHonest(m))
            .map((c) => ({ ...c, rogue: security.isRogue(c.type, c.version, c.hash) })),
          trickle: dissemination.maintenance(network.now),
          security: security.report(),
        }),
    ...(trace === undefined || stoppedBy !== undefined ? {} : { traceRecords: trace.count, traceFile: flags.trace }),
  };
  const stopped = stoppedBy === undefined ? undefined : new UserError(
    `${stoppedBy}: stopped at ${network.now / 1e9} s of ${flags.seconds} s; the figures above cover the run up to there` +
      (flags.trace === undefined ? '' : `; ${flags.trace} was not written`),
    SIGNAL_EXIT[stoppedBy],
  );
  if (flags.json) {
    io.stdout(`${JSON.stringify({ ...report, ...(stoppedBy === undefined ? {} : { stoppedBy }) })}\n`);
    if (stopped !== undefined) throw stopped;
    return;
  }
  const spread = (report.capsules ?? []).map(
    (c) =>
      `${c.rogue ? 'rogue ' : ''}capsule ${c.name} v${c.version}: injected at ${seconds(c.injectedAt)}, covered at ${seconds(c.coveredAt)}, ` +
      `coverage ${(100 * c.coverage).toFixed(1)}%, ${c.transmissions} transmissions\n`,
  );
  io.stdout(formatSummary(report) + spread.join('') + (report.security === undefined ? '' : formatSecurity(report.security)));
  if (stopped !== undefined) throw stopped;
}

/** A simulated time for people: milliseconds are plenty; 'never' when it did not happen. */
function seconds(t: number | null | undefined): string {
  return t === null || t === undefined ? 'never' : `${Number(t.toFixed(3))} s`;
}

const joules = (j: number): string => (j >= 1 ? `${j.toFixed(3)} J` : `${(j * 1e3).toFixed(3)} mJ`);

export function formatSummary(
  s: Summary & { wallSeconds: number; topology: string; radioModel: string; seed: number; trapSites: readonly PlacedTrapSite[] },
): string {
  const r = s.radio;
  const e = s.energy;
  const parts = Object.entries(e.byComponent)
    .filter(([, j]) => j > 0)
    .map(([name, j]) => `    ${name.padEnd(22)} ${joules(j).padStart(14)}  ${((100 * j) / (e.totalJoules || 1)).toFixed(1).padStart(5)}%`);
  return [
    `${s.motes} motes (${s.topology}), radio ${s.radioModel}`,
    `${s.simulatedSeconds} s simulated in ${s.wallSeconds.toFixed(2)} s (${s.events} events, seed ${s.seed}); ${s.alive} motes alive at the end`,
    `radio: ${r.transmissions} transmissions, ${r.receptions} receptions, ${r.collisions} collisions, ${r.lost} lost, ${r.missed} missed` +
      (r.retransmissions + r.acks > 0 ? `, ${r.retransmissions} retransmissions, ${r.acks} acks, ${r.giveUps} given up` : ''),
    `energy: ${joules(e.totalJoules)} in all, ${e.meanCurrentMicroAmps.toFixed(1)} uA per mote on average`,
    ...parts,
    `vm: ${s.installs} installs, ${s.traps} traps, ${s.ledChanges} LED changes, ${s.senses} sensor readings, ${s.delivered} messages at the base station`,
    ...formatTrapSites(s.trapSites),
    ...(s.crashes + s.reboots + s.deaths > 0 ? [`faults: ${s.crashes} crashes, ${s.reboots} reboots, ${s.deaths} battery deaths`] : []),
    '',
  ].join('\n');
}
