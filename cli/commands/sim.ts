// `mote sim`: build a network of emulated Mica motes (sim/network), load or inject capsules, run it
// for a number of simulated seconds and print a summary (issue 4; --inject and --trickle: issue 5).

import { renameSync, rmSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { verify } from '../../assembler/verify.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { createDissemination, PROPAGATIONS, type Dissemination, type Propagation } from '../../sim/dissemination/index.js';
import type { SensorPower } from '../../sim/mote/sensors.js';
import { parseSensorTrace, seededSignal, type SensorSignal } from '../../sim/mote/signal.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import { LINK_LAYERS, TIMINGS, type LinkLayer, type RadioIdle, type Timing } from '../../sim/network/options.js';
import type { Summary } from '../../sim/network/summary.js';
import { TraceFile } from '../../sim/network/trace.js';
import { RADIO_MODELS } from '../../sim/radio/models.js';
import { BATTERY_MILLIAMP_HOURS, SUPPLY_VOLTS } from '../../sim/core/power-states.js';
import { nonNegativeInteger, oneOf, positiveNumber } from '../flags.js';
import { UserError, type Io } from '../io.js';
import { readInput } from '../load-capsule.js';
import { loadInjection, loadSigned, readFaults, readWorld, trickleParams } from '../network-flags.js';
import { formatSecurity, setupSecurity, type SecurityFlags } from '../sim-security.js';

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

function nonNegativeNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${flag} wants a number >= 0, got '${value}'`);
    return n;
  };
}

function byteCount(flag: string): (value: string) => number {
  return (value) => {
    const n = nonNegativeInteger(flag)(value);
    if (n > 255) throw new InvalidArgumentError(`${flag} wants 0 to 255 bytes, got '${value}'`);
    return n;
  };
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
    .option('--reply-delay <seconds>', "wait before answering news with code or a request (1 is the paper's Mate)", nonNegativeNumber('--reply-delay'), 0)
    .option('--propagation <rule>', `who answers news and when: ${PROPAGATIONS.join(' or ')} (Mate's MVirus rule)`, oneOf('--propagation', PROPAGATIONS), 'rfc6206')
    .option('-s, --seconds <n>', 'simulated seconds to run', positiveNumber('--seconds'), 60)
    .option('--seed <n>', 'seed for every random stream (same seed, same run)', nonNegativeInteger('--seed'), 1)
    .option('--json', 'print the summary as one JSON object')
    .option('--trace <file>', 'write every event as a CBOR record to this file (read it with mote trace)')
    .option('--profile <name>', `VM cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--avr-motes <list>', "motes that run the VM as AVR machine code on avr8js: 0,17,42 or 'all' (cycles measured; slower)", avrMotesFlag)
    .option('--fault <spec>', 'a scheduled fault (repeatable; see below)', collect)
    .option('--faults <random:seed>', 'a seeded random fault schedule')
    .option('--timing <model>', `timing model: ${TIMINGS.join(', ')}`, oneOf('--timing', TIMINGS), 'physical')
    .option('--round <seconds>', 'round length for --timing sync', positiveNumber('--round'), 1)
    .option('--async-delay <seconds>', 'largest extra delivery delay for --timing async', nonNegativeNumber('--async-delay'), 1)
    .option('--link-layer <kind>', `${LINK_LAYERS.join(' or ')} (reliable: acknowledged, retransmitted, FIFO)`, oneOf('--link-layer', LINK_LAYERS), 'plain')
    .option('--preamble <bytes>', 'preamble bytes before each 36-byte packet', byteCount('--preamble'), 0)
    .option('--radio-idle <mode>', 'listen (radio on between sends) or off (on only to send)', oneOf('--radio-idle', ['listen', 'off'] as const), 'listen')
    .option('--sensor-power <mode>', 'stay-on (powered from the first reading) or per-reading', oneOf('--sensor-power', ['stay-on', 'per-reading'] as const), 'stay-on')
    .option('--sensor-trace <file>', 'sensor readings from a file: lines SECONDS MOTE SENSOR VALUE (MOTE may be *)')
    .option('--boot-spread <seconds>', 'motes boot at seeded times within this many seconds', nonNegativeNumber('--boot-spread'), 0)
    .option('--battery <mAh>', 'battery capacity per mote', positiveNumber('--battery'), BATTERY_MILLIAMP_HOURS)
    .option('--key <file>', 'signed code: sign what is loaded or injected with this key (mote keygen) and give the motes its public key')
    .option('--insecure', 'unsigned code, as Mate had (for teaching): any newer version wins')
    .option('--attacker <mote:version=N>', 'mote M broadcasts a rogue capsule of version N (repeatable; ,type=T ,at=TIME); needs --key or --insecure', collect)
    .addHelpText('after', FAULT_HELP + '\n' + EXAMPLES)
    .action((flags: SimFlags) => runSim(flags, io));
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

function runSim(flags: SimFlags, io: Io): void {
  const { topology, radio } = readWorld(flags);
  const durationNs = Math.round(flags.seconds * 1e9);
  const loaded = (flags.inject ?? []).map((text) => loadInjection(text, topology.n));
  const security = setupSecurity(flags, topology.n, loaded[0]?.capsule.type);
  const capsules = (flags.load ?? []).map((f) => security.prepare(loadSigned(f), f));
  const injections = loaded.map((i) => ({ ...i, capsule: security.prepare(i.capsule, i.file) }));
  const faults = readFaults(flags.fault ?? [], flags.faults, topology.n, durationNs, radio.links);
  const dissemination: Dissemination | undefined =
    injections.length > 0 || flags.trickle !== undefined || security.auth !== undefined || security.attacks.length > 0
      ? createDissemination({ trickle: trickleParams(flags.trickle), replyDelay: Math.round(flags.replyDelay * 1e9), motes: topology.n, auth: security.auth, propagation: flags.propagation })
      : undefined;
  const signal = readSignal(flags);

  const temp = flags.trace === undefined ? undefined : `${flags.trace}.${process.pid}.tmp`;
  let trace: TraceFile | undefined;
  try {
    trace = temp === undefined ? undefined : new TraceFile(temp);
  } catch (error) {
    throw new UserError(`${flags.trace}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  const started = performance.now();
  let network: Network;
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
    runWithProgress(network, durationNs, io);
  } finally {
    trace?.close();
  }
  if (temp !== undefined && flags.trace !== undefined) {
    try {
      renameSync(temp, flags.trace);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new UserError(`${flags.trace}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const report = {
    ...network.summary(),
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
    ...(trace === undefined ? {} : { traceRecords: trace.count, traceFile: flags.trace }),
  };
  if (flags.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
    return;
  }
  const spread = (report.capsules ?? []).map(
    (c) =>
      `${c.rogue ? 'rogue ' : ''}capsule ${c.name} v${c.version}: injected at ${seconds(c.injectedAt)}, covered at ${seconds(c.coveredAt)}, ` +
      `coverage ${(100 * c.coverage).toFixed(1)}%, ${c.transmissions} transmissions\n`,
  );
  io.stdout(formatSummary(report) + spread.join('') + (report.security === undefined ? '' : formatSecurity(report.security)));
}

/** A simulated time for people: milliseconds are plenty; 'never' when it did not happen. */
function seconds(t: number | null | undefined): string {
  return t === null || t === undefined ? 'never' : `${Number(t.toFixed(3))} s`;
}

/** Runs in steps of 1% of the run, drawing a bar on a terminal (stderr) so long runs show progress. */
function runWithProgress(network: Network, durationNs: number, io: Io): void {
  if (!io.isTTY) {
    network.runUntil(durationNs);
    return;
  }
  const steps = 100;
  for (let i = 1; i <= steps; i++) {
    network.runUntil(Math.round((durationNs * i) / steps));
    const filled = Math.round((i / steps) * 30);
    io.stderr(`\r[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${i}%  ${(network.now / 1e9).toFixed(1)} s simulated`);
  }
  io.stderr('\r' + ' '.repeat(70) + '\r');
}

const joules = (j: number): string => (j >= 1 ? `${j.toFixed(3)} J` : `${(j * 1e3).toFixed(3)} mJ`);

export function formatSummary(s: Summary & { wallSeconds: number; topology: string; radioModel: string; seed: number }): string {
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
    ...(s.crashes + s.reboots + s.deaths > 0 ? [`faults: ${s.crashes} crashes, ${s.reboots} reboots, ${s.deaths} battery deaths`] : []),
    '',
  ].join('\n');
}
