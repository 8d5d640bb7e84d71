// Runs Directed Diffusion (Intanagonwiwat, Govindan & Estrin, MobiCom 2000; the seed lecture's
// "Directed Diffusion protocol") as the capsules of capsules/diffusion/ on the tick network, in
// lock-step rounds (one round a second). The sink (mote 0) floods an interest every R rounds; the
// sources (the motes farthest from the sink) see a bright light; their events flow back, exploratory
// ones along every gradient, the rest along the path the sink reinforced. Part way through, the middle
// relay of the first source's reinforced path fails. The same capsules with reinforcement off are
// plain flooding (the baseline of diffusion-compare.ts). Judged by diffusion-oracle.ts.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { absorb, namedStream, seedHash } from '../../sim/core/rng.js';
import { configCapsule } from '../../sim/algo/config.js';
import { hops, type Adjacency } from '../../sim/algo/graph.js';
import { BASE } from '../tree/tick.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';

/** Heap words (capsules/diffusion/README.md). */
const HEAP_THRESHOLD = 1;
const HEAP_INTERVAL = 2;
const HEAP_ROUND = 3;
const HEAP_REINFORCED = 5;
const HEAP_PERIOD = 6;
const HEAP_EXPIRES = 7;
/** At the sink: 1 when it reinforces (0 makes the capsules plain flooding). */
const HEAP_SINK_REINFORCES = 8;

/** The data cache keeps three events (capsules/diffusion/sub1.mate): one exploratory event per source an epoch. */
export const MAX_SOURCES = 3;
export const DEFAULT_THRESHOLD = 500;
export const DEFAULT_INTERVAL = 2;
/** Rounds a run drains after its last round so that events in flight arrive. */
export const DRAIN_ROUNDS = 64;

/** One run's fixed facts, shared by diffusion, flooding and the tree baseline. */
export interface DiffusionScenario {
  readonly out: Adjacency;
  readonly seed: number;
  readonly sources: readonly number[];
  readonly threshold: number;
  /** Rounds between readings ("every 2 s"). */
  readonly interval: number;
  /** R: rounds between interests (and the tree's beacon waves). */
  readonly period: number;
  readonly rounds: number;
  /** The round a relay fails in; 0: none. */
  readonly failAt: number;
  /** The relay that fails; undefined: the middle of the first source's reinforced path at failAt. */
  readonly failMote?: number;
  readonly light: (mote: number, tick: number) => number;
}

export interface DiffusionOptions {
  readonly out: Adjacency;
  readonly seed: number;
  /** How many sources (1 to MAX_SOURCES), picked among the motes farthest from the sink. */
  readonly sources?: number;
  readonly threshold?: number;
  readonly interval?: number;
  /** Default max(12, 4 x depth): an interest, an exploratory event and its reinforcement fit in one epoch. */
  readonly interestPeriod?: number;
  /** Default six epochs. */
  readonly rounds?: number;
  /** Default half an epoch after the fourth interest; 0: nothing fails. */
  readonly failAt?: number;
  readonly failMote?: number;
}

/**
 * Light as the motes read it in a round: a bright spot over the sources, above the threshold but one
 * reading in six (a passing shadow), and dim everywhere else; 0..1023 like the MICA's ADC.
 */
export function spotLight(seed: number, sources: readonly number[], threshold: number): (mote: number, tick: number) => number {
  const bright = new Set(sources);
  const base = seedHash(seed);
  const dim = Math.max(1, Math.min(threshold, 400));
  return (mote, tick) => {
    const h = absorb(absorb(base, mote), tick);
    if (!bright.has(mote) || (h >>> 20) % 6 === 0) return h % dim;
    return Math.min(1023, threshold + 1 + (h % Math.max(1, 1023 - threshold)));
  };
}

/** The `count` motes farthest from the sink (seeded ties), nearest last; none when the sink is alone. */
export function pickSources(out: Adjacency, seed: number, count: number): number[] {
  const dist = hops(out, BASE);
  const rng = namedStream(seed, 'diffusion');
  const tie = Array.from({ length: out.length }, () => rng.next32());
  return Array.from({ length: out.length }, (_, i) => i)
    .filter((i) => i !== BASE && dist[i] > 0)
    .sort((a, b) => dist[b] - dist[a] || tie[a] - tie[b])
    .slice(0, Math.max(0, count));
}

export function diffusionScenario(options: DiffusionOptions): DiffusionScenario {
  const { out, seed } = options;
  const depth = Math.max(0, ...hops(out, BASE));
  const period = Math.max(1, options.interestPeriod ?? Math.max(12, 4 * depth));
  const sources = pickSources(out, seed, Math.max(1, Math.min(MAX_SOURCES, options.sources ?? 1)));
  const threshold = Math.max(0, Math.min(1022, options.threshold ?? DEFAULT_THRESHOLD));
  return {
    out,
    seed,
    sources,
    threshold,
    interval: Math.max(1, options.interval ?? DEFAULT_INTERVAL),
    period,
    rounds: options.rounds ?? 6 * period,
    failAt: options.failAt ?? 1 + 3 * period + Math.floor(period / 2),
    failMote: options.failMote,
    light: spotLight(seed, sources, threshold),
  };
}

export interface RunOptions {
  readonly capsules: readonly Capsule[];
  readonly profile?: CostProfile;
  /** False: the sink never reinforces, so every event floods (the baseline). */
  readonly reinforce: boolean;
  /** Handed the network as soon as it exists (diagrams record from it). */
  readonly observe?: (net: TickNetwork) => void;
}

export interface DiffusionRun {
  readonly net: TickNetwork;
  /** The relay that failed and when; null when none did. */
  readonly failed: { readonly mote: number; readonly round: number } | null;
}

/** A mote's heap words as a network shows them; undefined for a mote that is down. */
export type HeapOf = (mote: number) => readonly { readonly value: number }[] | undefined;

/** The reinforced path from `source` in the motes' heaps: each mote's live reinforced neighbour (ids are indices). */
export function reinforcedPathIn(n: number, heapOf: HeapOf, source: number): number[] {
  const path = [source];
  for (let at = source; at !== BASE && path.length <= n; ) {
    const heap = heapOf(at);
    if (heap === undefined || heap[HEAP_EXPIRES].value <= heap[HEAP_ROUND].value) break;
    const next = heap[HEAP_REINFORCED].value;
    if (next >= n || heapOf(next) === undefined || path.includes(next)) break;
    path.push(next);
    at = next;
  }
  return path;
}

/** The reinforced path from `source` as the tick network's motes hold it now. */
export function reinforcedPath(net: TickNetwork, source: number): number[] {
  return reinforcedPathIn(net.n, (m) => (net.alive[m] ? net.vms[m].inspect().heap : undefined), source);
}

/** The failing relay: the one asked for, else the middle relay of the first source's reinforced path (-1: none). */
export function victim(scenario: DiffusionScenario, path: (source: number) => number[]): number {
  if (scenario.failMote !== undefined) return scenario.failMote;
  const source = scenario.sources[0];
  if (source === undefined) return -1;
  const route = path(source);
  if (route[route.length - 1] !== BASE || route.length < 3) return -1;
  return route[Math.floor((route.length - 1) / 2)];
}

/** Mote i's configuration: the sink's interest (threshold, interval), whether it reinforces; R everywhere. */
export function diffusionConfig(scenario: DiffusionScenario, reinforce: boolean): (mote: number) => Capsule {
  return (i) =>
    configCapsule(
      i === BASE
        ? [[HEAP_THRESHOLD, scenario.threshold], [HEAP_INTERVAL, scenario.interval], [HEAP_PERIOD, scenario.period], [HEAP_SINK_REINFORCES, reinforce ? 1 : 0]]
        : [[HEAP_PERIOD, scenario.period]],
    );
}

export function runDiffusion(scenario: DiffusionScenario, options: RunOptions): DiffusionRun {
  const { out } = scenario;
  const n = out.length;
  const net = new TickNetwork({
    ids: Array.from({ length: n }, (_, i) => i),
    out,
    capsules: options.capsules,
    config: diffusionConfig(scenario, options.reinforce),
    delay: () => 0,
    broadcast: 'radio',
    sensor: (mote, _sensor, tick) => scenario.light(mote, tick),
    profile: options.profile,
    seed: scenario.seed,
  });
  options.observe?.(net);
  let failed: DiffusionRun['failed'] = null;
  for (let round = 1; round <= scenario.rounds; round++) {
    net.step();
    if (round === scenario.failAt) {
      const mote = victim(scenario, (source) => reinforcedPath(net, source));
      if (mote > BASE && mote < n) {
        net.crash(mote);
        failed = { mote, round };
      }
    }
    for (let i = 0; i < n; i++) net.fire(i);
  }
  for (let k = 0; k < DRAIN_ROUNDS && net.busy; k++) net.step();
  return { net, failed };
}
