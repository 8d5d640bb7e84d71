// One capsule spreading over a large network by Trickle dissemination (issue 8, "One million motes"):
// the capsule is injected at the mote nearest the field's (0, 0) corner and the network runs in chunks
// until every live mote that the corner can reach over the link table holds it (or a time limit).
// Everything here is seeded: the same options give the same fingerprint.

import { createHash } from 'node:crypto';
import { verify } from '../../assembler/verify.js';
import { createDissemination } from '../../sim/dissemination/index.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import { buildWorld } from '../../sim/network/setup.js';
import type { LinkTable } from '../../sim/radio/link-table.js';
import { defaultTrickleParams } from '../../trickle/timer.js';
import type { Capsule } from '../../vm/capsule.js';
import { hostSeconds } from '../harness.js';
import { peakRssBytes } from './memory.js';

const SECOND = 1e9;

export interface SpreadOptions {
  /** grid:WxH or random:N (the random field over the area of the grid of the same density). */
  readonly topology: string;
  readonly spacing: number;
  readonly seed: number;
  readonly capsule: Capsule;
  /** Simulated second of the injection. */
  readonly injectAt: number;
  /** Give up at this simulated second. */
  readonly maxSeconds: number;
  /** Simulated seconds between coverage checks. */
  readonly chunkSeconds: number;
  /** Told after every chunk (progress lines). */
  readonly onChunk?: (progress: SpreadProgress) => void;
}

export interface SpreadProgress {
  readonly simulatedSeconds: number;
  readonly wallSeconds: number;
  readonly events: number;
  readonly coverage: number;
}

export interface SpreadResult {
  readonly topology: string;
  /** The capsule that spread (its name). */
  readonly capsule: string;
  readonly motes: number;
  readonly links: number;
  /** The corner mote the capsule was injected at. */
  readonly injectedAt: { readonly mote: number; readonly second: number };
  /** Motes the corner reaches over links of any rate: the most that can ever hold the capsule. */
  readonly reachable: number;
  /** Fraction of live motes holding the capsule, and of reachable ones. */
  readonly coverage: number;
  readonly reachableCoverage: number;
  /** Simulated second at which the last live reachable mote installed it; null if the run gave up. */
  readonly coveredAt: number | null;
  readonly simulatedSeconds: number;
  readonly events: number;
  readonly transmissions: number;
  readonly buildSeconds: number;
  readonly runSeconds: number;
  readonly wallSeconds: number;
  /** CPU seconds this process used (user + system) over build and run: on a shared host, less than wall. */
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  /** sha256 of the run's counters and coverage: equal for equal seeds. */
  readonly fingerprint: string;
}

/** The mote nearest (0, 0). */
function cornerMote(x: Float64Array, y: Float64Array): number {
  let best = 0;
  for (let m = 1; m < x.length; m++) if (x[m] * x[m] + y[m] * y[m] < x[best] * x[best] + y[best] * y[best]) best = m;
  return best;
}

/** Marks the motes `from` reaches over directed links (breadth first); returns how many. */
function reachFrom(links: LinkTable, from: number, marks: Uint8Array): number {
  const queue = new Uint32Array(links.n);
  let head = 0;
  let tail = 0;
  marks[from] = 1;
  queue[tail++] = from;
  while (head < tail) {
    const u = queue[head++];
    for (let k = links.offsets[u]; k < links.offsets[u + 1]; k++) {
      const v = links.neighbours[k];
      if (marks[v] === 0) {
        marks[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return tail;
}

export function spreadCapsule(options: SpreadOptions): SpreadResult {
  const t0 = hostSeconds();
  const cpu0 = process.cpuUsage();
  const world = buildWorld({ topology: options.topology, spacing: options.spacing, radio: 'empirical', seed: options.seed });
  if (!world.ok) throw new Error(world.error);
  const { topology, radio } = world;
  const corner = cornerMote(topology.x, topology.y);
  const reachableMarks = new Uint8Array(topology.n);
  const reachable = reachFrom(radio.links, corner, reachableMarks);
  const dissemination = createDissemination({ trickle: defaultTrickleParams, motes: topology.n });
  const net = createNetwork({
    topology,
    radio,
    seed: options.seed,
    protocol: dissemination.protocolFor,
    verify: (c) => verify(c).ok,
  });
  net.inject(corner, options.capsule, options.injectAt * SECOND);
  const buildSeconds = hostSeconds() - t0;

  const live = (m: number): boolean => net.world.alive[m] === 1;
  const coverageOf = (isLive: (m: number) => boolean) => dissemination.capsules(isLive).find((c) => c.name === options.capsule.name);
  let report = coverageOf((m) => live(m) && reachableMarks[m] === 1);
  const t1 = hostSeconds();
  while (net.now < options.maxSeconds * SECOND) {
    net.runUntil(Math.min(options.maxSeconds * SECOND, net.now + options.chunkSeconds * SECOND));
    report = coverageOf((m) => live(m) && reachableMarks[m] === 1);
    options.onChunk?.({ simulatedSeconds: net.now / SECOND, wallSeconds: hostSeconds() - t0, events: net.stats.events, coverage: report?.coverage ?? 0 });
    if (report?.coveredAt != null) break;
  }
  const runSeconds = hostSeconds() - t1;
  const coverage = coverageOf(live)?.coverage ?? 0;
  const coveredAt = report?.coveredAt ?? null;
  return {
    topology: topology.description,
    capsule: options.capsule.name,
    motes: topology.n,
    links: radio.links.neighbours.length,
    injectedAt: { mote: corner, second: options.injectAt },
    reachable,
    coverage,
    reachableCoverage: report?.coverage ?? 0,
    coveredAt,
    simulatedSeconds: net.now / SECOND,
    events: net.stats.events,
    transmissions: net.stats.transmissions,
    buildSeconds,
    runSeconds,
    wallSeconds: hostSeconds() - t0,
    cpuSeconds: cpuSecondsSince(cpu0),
    peakRssBytes: peakRssBytes(),
    fingerprint: fingerprint(net, coverage, coveredAt),
  };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function fingerprint(net: Network, coverage: number, coveredAt: number | null): string {
  return createHash('sha256').update(JSON.stringify({ stats: net.stats, now: net.now, coverage, coveredAt })).digest('hex');
}
