// Runs the token application with the Chandy-Lamport capsules (capsules/snapshot/) on the tick
// network: the scenario replay of `mote snapshot` (issue 6's exact tick rules) and random runs for
// `mote algo snapshot`. Both end when every snapshot is done, or nothing is left in flight.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../../sim/core/rng.js';
import { configCapsule } from '../../sim/algo/config.js';
import { faultFailures, measure, verdict, type AlgoReport, type Verdict } from '../../sim/algo/report.js';
import { GIVE, recordedSnapshots, REC_MARKER, snapshotOracle, START, type RecordedSnapshot, type SnapshotTrace } from './oracle.js';
import { MAX_SNAPSHOTS, type Parsed, type ScenarioEvent, type SnapshotTopology } from './scenario.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

/** Heap word of the balance (capsules/snapshot/README.md). */
const HEAP_TOKENS = 0;
/** Seeded extra delays are 0..3 ticks. */
const MAX_RANDOM_DELAY = 3;
/** A run that has not finished after this many ticks past its script is stuck. */
const SETTLE_TICKS = 100_000;

export interface SnapshotResult {
  readonly names: readonly string[];
  readonly recorded: RecordedSnapshot[];
  /** What the oracle read. */
  readonly input: SnapshotTrace;
  readonly verdict: Verdict;
  readonly net: TickNetwork;
  readonly ticks: number;
}

interface Setup {
  readonly names: readonly string[];
  readonly tokens: readonly number[];
  readonly out: readonly (readonly number[])[];
  readonly capsules: readonly Capsule[];
  readonly delay: (src: number, dst: number) => number;
  readonly perSourceLimit?: number;
  readonly pick?: 'oldest' | 'destination';
  readonly fifo?: boolean;
  readonly profile?: CostProfile;
  readonly seed: number;
}

function network(setup: Setup): TickNetwork {
  return new TickNetwork({
    ids: setup.names.map((_, i) => i + 1),
    out: setup.out,
    capsules: setup.capsules,
    config: (i) => configCapsule([[HEAP_TOKENS, setup.tokens[i]]]),
    delay: setup.delay,
    perSourceLimit: setup.perSourceLimit,
    pick: setup.pick,
    fifo: setup.fifo,
    broadcast: 'channels',
    profile: setup.profile,
    seed: setup.seed,
  });
}

/** Tick until every started snapshot is done at every mote (a marker record per channel), or nothing is in flight. */
function finish(net: TickNetwork, out: readonly (readonly number[])[], snapshots: number): void {
  const channels = out.reduce((a, list) => a + list.length, 0);
  let seen = 0;
  let done = 0;
  const allDone = (): boolean => {
    for (; seen < net.trace.length; seen++) {
      const e = net.trace[seen];
      if (e.kind === 'uart' && e.words[0] === REC_MARKER && e.words[1] < snapshots) done++;
    }
    return done >= snapshots * channels;
  };
  for (let k = 0; k < SETTLE_TICKS && net.busy && !allDone(); k++) net.step();
}

function result(net: TickNetwork, setup: Setup, snapshots: number): SnapshotResult {
  const trace: SnapshotTrace = {
    names: setup.names,
    initialTokens: setup.tokens,
    snapshots,
    out: setup.out,
    messages: net.messages,
    trace: net.trace,
    indexOf: (id) => net.indexOf.get(id) ?? -1,
  };
  const oracle = snapshotOracle(trace);
  const failures = [...faultFailures(net, (i) => setup.names[i]), ...oracle.failures];
  return { names: setup.names, recorded: recordedSnapshots(trace), input: trace, verdict: verdict(failures), net, ticks: net.tick };
}

function outgoing(n: number, channels: readonly (readonly [number, number])[]): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [src, dst] of channels) out[src].push(dst);
  return out;
}

export interface ReplayOptions {
  readonly capsules: readonly Capsule[];
  /** Extra ticks per message in send order; once used up, the seeded generator continues. */
  readonly delays?: readonly number[];
  readonly seed: number;
  readonly profile?: CostProfile;
  /** The file the events came from, for messages. */
  readonly file?: string;
  /** The delivery rule: `destination` (default, issue 6's); `oldest` only to show where the two differ. */
  readonly pick?: 'oldest' | 'destination';
}

/**
 * The scenario replay of `mote snapshot`: each source delivers at most one message a tick, from the
 * first of its channels with a ready head in destination id order (ids follow the names' string order).
 */
export function replaySnapshotScenario(
  topology: SnapshotTopology,
  events: readonly ScenarioEvent[],
  options: ReplayOptions,
): Parsed<SnapshotResult> {
  const rng = namedStream(options.seed, 'delays');
  let sent = 0;
  const delays = options.delays ?? [];
  const setup: Setup = {
    names: topology.names,
    tokens: topology.tokens,
    out: outgoing(topology.names.length, topology.channels),
    capsules: options.capsules,
    delay: () => (sent < delays.length ? delays[sent++] : rng.int(MAX_RANDOM_DELAY + 1)),
    perSourceLimit: 1,
    pick: options.pick ?? 'destination',
    profile: options.profile,
    seed: options.seed,
  };
  const net = network(setup);
  let snapshots = 0;
  for (const event of events) {
    if (event.kind === 'tick') {
      for (let k = 0; k < event.n; k++) net.step();
    } else if (event.kind === 'snapshot') {
      net.inject(event.mote, [START, snapshots++]);
    } else {
      const balance = net.vms[event.src].inspect().heap[HEAP_TOKENS].value;
      if (balance < event.k) {
        const has = `${balance} token${balance === 1 ? '' : 's'}`;
        return { ok: false, error: `${options.file ?? 'events'}:${event.line}: ${topology.names[event.src]} has ${has}, cannot give ${event.k}` };
      }
      net.inject(event.src, [GIVE, event.dst + 1, event.k]);
    }
  }
  finish(net, setup.out, snapshots);
  return { ok: true, value: result(net, setup, snapshots) };
}

export interface RandomSnapshotOptions {
  readonly capsules: readonly Capsule[];
  /** Neighbours of each mote; every neighbour pair gets a channel each way. */
  readonly out: readonly (readonly number[])[];
  readonly seed: number;
  readonly timing: 'sync' | 'async';
  /** Snapshots started at random ticks by random motes (at most MAX_SNAPSHOTS). */
  readonly snapshots?: number;
  /** Ticks of application traffic. */
  readonly steps?: number;
  /** A mote's chance each tick to give tokens away (its clock fires). */
  readonly activity?: number;
  readonly fifo?: boolean;
  readonly profile?: CostProfile;
}

/** A token application run by the motes' own clock capsules, with snapshots started along the way. */
export function randomSnapshotRun(options: RandomSnapshotOptions): SnapshotResult {
  const n = options.out.length;
  const rng = namedStream(options.seed, 'snapshot');
  const delays = namedStream(options.seed, 'delays');
  const snapshots = Math.min(MAX_SNAPSHOTS, options.snapshots ?? 3);
  const steps = options.steps ?? 30;
  const activity = options.activity ?? 0.3;
  const setup: Setup = {
    names: Array.from({ length: n }, (_, i) => String(i)),
    tokens: Array.from({ length: n }, () => 1 + rng.int(10)),
    out: options.out,
    capsules: options.capsules,
    delay: () => (options.timing === 'sync' ? 0 : delays.int(MAX_RANDOM_DELAY + 1)),
    fifo: options.fifo,
    profile: options.profile,
    seed: options.seed,
  };
  const starts = Array.from({ length: snapshots }, () => ({ tick: rng.int(steps), mote: rng.int(n) })).sort((a, b) => a.tick - b.tick);
  const net = network(setup);
  let started = 0;
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < n; i++) if (rng.float() < activity) net.fire(i);
    while (started < snapshots && starts[started].tick === t) net.inject(starts[started].mote, [START, started++]);
    net.step();
  }
  finish(net, setup.out, snapshots);
  return result(net, setup, snapshots);
}

export function snapshotReport(run: SnapshotResult): AlgoReport {
  const m = measure(run.net);
  return {
    algorithm: 'snapshot',
    ...run.verdict,
    motes: run.net.n,
    rounds: run.ticks,
    ...m,
    details: { snapshots: run.recorded.length, channelsRecorded: run.recorded.reduce((a, s) => a + s.inTransit.length, 0) },
  };
}

/** One block per snapshot: its number, `ID tokens` per mote, `SRC DST token(k)` per message in transit. */
export function formatSnapshots(run: Pick<SnapshotResult, 'names' | 'recorded'>): string {
  const { names } = run;
  const lines: string[] = [];
  run.recorded.forEach((snap, s) => {
    lines.push(`snapshot ${s}`);
    names.forEach((name, i) => lines.push(`${name} ${snap.states[i] ?? '?'}`));
    const inTransit = snap.inTransit
      .map((t, order) => ({ ...t, order }))
      .sort((a, b) => a.src - b.src || a.dst - b.dst || a.order - b.order);
    for (const t of inTransit) lines.push(`${names[t.src]} ${names[t.dst]} token(${t.k})`);
  });
  return lines.join('\n');
}
