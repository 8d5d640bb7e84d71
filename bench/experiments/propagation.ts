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
}

/** Coverage is sampled this often (ns) for the half and nine-tenths marks. */
const SAMPLE_NS = NS_PER_SECOND / 10;

export function runPropagation(job: PropagationJob): PropagationResult {
  const world = buildWorld({ topology: `grid:${job.side}x${job.side}`, spacing: job.spacing, radio: 'empirical', seed: job.seed });
  if (!world.ok) throw new Error(`propagation: ${world.error}`);
  const radio = job.collisions ? world.radio : { ...world.radio, collisions: false };
  const trickle = defaultTrickleParams;
  const imax = imaxOf(trickle);
  const dissemination = createDissemination({ trickle, replyDelay: job.replyDelayNs, motes: world.topology.n });
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
  const before = { summaries: dissemination.maintenance(injectAt).summaries, collisions: network.summary().radio.collisions };

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
  return {
    coveredAfter: report.coveredAt === null ? null : report.coveredAt - injectAt / NS_PER_SECOND,
    halfAfter,
    mostAfter,
    coverage: report.coverage,
    transmissions: report.transmissions,
    summaries: dissemination.maintenance(end).summaries - before.summaries,
    collisions: network.summary().radio.collisions - before.collisions,
    hops: hopsAcross(world.radio.links, 0),
    etx: etxAcross(world.radio.links, 0),
  };
}
