// The oracle of TinyDB-style in-network aggregation (Madden et al., OSDI 2002), for either network
// (aggregate.ts on the tick network, full/aggregate.ts on the emulator): each epoch's answer at the
// base station, the [3, sum, count] it wrote to its serial port, equals the sum and count of the
// readings the motes took in that epoch (light / 4), every reachable mote counted once; and the
// partials it cost against shipping every reading to the base station (one transmission per hop).

import type { NetMessage, TraceEvent } from '../../sim/algo/tick-network.js';

export const PARTIAL = 3;

export interface AggregateRecord {
  /** Hops from the base station of each mote (-1: unreachable). */
  readonly dist: ArrayLike<number>;
  readonly epochs: number;
  /** Rounds in an epoch; epoch k holds rounds k x period + 1 .. (k + 1) x period. */
  readonly period: number;
  readonly trace: readonly TraceEvent[];
  readonly messages: readonly NetMessage[];
  /** Every `sense` a mote did: the round it fell in and the light it read (0..1023). */
  readonly readings: readonly { readonly mote: number; readonly round: number; readonly value: number }[];
}

export function aggregateOracle(r: AggregateRecord): { failures: string[]; details: Record<string, unknown> } {
  const { epochs, period } = r;
  const dist = Array.from(r.dist);
  const failures: string[] = [];
  const answers = r.trace.flatMap((e) => (e.kind === 'uart' && e.words[0] === PARTIAL ? [{ sum: e.words[1], count: e.words[2] }] : []));
  if (answers.length !== epochs) failures.push(`answers: ${answers.length} epochs answered, ${epochs} ran`);
  const reachable = dist.filter((h) => h >= 0).length;
  answers.forEach((answer, k) => {
    const taken = r.readings.filter((x) => x.round > k * period && x.round <= (k + 1) * period);
    const sum = taken.reduce((a, x) => a + (x.value >> 2), 0);
    const motes = new Set(taken.map((x) => x.mote)).size;
    if (answer.count !== taken.length || answer.sum !== sum)
      failures.push(`epoch ${k}: the base station averaged ${answer.sum}/${answer.count}, the motes read ${sum}/${taken.length}`);
    if (motes !== taken.length || taken.length !== reachable) failures.push(`epoch ${k}: ${taken.length} readings from ${motes} motes, ${reachable} reachable`);
  });
  const partials = r.messages.filter((m) => m.words[0] === PARTIAL).length;
  const shipping = dist.reduce((a, h) => a + Math.max(0, h), 0);
  const last = answers[answers.length - 1];
  return {
    failures,
    details: {
      epochs,
      epochRounds: period,
      average: last === undefined || last.count === 0 ? null : last.sum / last.count,
      aggregateMessagesPerEpoch: partials / epochs,
      shippingMessagesPerEpoch: shipping,
      beaconMessagesPerEpoch: new Set(r.messages.filter((m) => m.words[0] === 1).map((m) => m.transmission)).size / epochs,
    },
  };
}
