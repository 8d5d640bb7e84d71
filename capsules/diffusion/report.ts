// What a Directed Diffusion run reports on either network (diffusion-compare.ts on the tick network,
// full/diffusion.ts on the mote emulator): the oracle (diffusion-oracle.ts) fed from the scenario and
// the run's record, the report's details, and a run's cost per delivered event. Both networks record
// in the same shapes (TraceEvent, NetMessage), so both are judged by the same code.

import type { DiffusionRun, DiffusionScenario } from './tick.js';
import { diffusionOracle, EVENT, type DiffusionFigures } from './oracle.js';
import type { Measures } from '../../sim/algo/report.js';
import { BASE } from '../tree/oracle.js';
import type { NetMessage, TraceEvent } from '../../sim/algo/tick-network.js';

/** What a run recorded: the tick network and FullRun both have these. */
export interface DiffusionRecord {
  readonly trace: readonly TraceEvent[];
  readonly messages: readonly NetMessage[];
}

/** A run's cost, rounded for the report: every transmission and the energy of every mote. */
export interface Cost {
  /** Distinct events the sink got, excused ones included. */
  readonly delivered: number;
  readonly messages: number;
  readonly millijoules: number;
  readonly messagesPerEvent: number | null;
  readonly millijoulesPerEvent: number | null;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The oracle on one run; `reinforce` false for the flooding baseline. */
export function judgeDiffusion(scenario: DiffusionScenario, record: DiffusionRecord, failed: DiffusionRun['failed'], reinforce: boolean): ReturnType<typeof diffusionOracle> {
  return diffusionOracle({
    out: scenario.out,
    threshold: scenario.threshold,
    interval: scenario.interval,
    period: scenario.period,
    rounds: scenario.rounds,
    light: scenario.light,
    trace: record.trace,
    messages: record.messages,
    failed,
    reinforce,
    focus: scenario.sources[0] ?? -1,
  });
}

/** Distinct matching events written to the sink's serial port. */
function deliveredEvents(record: DiffusionRecord, scenario: DiffusionScenario): number {
  const seen = new Set<string>();
  for (const e of record.trace) {
    if (e.kind !== 'uart' || e.mote !== BASE || e.words[0] !== EVENT) continue;
    if (scenario.light(e.words[1], e.words[2]) > scenario.threshold) seen.add(`${e.words[1]} ${e.words[2]}`);
  }
  return seen.size;
}

/** Messages and energy of a run (its network's own measures) per event the sink got. */
export function cost(record: DiffusionRecord, measures: Measures, scenario: DiffusionScenario): Cost {
  const delivered = deliveredEvents(record, scenario);
  const mj = measures.energy * 1e3;
  return {
    delivered,
    messages: measures.messages,
    millijoules: round(mj, 3),
    messagesPerEvent: delivered === 0 ? null : round(measures.messages / delivered, 2),
    millijoulesPerEvent: delivered === 0 ? null : round(mj / delivered, 3),
  };
}

/** The report's details from the scenario, the failure and the oracle's figures. */
export function diffusionDetails(scenario: DiffusionScenario, failed: DiffusionRun['failed'], figures: DiffusionFigures): Record<string, unknown> {
  return {
    sources: scenario.sources,
    threshold: scenario.threshold,
    interval: scenario.interval,
    interestPeriod: scenario.period,
    failed: failed?.mote ?? null,
    failedAt: failed?.round ?? null,
    eventsRequired: figures.required,
    eventsDelivered: figures.delivered,
    lostDuring: figures.lostDuring,
    repairedAt: figures.repairedAt,
    pathBefore: figures.pathBefore,
    pathAfter: figures.pathAfter,
    onePathEvents: figures.onePath,
    floodedEvents: figures.flooded,
    messagesByKind: { interest: figures.interests, exploratory: figures.exploratory, reinforced: figures.reinforced, reinforcement: figures.reinforcements },
  };
}
