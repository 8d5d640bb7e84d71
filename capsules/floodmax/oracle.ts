// The oracle of leader election (seed, "Why is Consensus Important": select exactly one leader, and
// every live process knows about it): exactly one mote claims to lead, it has the highest id among
// the live motes, and every live mote names it; across a gap (asked for), the same in every
// connected component of live motes. For LCR also the message counts of Lynch's analysis:
// n(n+1)/2 election messages when ids decrease along the ring, 2n-1 when they increase, between
// the two otherwise; the announcement takes n more, counted apart.

import { verdict, type Verdict } from '../../sim/algo/report.js';

export interface ElectionRun {
  readonly ids: readonly number[];
  readonly alive: readonly boolean[];
  /** Motes that wrote "I lead". */
  readonly claims: readonly number[];
  /** The leader id each mote learnt (undefined: none). */
  readonly known: readonly (number | undefined)[];
  /**
   * The component of each mote (FloodMax across a gap, issue 17): then each component of live motes
   * must elect its own highest id, known to all of it. Absent: the live motes elect one leader.
   */
  readonly components?: ArrayLike<number>;
}

const SHOWN = 5;

function list(items: readonly (string | number)[]): string {
  return `${items.slice(0, SHOWN).join(', ')}${items.length > SHOWN ? ', ...' : ''}`;
}

/** The three checks over one group of live motes; `where` names the group in the failures. */
function judge(run: ElectionRun, live: readonly number[], where: string): string[] {
  const failures: string[] = [];
  const highest = Math.max(...live.map((i) => run.ids[i]));
  const members = new Set(live);
  const claims = run.components === undefined ? run.claims : run.claims.filter((i) => members.has(i));
  const claimIds = claims.map((i) => run.ids[i]);
  if (claims.length !== 1) failures.push(`exactly one leader${where}: ${claims.length} motes claim to lead (${list(claimIds)})`);
  const wrong = claimIds.filter((id) => id !== highest);
  if (wrong.length === 1) failures.push(`highest id${where}: id ${wrong[0]} claims to lead, the highest live id is ${highest}`);
  else if (wrong.length > 1) failures.push(`highest id${where}: ids ${list(wrong)} claim to lead, the highest live id is ${highest}`);
  const unaware = live.filter((i) => run.known[i] !== highest);
  if (unaware.length > 0) {
    const shown = unaware.map((i) => `id ${run.ids[i]} knows ${run.known[i] ?? 'nothing'}`);
    failures.push(`everyone knows${where}: ${unaware.length} live motes do not know leader ${highest} (${list(shown)})`);
  }
  return failures;
}

export function electionOracle(run: ElectionRun): Verdict {
  const live = run.ids.map((_, i) => i).filter((i) => run.alive[i]);
  if (live.length === 0) return verdict(['no live mote']);
  const { components } = run;
  if (components === undefined) return verdict(judge(run, live, ''));
  const groups = new Map<number, number[]>();
  for (const i of live) groups.set(components[i], [...(groups.get(components[i]) ?? []), i]);
  if (groups.size === 1) return verdict(judge(run, live, ''));
  const failures = [...groups.values()].flatMap((group) => judge(run, group, ` in the component of ids ${list(group.map((i) => run.ids[i]))}`));
  return verdict(failures);
}
