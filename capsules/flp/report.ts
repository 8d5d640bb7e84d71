// What `mote flp` reports (issue 10, "FLP, explored"): the configuration graph's size and the time
// it took, the valency counts, a bivalent initial configuration with its two neighbours, the
// adversary's bivalent schedule, and the synchronous contrast. The clock is passed in: the time is a
// measurement of the host, never an input to the exploration.

import type { Capsule } from '../../vm/capsule.js';
import { bivalentSchedule, type ScheduleStep } from './adversary.js';
import { initialConfiguration } from './configuration.js';
import { explore, valencyCounts } from './explore.js';
import { bivalentInitial, type InitialConfiguration, type Neighbour } from './lemma.js';
import { SKEW } from './protocol.js';
import { syncExplore, type SyncSummary } from './sync.js';

export interface FlpOptions {
  readonly capsules: readonly Capsule[];
  readonly motes: number;
  /** Length of the adversary's schedule. */
  readonly steps: number;
  /** Milliseconds from any origin, for exploreMs. */
  readonly now: () => number;
  /** Also try every synchronous run (default true). */
  readonly sync?: boolean;
}

export interface FlpReport {
  readonly motes: number;
  /** Nodes of the configuration graph (configuration.ts says what one node stands for). */
  readonly configurations: number;
  readonly edges: number;
  readonly exploreMs: number;
  readonly valency: ReturnType<typeof valencyCounts>;
  /** Steps a live mote may run ahead of another (protocol.ts). */
  readonly skew: number;
  /** Distinct mote states, and the VM runs that found their transitions. */
  readonly moteStates: number;
  readonly vmRuns: number;
  /** Initial configurations, all zeros to all ones, one input changed at a time. */
  readonly chain: InitialConfiguration[];
  readonly bivalentInitial: InitialConfiguration | null;
  readonly neighbours: Neighbour[];
  readonly schedule: ScheduleStep[];
  /** Critical events the adversary held back in the schedule. */
  readonly heldBack: number;
  /** Why the schedule is shorter than asked, if it is. */
  readonly stuck?: string;
  readonly sync?: SyncSummary;
}

export function flpReport(options: FlpOptions): FlpReport {
  const started = options.now();
  const graph = explore({ capsules: options.capsules, motes: options.motes });
  const exploreMs = Math.round(options.now() - started);
  const lemma = bivalentInitial(graph);
  const run = lemma === null ? null : bivalentSchedule(graph, initialConfiguration(graph.machine, lemma.bivalent.inputs), options.steps);
  return {
    motes: options.motes,
    configurations: graph.nodes.length,
    edges: graph.edges,
    exploreMs,
    valency: valencyCounts(graph),
    skew: SKEW,
    moteStates: graph.machine.size,
    vmRuns: graph.machine.vmRuns,
    chain: lemma?.chain ?? [],
    bivalentInitial: lemma?.bivalent ?? null,
    neighbours: lemma?.neighbours ?? [],
    schedule: run?.steps ?? [],
    heldBack: run?.heldBack ?? 0,
    ...(run?.stuck === undefined ? {} : { stuck: run.stuck }),
    ...(lemma === null ? { stuck: 'no initial configuration is bivalent' } : {}),
    ...(options.sync === false ? {} : { sync: syncExplore(options.capsules, options.motes) }),
  };
}
