// The worker thread of `mote sweep` (run by the pool of bench/experiments/pool.ts): a batch of points a task.
// It is started from the compiled dist/cli/sweep/worker.js.

import type { WorkerReply, WorkerTask } from '../../bench/experiments/pool.js';
import { runPoint, type PointTask } from './run-point.js';
import type { PointLine } from './store.js';

/** Runs a batch of points one after another (the engine sizes batches so short points share a trip). */
export default async function runTask(task: WorkerTask<PointTask[]>): Promise<WorkerReply<PointLine[]>> {
  const lines: PointLine[] = [];
  for (const point of task.job) lines.push(await runPoint(point));
  return { index: task.index, result: lines };
}
