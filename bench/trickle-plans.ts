// The Trickle benchmark's experiments as sweep plans (bench/plans/trickle/*.yaml, `run: experiment
// KIND`): one plan run through `mote sweep`'s engine (cli/sweep/engine.ts: the tinypool workers, one
// JSON line per point) into a folder of its own, and its merged points read back as the jobs the plan
// describes and the results they gave, in plan order, for the experiment's tables.

import { readFileSync } from 'node:fs';
import type { ResultFile } from './report.js';
import { basename, join } from 'node:path';
import { bufferIo } from '../cli/io.js';
import { packageRoot } from '../cli/paths.js';
import { runSweep, type SweepOutcome } from '../cli/sweep/engine.js';
import { checkExperimentPlan } from '../cli/sweep/flag-check.js';
import { expandPoints, parsePlan, pointFlags, type Plan } from '../cli/sweep/plan.js';
import { latestByPoint, readFolderPoints } from '../cli/sweep/store.js';
import { jobFromFlags, type ExperimentKind } from './experiments/job-flags.js';
import type { ResultOf } from './experiments/jobs.js';
import type { CellJob, MaintenanceJob } from './experiments/maintenance.js';
import type { PropagationJob } from './experiments/propagation.js';

interface JobOf {
  propagation: PropagationJob;
  cell: CellJob;
  maintenance: MaintenanceJob;
}

export const TRICKLE_PLANS = join(packageRoot, 'bench', 'plans', 'trickle');

/** A shipped plan, its quick section applied with --quick, its seed axis 1..seeds (the bench's --runs). */
export function tricklePlan(name: string, options: { readonly quick: boolean; readonly seeds: number }): Plan {
  const file = join(TRICKLE_PLANS, `${name}.yaml`);
  const parsed = parsePlan(readFileSync(file, 'utf8'), file, { quick: options.quick });
  if (!('seed' in parsed.axes)) throw new Error(`${file}: a bench plan needs a seed axis`);
  const plan: Plan = { ...parsed, axes: { ...parsed.axes, seed: Array.from({ length: Math.max(1, options.seeds) }, (_, i) => i + 1) } };
  checkExperimentPlan(plan, file);
  return plan;
}

export interface PlanRun<J extends JobOf[ExperimentKind]> {
  readonly plan: Plan;
  /** Each point's job and result, in plan order, with its axis values. */
  readonly jobs: J[];
  readonly results: ResultOf<J>[];
  readonly axes: Readonly<Record<string, unknown>>[];
  readonly outcome: SweepOutcome;
  /** The engine's summary.csv of the plan (median, iqr, central 95% per cell and value), as trickle-sweep-NAME.csv. */
  readonly summary: ResultFile;
}

/** Runs the plan, of `kind`'s jobs, into `dir` (named after the plan) on `threads` threads; throws with the first failed point's error. */
export async function runPlan<K extends ExperimentKind>(kind: K, plan: Plan, dir: string, threads: number): Promise<PlanRun<JobOf[K]>> {
  if (plan.run.join(' ') !== `experiment ${kind}`) throw new Error(`a bench plan here runs experiment ${kind}, not '${plan.run.join(' ')}'`);
  const outcome = await runSweep({ plan, out: dir, threads, io: bufferIo(false) });
  const latest = latestByPoint(readFolderPoints(dir));
  const points = expandPoints(plan);
  const results = points.map((point) => {
    const line = latest.get(point.index);
    if (line === undefined || line.error !== undefined) {
      throw new Error(`${plan.run.join(' ')} point ${JSON.stringify(point.axes)}: ${line?.error ?? 'did not run'}`);
    }
    return line.values as unknown as ResultOf<JobOf[K]>;
  });
  const summary = { name: `trickle-sweep-${basename(dir)}.csv`, text: readFileSync(join(dir, 'summary.csv'), 'utf8') };
  return { plan, jobs: points.map((p) => jobFromFlags(kind, pointFlags(plan, p)) as JobOf[K]), results, axes: points.map((p) => p.axes), outcome, summary };
}
