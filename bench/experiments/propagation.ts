// Experiment 1 of the Trickle paper (Levis et al., NSDI 2004, section 5; SPEC 8): new code injected at
// a corner of a 20 x 20 grid of motes on the empirical radio, tau_l = 1 s, tau_h = 1 min (64 s: the
// nearest power-of-two multiple, trickle/timer.ts), k = 1. One run: how long until every mote has it,
// and how far across the grid is in hops.
//
// The network is in its maintenance state when the code arrives, as in the paper: motes boot at
// random times over one largest interval, and the code comes two largest intervals later, when every
// timer has grown to tau_h and the phases are scattered.

import { verify } from '../../assembler/verify.js';
import { createDissemination } from '../../sim/dissemination/index.js';
import { buildWorld, createNetwork } from '../../sim/network/index.js';
import { defaultTrickleParams, imaxOf, NS_PER_SECOND } from '../../trickle/index.js';
import type { CapsuleReport } from '../../sim/dissemination/index.js';
import type { Capsule } from '../../vm/capsule.js';
import { etxAcross, hopsAcross } from './hops.js';
import type { TossimChoices } from '../../sim/radio/tossim-radio.js';
import type { Propagation } from '../../sim/dissemination/index.js';

export interface PropagationJob {
  readonly kind: 'propagation';
  /** Motes per side of the square grid (the paper: 20). */
  readonly side: number;
  readonly spacing: number;
  readonly seed: number;
  /** Wait before answering news (ns): the paper's Maté waited 1 s (sim/dissemination/engine.ts). */
  readonly replyDelayNs: number;
  /** False turns collisions off (a test of how much they cost); the empirical model has them. */
  readonly collisions: boolean;
  readonly capsule: Capsule;
  /** How long after the injection to wait for every mote before giving up (ns). */
  readonly horizonNs: number;
  /** Default empirical; tossim with its modelling choices (all on when left out). */
  readonly radio?: 'empirical' | 'tossim';
  readonly tossim?: TossimChoices;
  /** Default rfc6206 (sim/dissemination/engine.ts). */
  readonly propagation?: Propagation;
  /** tau_h = tau_l x 2^doublings; default 6 (64 s, the paper's 1 min). */
  readonly doublings?: number;
}

export interface PropagationResult {
  /** Seconds from the injection until the last mote installed the code; null if it never did. */
  readonly coveredAfter: number | null;
  /** Seconds until half and nine tenths of the motes had it (to the next 0.1 s); null if never. */
  readonly halfAfter: number | null;
  readonly mostAfter: number | null;
  /** Fraction of motes holding the code at the end. */
  readonly coverage: number;
  /** Packets carrying or asking for the code (capsule packets and requests). */
  readonly transmissions: number;
  /** Summaries sent from the injection to the end. */
  readonly summaries: number;
  /** Receptions destroyed by collisions from the injection to the end. */
  readonly collisions: number;
  /** Hops from the injector to the farthest mote over links with PRR >= HOP_MIN_PRR. */
  readonly hops: number;
  /** Expected transmissions from the injector to the farthest mote (the paper's hop count). */
  readonly etx: number;
  /** Depth of the dissemination tree (who gave each mote the code): the hops the code took. */
  readonly treeHops: number;
  /** coveredAfter / treeHops; null if never covered. */
  readonly secondsPerHop: number | null;
  /** Packets of every kind (summaries too) sent from the injection to the end. */
  readonly radioTransmissions: number;
}

/** Coverage is sampled this often (ns) for the half and nine-tenths marks. */
const SAMPLE_NS = NS_PER_SECOND / 10;

export function runPropagation(job: PropagationJob): PropagationResult {
  const world = buildWorld({ topology: `grid:${job.side}x${job.side}`, spacing: job.spacing, radio: job.radio ?? 'empirical', seed: job.seed, tossim: job.tossim });
  if (!world.ok) throw new Error(`propagation: ${world.error}`);
  const radio = job.collisions ? world.radio : { ...world.radio, collisions: false };
  const trickle = { ...defaultTrickleParams, doublings: job.doublings ?? defaultTrickleParams.doublings };
  const imax = imaxOf(trickle);
  const dissemination = createDissemination({ trickle, replyDelay: job.replyDelayNs, motes: world.topology.n, propagation: job.propagation });
  const network = createNetwork({
    topology: world.topology,
    radio,
    seed: job.seed,
    protocol: dissemination.protocolFor,
    verify: (c) => verify(c).ok,
    bootSpreadNs: imax,
  });
  const injectAt = 3 * imax;
  network.inject(0, job.capsule, injectAt);
  network.runUntil(injectAt);
  const radioBefore = network.summary().radio;
  const before = { summaries: dissemination.maintenance(injectAt).summaries, collisions: radioBefore.collisions, transmissions: radioBefore.transmissions };

  let halfAfter: number | null = null;
  let mostAfter: number | null = null;
  let report: CapsuleReport | undefined;
  for (let t = injectAt + SAMPLE_NS; t <= injectAt + job.horizonNs; t += SAMPLE_NS) {
    network.runUntil(t);
    report = dissemination.capsules()[0];
    const seconds = (t - injectAt) / NS_PER_SECOND;
    if (halfAfter === null && report.coverage >= 0.5) halfAfter = seconds;
    if (mostAfter === null && report.coverage >= 0.9) mostAfter = seconds;
    if (report.coveredAt !== null) break;
  }
  if (report === undefined) throw new Error('propagation: the injection never reached the protocol');
  const end = network.now;
  const radioAfter = network.summary().radio;
  const coveredAfter = report.coveredAt === null ? null : report.coveredAt - injectAt / NS_PER_SECOND;
  return {
    coveredAfter,
    halfAfter,
    mostAfter,
    coverage: report.coverage,
    transmissions: report.transmissions,
    summaries: dissemination.maintenance(end).summaries - before.summaries,
    collisions: radioAfter.collisions - before.collisions,
    hops: hopsAcross(world.radio.links, 0),
    etx: etxAcross(world.radio.links, 0),
    treeHops: report.hops,
    secondsPerHop: coveredAfter === null || report.hops === 0 ? null : coveredAfter / report.hops,
    radioTransmissions: radioAfter.transmissions - before.transmissions,
  };
}
