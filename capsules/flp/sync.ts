// The contrast of the lecture (seed, backup slides "Consensus in a Synchronous System"; SPEC 6): the
// same capsules in the synchronous model decide within a bound. Lock-step rounds on the tick network
// of sim/algo: round 0 fires every clock (the start); each later round delivers what the last one sent
// and fires every clock again, which is the round's timeout, so a step ends with every message of the
// live motes in it (the quorum is out of reach: protocol.ts). At most one mote crashes, in any round,
// its last broadcast reaching any subset of the others. Every such run is tried.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { TickNetwork } from '../../sim/algo/tick-network.js';
import { inputsOf } from './explore.js';
import { flpConfig, readMote } from './protocol.js';

/**
 * Lock-step rounds by which every live mote has decided, f = 1: 2(f + 1), the f + 1 rounds of the
 * lecture's flood-set, each a Ben-Or round of two steps. A crash while the inputs go out (round 0)
 * can give the live motes different views, hence different proposals (v or blank), but every live
 * proposal reaches every live mote, so all adopt one value (v, or the coin) and decide it after the
 * next two steps (round 4). A crash after a clean round 0 finds the live motes with equal views and
 * equal proposals: they decide at round 2, or take the coin together and decide at round 4.
 */
export const SYNC_ROUND_BOUND = 4;

export interface SyncCrash {
  readonly mote: number;
  /** The round in which it crashes: its broadcast of that round reaches only `reach`. */
  readonly round: number;
  readonly reach: readonly number[];
}

export interface SyncRun {
  readonly inputs: readonly number[];
  readonly crash: SyncCrash | null;
  /** Per mote: the decision and the round it was taken in; null if none (or crashed before). */
  readonly decisions: ({ readonly value: number; readonly round: number } | null)[];
}

export interface SyncSummary {
  readonly runs: number;
  readonly bound: number;
  /** The latest round in which a live mote decided, over every run. */
  readonly latest: number;
  /** A run that decided that late. */
  readonly slowest: SyncRun;
  /** Termination within the bound, agreement and validity, one line per broken run (at most 10). */
  readonly failures: string[];
}

export function syncRun(capsules: readonly Capsule[], inputs: readonly number[], crash: SyncCrash | null, rounds: number, profile?: CostProfile): SyncRun {
  const n = inputs.length;
  const net = new TickNetwork({
    ids: inputs.map((_, i) => i),
    out: inputs.map((_, i) => inputs.map((_, j) => j).filter((j) => j !== i)),
    capsules,
    config: (i) => flpConfig(inputs[i], n, 'sync'),
    delay: () => 0,
    broadcast: 'radio',
    reach: (src, dst, tick) => crash === null || src !== crash.mote || tick !== crash.round || crash.reach.includes(dst),
    profile,
    seed: 0,
  });
  const decisions: SyncRun['decisions'] = inputs.map(() => null);
  for (let round = 0; round <= rounds; round++) {
    if (round > 0) net.step();
    for (let i = 0; i < n; i++) net.fire(i);
    if (crash !== null && crash.round === round) net.crash(crash.mote);
    for (let i = 0; i < n; i++) {
      const d = readMote(net.vms[i].inspect()).decision;
      if (d >= 0 && decisions[i] === null) decisions[i] = { value: d, round };
    }
  }
  const trapped = net.stats.findIndex((s) => s.traps.length > 0);
  if (trapped >= 0) throw new Error(`mote ${trapped} trapped: ${net.stats[trapped].traps[0].reason}`);
  return { inputs, crash, decisions };
}

function* crashPlans(n: number, rounds: number): Generator<SyncCrash | null> {
  yield null;
  for (let mote = 0; mote < n; mote++) {
    const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== mote);
    for (let round = 0; round <= rounds; round++) {
      for (let subset = 0; subset < 1 << others.length; subset++) {
        yield { mote, round, reach: others.filter((_, k) => (subset >> k) & 1) };
      }
    }
  }
}

export function syncExplore(capsules: readonly Capsule[], motes: number, profile?: CostProfile): SyncSummary {
  const rounds = SYNC_ROUND_BOUND + 2;
  let runs = 0;
  let latest = -1;
  let slowest: SyncRun | undefined;
  const failures: string[] = [];
  for (let bits = 0; bits < 1 << motes; bits++) {
    const inputs = inputsOf(bits, motes);
    for (const crash of crashPlans(motes, SYNC_ROUND_BOUND)) {
      const run = syncRun(capsules, inputs, crash, rounds, profile);
      runs++;
      const live = run.decisions.filter((_, i) => crash === null || i !== crash.mote);
      for (const d of live) {
        if (d !== null && d.round > latest) {
          latest = d.round;
          slowest = run;
        }
      }
      const problem = judge(run, live);
      if (problem !== null && failures.length < 10) failures.push(`inputs ${inputs.join('')}${crash === null ? '' : `, mote ${crash.mote} crashing in round ${crash.round} reaching [${crash.reach.join(',')}]`}: ${problem}`);
    }
  }
  return { runs, bound: SYNC_ROUND_BOUND, latest, slowest: slowest ?? { inputs: [], crash: null, decisions: [] }, failures };
}

function judge(run: SyncRun, live: SyncRun['decisions']): string | null {
  if (live.some((d) => d === null || d.round > SYNC_ROUND_BOUND)) return `a live mote had not decided by round ${SYNC_ROUND_BOUND}`;
  const values = new Set(run.decisions.flatMap((d) => (d === null ? [] : [d.value])));
  if (values.size > 1) return 'agreement broken';
  const [value] = values;
  if (run.inputs.every((x) => x === run.inputs[0]) && value !== run.inputs[0]) return 'validity broken';
  return null;
}
