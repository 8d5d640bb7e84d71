// LCR leader election (capsules/lcr/) on the full emulator: a one-way ring of radio links (radio.ts),
// the reliable link layer (acknowledged, FIFO, exactly once) under the `async` timing model, every
// mote starting at its first clock firing. The ring order decides the ids met along the way, as on
// the tick network (ringIds): position p holds the mote whose id is ringIds(...)[p] - 1. The run goes
// on until no message is in flight. Judged by election-oracle.ts, message counts included.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { electionOracle } from '../floodmax/oracle.js';
import { lcrCountFailures, type RingOrder } from './oracle.js';
import { ringIds } from './tick.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { FullRun, type FullOptions } from '../../sim/algo/full/emulator.js';
import { ringRadio } from '../../sim/algo/full/radio.js';

export interface LcrFullOptions extends Pick<FullOptions, 'avrMotes'> {
  readonly capsules: readonly Capsule[];
  readonly n: number;
  readonly order: RingOrder;
  readonly seed: number;
  readonly profile?: CostProfile;
}

/** Rounds run between checks for messages still in flight. */
const CHECK_ROUNDS = 10;

export function lcrFullRun(options: LcrFullOptions): { report: AlgoReport; run: FullRun } {
  const { n } = options;
  const order = ringIds(n, options.order, options.seed).map((id) => id - 1);
  const { topology, radio } = ringRadio(order);
  const run = new FullRun({ topology, radio, seed: options.seed, timing: 'async', linkLayer: 'reliable', capsules: options.capsules, profile: options.profile, avrMotes: options.avrMotes });
  // The acknowledgement crosses the reverse link (reliable.ts), which a one-way ring lacks: a link
  // override gives it a perfect way back without adding a data link (the link table stays one-way).
  order.forEach((src, p) => run.net.fault({ at: 0, kind: 'link', a: order[(p + 1) % n], b: src, both: false, prr: 1 }));
  // Each hop takes at most a few rounds (3 of delay, retransmissions aside): n hops twice round, with room.
  const limit = 9 * n + 2 * CHECK_ROUNDS;
  let round = CHECK_ROUNDS;
  run.runThrough(round);
  while (run.undelivered > 0 && round < limit) run.runThrough((round += CHECK_ROUNDS));
  const stuck = run.undelivered;
  run.close();
  const claims: number[] = [];
  const known = new Array<number | undefined>(n).fill(undefined);
  for (const e of run.trace) {
    if (e.kind !== 'uart') continue;
    const [kind, leader] = e.words;
    if (kind === 1) {
      known[e.mote] = leader;
      claims.push(e.mote);
    } else if (kind === 2) known[e.mote] = leader;
  }
  const ids = Array.from({ length: n }, (_, i) => i);
  const alive = new Array<boolean>(n).fill(true);
  const election = run.messages.filter((m) => m.words[0] === 1).length;
  const announce = run.messages.filter((m) => m.words[0] === 2).length;
  const failures = stuck > 0 ? [`termination: ${stuck} messages still undelivered after ${round} rounds`] : [];
  failures.push(...run.faultFailures((m) => `id ${m}`), ...electionOracle({ ids, alive, claims, known }).failures, ...lcrCountFailures(n, options.order, election, announce));
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'lcr',
    ...verdict(failures),
    motes: n,
    rounds: round,
    ...totals,
    messages: election,
    details: {
      network: 'full',
      order: options.order,
      timing: 'async',
      announceMessages: announce,
      leader: claims,
      radioTransmissions: run.net.stats.transmissions,
      retransmissions: run.net.stats.retransmissions,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
