// The oracle of leader election (seed, "Why is Consensus Important": select exactly one leader, and
// every live process knows about it): exactly one mote claims to lead, it has the highest id among
// the live motes, and every live mote names it. For LCR also the message counts of Lynch's analysis:
// n(n+1)/2 election messages when ids decrease along the ring, 2n-1 when they increase, between
// the two otherwise; the announcement takes n more, counted apart.

import { verdict, type Verdict } from './report.js';

export interface ElectionRun {
  readonly ids: readonly number[];
  readonly alive: readonly boolean[];
  /** Motes that wrote "I lead". */
  readonly claims: readonly number[];
  /** The leader id each mote learnt (undefined: none). */
  readonly known: readonly (number | undefined)[];
}

export function electionOracle(run: ElectionRun): Verdict {
  const failures: string[] = [];
  const live = run.ids.map((_, i) => i).filter((i) => run.alive[i]);
  if (live.length === 0) return verdict(['no live mote']);
  const highest = Math.max(...live.map((i) => run.ids[i]));
  if (run.claims.length !== 1) failures.push(`exactly one leader: ${run.claims.length} motes claim to lead (${run.claims.map((i) => run.ids[i]).join(', ')})`);
  for (const i of run.claims) if (run.ids[i] !== highest) failures.push(`highest id: id ${run.ids[i]} claims to lead, the highest live id is ${highest}`);
  const wrong = live.filter((i) => run.known[i] !== highest);
  if (wrong.length > 0) {
    const shown = wrong.slice(0, 5).map((i) => `id ${run.ids[i]} knows ${run.known[i] ?? 'nothing'}`).join(', ');
    failures.push(`everyone knows: ${wrong.length} live motes do not know leader ${highest} (${shown}${wrong.length > 5 ? ', ...' : ''})`);
  }
  return verdict(failures);
}

export type RingOrder = 'best' | 'worst' | 'random';

/** LCR's election messages: exact in the best and worst orders, between them otherwise (Lynch 3.3.2). */
export function lcrCountFailures(n: number, order: RingOrder, messages: number, announceMessages: number): string[] {
  const worst = (n * (n + 1)) / 2;
  const best = 2 * n - 1;
  const failures: string[] = [];
  if (order === 'worst' && messages !== worst) failures.push(`messages: ${messages} election messages, the worst order takes n(n+1)/2 = ${worst}`);
  if (order === 'best' && messages !== best) failures.push(`messages: ${messages} election messages, the best order takes 2n-1 = ${best}`);
  if (order === 'random' && (messages < best || messages > worst)) failures.push(`messages: ${messages} election messages, outside 2n-1 = ${best} .. n(n+1)/2 = ${worst}`);
  if (announceMessages !== n) failures.push(`announceMessages: ${announceMessages}, the announcement goes round once: ${n}`);
  return failures;
}
