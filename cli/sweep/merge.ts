// `mote sweep merge DIR...`: joins the points of shard folders (or one folder shards shared) into one
// summary, the same bytes as one unsharded run of the plan gives, since both come from summary.ts.

import { UserError } from '../io.js';
import { writeSummary } from './engine.js';
import { expandPoints, type Plan } from './plan.js';
import { claimFolder, latestByPoint, planDifference, readFolderPoints, readStoredPlan } from './store.js';

export interface MergeOutcome {
  readonly points: number;
  readonly finished: number;
  readonly failed: number;
  readonly missing: number;
  readonly files: readonly string[];
}

export function mergeFolders(dirs: readonly string[], out: string): MergeOutcome {
  let plan: Plan | undefined;
  let first = '';
  for (const dir of dirs) {
    const here = readStoredPlan(dir);
    if (here === undefined) throw new UserError(`${dir}: no plan.json here: not a sweep's output folder`);
    if (plan === undefined) {
      plan = here;
      first = dir;
      continue;
    }
    const difference = planDifference(plan, here);
    if (difference !== undefined) throw new UserError(`${dir}: holds another plan than ${first} (${difference.replace(' there,', ` in ${first},`).replace(/ here$/, ` in ${dir}`)})`);
  }
  if (plan === undefined) throw new UserError('sweep merge needs at least one folder');
  claimFolder(out, plan);
  const lines = dirs.flatMap((d) => readFolderPoints(d));
  const latest = latestByPoint(lines);
  const points = expandPoints(plan).length;
  const failed = [...latest.values()].filter((l) => l.error !== undefined).length;
  const files = writeSummary(out, plan, lines);
  return { points, finished: latest.size - failed, failed, missing: points - latest.size, files };
}
