// The worker thread of the experiment pool (pool.ts): runs each job it is sent and posts the result.
// It is started from the compiled dist/bench/experiments/worker.js (`npm run bench` builds first).

import { parentPort } from 'node:worker_threads';
import { runJob, type Job, type JobResult } from './jobs.js';
import type { WorkerReply, WorkerTask } from './pool.js';

const port = parentPort;
if (port === null) throw new Error('bench/experiments/worker.js runs only as a worker thread');

port.on('message', (task: WorkerTask<Job>) => {
  let reply: WorkerReply<JobResult>;
  try {
    reply = { index: task.index, result: runJob(task.job) };
  } catch (error) {
    reply = { index: task.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
