// The worker module of the experiment pool (pool.ts): runs each job it is sent and returns the reply.
// It is started from the compiled dist/bench/experiments/worker.js (`npm run bench` builds first).

import { runJob, type Job, type JobResult } from './jobs.js';
import type { WorkerReply, WorkerTask } from './pool.js';

export default function runTask(task: WorkerTask<Job>): WorkerReply<JobResult> {
  try {
    return { index: task.index, result: runJob(task.job) };
  } catch (error) {
    return { index: task.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
