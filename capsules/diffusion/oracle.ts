// The oracle of Directed Diffusion (diffusion.ts; capsules/diffusion/README.md). From the light the
// motes saw and the network trace it rebuilds every event a mote holding the interest should have
// reported (a reading above the threshold in a reading round) and checks: each arrives at the sink,
// once and intact, while a path of live motes exists, except those caught by a failure on their
// reinforced path until a new path is reinforced, which must happen within a bound (the next
// interest, an exploratory event and its reinforcement); nothing that matches no interest is sent;
// after reinforcement an event travels one path (one unicast chain from its source to the sink),
// not all of them, except the exploratory event of each epoch and those sent while no reinforced
// gradient lives.

import { hops, type Adjacency } from '../../sim/algo/graph.js';
import { verdict, type Verdict } from '../../sim/algo/report.js';
import { BASE } from '../tree/tick.js';
import type { NetMessage, TraceEvent } from '../../sim/algo/tick-network.js';

export const INTEREST = 1;
export const EVENT = 2;
export const REINFORCEMENT = 3;
/** Failures listed one by one before the rest are only counted. */
const SHOWN = 6;

export interface DiffusionTrace {
  readonly out: Adjacency;
  readonly threshold: number;
  readonly interval: number;
  /** R: the reinforced gradient lives 2R rounds from its last reinforcement. */
  readonly period: number;
  /** Rounds in which motes read (the drain after them reads nothing). */
  readonly rounds: number;
  readonly light: (mote: number, tick: number) => number;
  readonly trace: readonly TraceEvent[];
  readonly messages: readonly NetMessage[];
  readonly failed: { readonly mote: number; readonly round: number } | null;
  /** False for the flooding baseline: no path is reinforced, every event floods. */
  readonly reinforce: boolean;
  /** The mote whose reinforced paths the figures report (-1: none). */
  readonly focus: number;
}

export interface DiffusionFigures {
  /** Events the oracle demands: matching readings of live motes with the interest and a path. */
  readonly required: number;
  readonly delivered: number;
  /** Events excused by the failure, until a new path was reinforced. */
  readonly lostDuring: number;
  /** Events that arrived by one path (a unicast chain), and those that flooded. */
  readonly onePath: number;
  readonly flooded: number;
  /** The focus mote's last one-path route before the failure, and at the end after one (null: none seen). */
  readonly pathBefore: readonly number[] | null;
  readonly pathAfter: readonly number[] | null;
  /** The round each source affected by the failure got its new path (null: not affected or never). */
  readonly repairedAt: readonly (number | null)[];
  /** Transmissions by kind. */
  readonly interests: number;
  readonly exploratory: number;
  readonly reinforced: number;
  readonly reinforcements: number;
}

const key = (mote: number, round: number): string => `${mote} ${round}`;

/** Each event's transmissions (each one message or a broadcast of several), in send order. */
function eventTransmissions(messages: readonly NetMessage[]): Map<string, NetMessage[][]> {
  const byEvent = new Map<string, Map<number, NetMessage[]>>();
  for (const m of messages) {
    if (m.words[0] !== EVENT) continue;
    const k = key(m.words[1], m.words[2]);
    let tx = byEvent.get(k);
    if (tx === undefined) byEvent.set(k, (tx = new Map()));
    const copies = tx.get(m.transmission);
    if (copies === undefined) tx.set(m.transmission, [m]);
    else copies.push(m);
  }
  return new Map([...byEvent].map(([k, tx]) => [k, [...tx.values()]]));
}

/** The motes of a one-path event, source first, sink last; null when its transmissions are not one unicast chain. */
function chain(source: number, transmissions: readonly NetMessage[][]): number[] | null {
  const path = [source];
  let at = source;
  for (const copies of transmissions) {
    if (copies.length !== 1 || copies[0].src !== at || copies[0].words[5] !== 0) return null;
    at = copies[0].dst;
    if (path.includes(at)) return null;
    path.push(at);
  }
  return at === BASE ? path : null;
}

export function diffusionOracle(input: DiffusionTrace): { verdict: Verdict; figures: DiffusionFigures } {
  const { out, failed, period, threshold } = input;
  const n = out.length;
  const failures: string[] = [];
  const counted = new Map<string, number>();
  const fail = (property: string, detail: string): void => {
    const seen = counted.get(property) ?? 0;
    counted.set(property, seen + 1);
    if (seen < SHOWN) failures.push(`${property}: ${detail}`);
  };

  // What each mote heard: the first interest of each epoch, and reinforcements.
  const epochStarts: number[][] = Array.from({ length: n }, () => []);
  const reinforcedAt: number[][] = Array.from({ length: n }, () => []);
  /** The event (its round) each of those reinforcements answered. */
  const reinforcedFor: number[][] = Array.from({ length: n }, () => []);
  /** Ticks a mote heard reinforcements answering an event sent at or after the failure. */
  const reinforcedAfterFailure: number[][] = Array.from({ length: n }, () => []);
  /** Every reinforcement heard, in trace order: the mote's reinforced neighbour from then on. */
  const reinforcers: { tick: number; mote: number; from: number }[] = [];
  const epochSeen = new Array<number>(n).fill(0);
  const arrived = new Map<string, number>();
  const sinkRecords: { origin: number; round: number; reading: number }[] = [];
  for (const e of input.trace) {
    if (e.kind === 'recv') {
      const words = input.messages[e.msg].words;
      if (words[0] === INTEREST && words[1] > epochSeen[e.mote]) {
        epochSeen[e.mote] = words[1];
        epochStarts[e.mote].push(e.tick);
      } else if (words[0] === REINFORCEMENT) {
        reinforcedAt[e.mote].push(e.tick);
        reinforcers.push({ tick: e.tick, mote: e.mote, from: input.messages[e.msg].src });
        reinforcedFor[e.mote].push(words[2]);
        if (input.failed !== null && words[2] >= input.failed.round) reinforcedAfterFailure[e.mote].push(e.tick);
      }
    } else if (e.kind === 'uart' && e.mote === BASE && e.words[0] === EVENT) {
      const [, origin, round, reading] = e.words;
      sinkRecords.push({ origin, round, reading });
      arrived.set(key(origin, round), (arrived.get(key(origin, round)) ?? 0) + 1);
    }
  }
  const matching = (mote: number, round: number): boolean => input.light(mote, round) > threshold;
  for (const r of sinkRecords) {
    if (!matching(r.origin, r.round)) fail('only events', `mote ${r.origin}'s reading of round ${r.round} matches no interest, yet reached the sink`);
    else if (r.reading !== input.light(r.origin, r.round) >> 2) fail('integrity', `mote ${r.origin}'s event of round ${r.round} arrived as ${r.reading}, it read ${input.light(r.origin, r.round) >> 2}`);
  }
  for (const [k, count] of arrived) if (count > 1) fail('once', `event "${k}" (mote, round) arrived ${count} times`);

  const transmissions = eventTransmissions(input.messages);
  for (const k of transmissions.keys()) {
    const [mote, round] = k.split(' ').map(Number);
    if (!matching(mote, round)) fail('only events', `mote ${mote} sent its reading of round ${round}, which matches no interest`);
  }

  // Hop distances with and without the failed mote.
  const distBefore = hops(out, BASE);
  const distAfter = failed === null ? distBefore : hops(out, BASE, out.map((_, i) => i !== failed.mote));
  const pathOf = (mote: number, round: number): number[] | null => chain(mote, transmissions.get(key(mote, round)) ?? []);
  /** The path of mote's last event before `before` that arrived by one path. */
  const lastPath = (mote: number, before: number): number[] | null => {
    for (let r = before - 1; r >= 1; r--) {
      const p = arrived.has(key(mote, r)) ? pathOf(mote, r) : null;
      if (p !== null) return p;
    }
    return null;
  };
  // The sink answers a source's first exploratory event: the reinforcement is back after the event's
  // crossing and its own, 2d rounds after the event.
  const sent = new Set(input.messages.filter((x) => x.words[0] === EVENT).map((x) => x.words[1]));
  for (const m of sent) {
    const start = epochStarts[m]?.[0];
    const event = start === undefined || !input.reinforce || !(distBefore[m] > 0) ? null : firstEvent(input, m, start);
    if (event === null) continue;
    const bound = event + 2 * distBefore[m];
    if (bound < Math.min(input.rounds, failed?.round ?? Infinity) && !reinforcedAt[m].some((t) => t <= bound))
      fail('reinforcement', `mote ${m}'s first event (round ${event}) had no reinforced path back by round ${bound}`);
  }

  // A relay failing on a source's reinforced path excuses the source's events from the moment they
  // could cross it until the source hears a new reinforcement, which must come no later than the next
  // interest reaching it, its first event after that and the two crossings of the exploratory event
  // and its reinforcement. Events of motes the failure cuts off are excused from then on.
  // A relay keeps one reinforced neighbour for every origin, its latest reinforcer: a source's events
  // follow that chain, which another origin's reinforcement can turn through the failed relay.
  const chained = failed === null ? new Set<number>() : chainedThrough(n, [...sent], reinforcers, failed, input.rounds);
  const excuse: ({ from: number; to: number } | null)[] = new Array(n).fill(null);
  const repairedAt: (number | null)[] = [];
  for (let m = 0; m < n && failed !== null; m++) {
    if (m === BASE || epochStarts[m].length === 0) continue;
    const from = failed.round - distBefore[m];
    if (distAfter[m] < 0) {
      excuse[m] = { from, to: Infinity };
      continue;
    }
    // The paths of the source's reinforcements: the last it heard by the failure, and any later one
    // that answered an event sent before the failure, heard after it or never (under way through the
    // relay as it failed: the source then follows a gradient toward a dead neighbour, or keeps an old
    // one whose relays nobody refreshes any more); and the path its last event took.
    let last = reinforcedAt[m].length - 1;
    while (last >= 0 && reinforcedAt[m][last] > failed.round) last--;
    const heard = last < 0 ? -1 : reinforcedFor[m][last];
    const reinforcedPath = input.messages
      .filter((x) => x.words[0] === REINFORCEMENT && x.words[1] === m && (x.words[2] === heard || (x.words[2] > heard && x.words[2] < failed.round)))
      .flatMap((x) => [x.src, x.dst]);
    const path = input.reinforce ? [...reinforcedPath, ...(lastPath(m, failed.round) ?? [])] : [];
    if (!path.includes(failed.mote) && !chained.has(m)) continue;
    const nextEpoch = 1 + Math.ceil((failed.round - 1) / period) * period;
    const event = firstEvent(input, m, nextEpoch + distAfter[m]);
    const bound = event === null ? Infinity : event + 2 * distAfter[m];
    // Only an event explored after the failure can have found a way around the failed relay.
    const repair = reinforcedAfterFailure[m][0] ?? null;
    repairedAt.push(repair);
    if ((repair === null && bound <= input.rounds) || (repair !== null && repair > bound))
      fail('repair', `mote ${m}'s path through ${failed.mote} was not reinforced anew by round ${bound}`);
    excuse[m] = { from, to: Math.min(repair ?? Infinity, bound) };
  }

  let required = 0;
  let delivered = 0;
  let lostDuring = 0;
  for (let m = 0; m < n; m++) {
    const first = epochStarts[m][0];
    if (m === BASE || first === undefined) continue;
    for (let r = first; r <= input.rounds; r++) {
      if (r % input.interval !== 0 || !matching(m, r)) continue;
      const dead = failed !== null && m === failed.mote && r >= failed.round;
      const cutOff = failed !== null && r >= failed.round && distAfter[m] < 0;
      if (dead || cutOff) continue;
      const got = arrived.has(key(m, r));
      const excused = excuse[m] !== null && r >= excuse[m]!.from && r < excuse[m]!.to;
      if (excused) {
        if (!got) lostDuring++;
        continue;
      }
      required++;
      if (got) delivered++;
      else fail('delivery', `mote ${m}'s event of round ${r} never reached the sink`);
    }
  }

  // One path after reinforcement: a flooded event is allowed as the first of its epoch at its
  // source, or while the source holds no live reinforced gradient (it expires 2R rounds after the
  // reinforcement, counted from the round before it arrived, as the capsules count).
  let onePath = 0;
  let flooded = 0;
  for (const k of arrived.keys()) {
    const [m, r] = k.split(' ').map(Number);
    if (pathOf(m, r) !== null) {
      onePath++;
      continue;
    }
    flooded++;
    if (!input.reinforce) continue;
    const live = reinforcedAt[m].some((t) => t <= r && r < t - 1 + 2 * period);
    const epochStart = [...epochStarts[m]].reverse().find((t) => t <= r);
    const firstOfEpoch = epochStart !== undefined && firstEvent(input, m, epochStart) === r;
    if (live && !firstOfEpoch) fail('one path', `mote ${m}'s event of round ${r} flooded after its path was reinforced`);
  }

  const count = (kind: number): number => new Set(input.messages.filter((x) => x.words[0] === kind).map((x) => x.transmission)).size;
  const eventTx = (explore: number): number =>
    new Set(input.messages.filter((x) => x.words[0] === EVENT && x.words[5] === explore).map((x) => x.transmission)).size;
  for (const [property, seen] of counted) if (seen > SHOWN) failures.push(`${property}: ${seen - SHOWN} more`);
  return {
    verdict: verdict(failures),
    figures: {
      required,
      delivered,
      lostDuring,
      onePath,
      flooded,
      pathBefore: input.focus < 0 ? null : lastPath(input.focus, failed?.round ?? input.rounds + 1),
      pathAfter: input.focus < 0 || failed === null ? null : lastPath(input.focus, input.rounds + 1),
      repairedAt,
      interests: count(INTEREST),
      exploratory: eventTx(1),
      reinforced: eventTx(0),
      reinforcements: count(REINFORCEMENT),
    },
  };
}

/** The first round from `from` on in which mote m reads light above the threshold; null: none in the run. */
function firstEvent(input: DiffusionTrace, m: number, from: number): number | null {
  for (let t = from; t <= input.rounds; t++) if (t % input.interval === 0 && input.light(m, t) > input.threshold) return t;
  return null;
}

/**
 * Sources whose chain of reinforced neighbours (each mote's latest reinforcer, as the capsules keep
 * it) ran through the failed relay in some round from the failure to `until`.
 */
function chainedThrough(n: number, sources: readonly number[], reinforcers: readonly { tick: number; mote: number; from: number }[], failed: { mote: number; round: number }, until: number): Set<number> {
  const next = new Int32Array(n).fill(-1);
  const hit = new Set<number>();
  let k = 0;
  for (let t = 0; t <= until; t++) {
    for (; k < reinforcers.length && reinforcers[k].tick <= t; k++) next[reinforcers[k].mote] = reinforcers[k].from;
    if (t < failed.round) continue;
    for (const m of sources) {
      if (hit.has(m) || m === failed.mote) continue;
      for (let at = next[m], steps = 0; at >= 0 && at !== BASE && steps < n; at = next[at], steps++) {
        if (at !== failed.mote) continue;
        hit.add(m);
        break;
      }
    }
  }
  return hit;
}
