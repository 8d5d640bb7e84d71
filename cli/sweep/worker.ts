// The worker thread of `mote sweep` (run by the pool of bench/experiments/pool.ts): one point a task.
// It is started from the compiled dist/cli/sweep/worker.js.

import type { WorkerReply, WorkerTask } from '../../bench/experiments/pool.js';
import { runPoint, type PointTask } from './run-point.js';
import type { PointLine } from './store.js';

export default async function runTask(task: WorkerTask<PointTask>): Promise<WorkerReply<PointLine>> {
  return { index: task.index, result: await runPoint(task.job) };
}
