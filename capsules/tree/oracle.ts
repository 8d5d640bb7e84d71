// The oracle of routing readings to a base station (SPEC 6; seed, "System Robustness"), for the tree
// and the DAG on either network (routing.ts on the tick network, full/routing.ts on the emulator):
// delivery before the failure, until the next beacon wave repairs the routes, and after; every
// reading before the failure and after the repair must arrive, once, with the value the mote read.
// It reads only the record: the base station's serial writes and the messages sent.

import { hops, type Adjacency } from '../../sim/algo/graph.js';
import type { NetMessage, TraceEvent } from '../../sim/algo/tick-network.js';

export const BASE = 0;
export const BEACON = 1;
export const READING = 2;

export interface RoutingRecord {
  readonly out: Adjacency;
  readonly trace: readonly TraceEvent[];
  readonly messages: readonly NetMessage[];
  /** Rounds of readings, and rounds between the base station's beacon waves. */
  readonly rounds: number;
  readonly period: number;
  /** A mote reads in round r when (r + id) mod readingPeriod = 0 (1: every round). */
  readonly readingPeriod: number;
  /** The mote that failed and the round it failed in, or null when none did. */
  readonly failed: { readonly mote: number; readonly round: number } | null;
  /** What mote m's `sense` of light returned in round r (light / 4 is what it sends). */
  readonly light: (mote: number, round: number) => number;
}

interface Phase {
  readonly from: number;
  readonly to: number;
}

const share = (x: { sent: number; arrived: number }): number | null => (x.sent === 0 ? null : x.arrived / x.sent);

export function routingOracle(r: RoutingRecord): { failures: string[]; details: Record<string, unknown> } {
  const { out, rounds, period, failed } = r;
  const n = out.length;
  const every = Math.max(1, r.readingPeriod);
  const victim = failed?.mote ?? -1;
  const failAt = failed?.round ?? 0;
  const distBefore = hops(out, BASE);
  const depthBefore = Math.max(0, ...distBefore);
  const alive = out.map((_, i) => i !== victim);
  const distAfter = hops(out, BASE, alive);
  const depthAfter = Math.max(0, ...distAfter);
  const nextWave = failed !== null ? 1 + Math.ceil((failAt - 1) / period) * period : rounds + 1;
  // Readings of the last `depth` rounds before the failure may still be crossing the failed mote.
  const before: Phase = { from: 1 + depthBefore, to: failed !== null ? failAt - 1 - depthBefore : rounds };
  const during: Phase = { from: failAt, to: Math.min(rounds, nextWave + depthAfter - 1) };
  const after: Phase = { from: nextWave + depthAfter, to: rounds };

  const failures: string[] = [];
  const arrived = new Map<string, number>();
  for (const e of r.trace) {
    if (e.kind !== 'uart' || e.words[0] !== READING) continue;
    const [, origin, round, reading] = e.words;
    const key = `${origin} ${round}`;
    arrived.set(key, (arrived.get(key) ?? 0) + 1);
    const read = r.light(origin, round) >> 2;
    if (reading !== read) failures.push(`integrity: mote ${origin}'s reading of round ${round} arrived as ${reading}, it read ${read}`);
  }
  for (const [key, count] of arrived) if (count > 1) failures.push(`once: reading "${key}" (mote, round) arrived ${count} times`);
  const ratio = (phase: Phase, dist: ArrayLike<number>): { sent: number; arrived: number } => {
    let sent = 0;
    let got = 0;
    for (let round = phase.from; round <= phase.to; round++) {
      for (let i = 1; i < n; i++) {
        if (dist[i] <= 0 || (i === victim && round >= failAt) || (round + i) % every !== 0) continue;
        sent++;
        if (arrived.has(`${i} ${round}`)) got++;
      }
    }
    return { sent, arrived: got };
  };
  const b = ratio(before, distBefore);
  const d = failed !== null ? ratio(during, distAfter) : { sent: 0, arrived: 0 };
  const a = failed !== null ? ratio(after, distAfter) : { sent: 0, arrived: 0 };
  if (b.arrived < b.sent) failures.push(`delivery before the failure: ${b.arrived} of ${b.sent} readings arrived`);
  if (a.arrived < a.sent) failures.push(`delivery after the repair: ${a.arrived} of ${a.sent} readings arrived`);

  const beaconSends = new Set(r.messages.filter((m) => m.words[0] === BEACON).map((m) => m.transmission)).size;
  return {
    failures,
    details: {
      beaconPeriod: period,
      readingPeriod: every,
      failed: failed?.mote ?? null,
      failedAt: failed?.round ?? null,
      unreachableAfter: distAfter.filter((h, i) => h < 0 && alive[i]).length,
      deliveryBefore: share(b),
      deliveryDuring: share(d),
      deliveryAfter: share(a),
      lostDuring: d.sent - d.arrived,
      beaconMessages: beaconSends,
      beaconMessagesPerRound: beaconSends / rounds,
      dataMessages: new Set(r.messages.filter((m) => m.words[0] === READING).map((m) => m.transmission)).size,
    },
  };
}
