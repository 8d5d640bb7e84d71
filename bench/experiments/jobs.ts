// The experiments' unit of work: one simulation with one seed, described by plain data so that it can
// be posted to a worker thread (structured clone) and give the same result on any thread; and the
// runner that spreads a batch of them over the machine's cores.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCell, runMaintenance, type CellJob, type CellResult, type MaintenanceJob, type MaintenanceResult } from './maintenance.js';
import { runOnWorkers } from './pool.js';
import { runPropagation, type PropagationJob, type PropagationResult } from './propagation.js';

export type Job = PropagationJob | CellJob | MaintenanceJob;
export type JobResult = PropagationResult | CellResult | MaintenanceResult;

export function runJob(job: Job): JobResult {
  switch (job.kind) {
    case 'propagation':
      return runPropagation(job);
    case 'cell':
      return runCell(job);
    case 'maintenance':
      return runMaintenance(job);
  }
}

export type ResultOf<J extends Job> = J extends PropagationJob ? PropagationResult : J extends CellJob ? CellResult : MaintenanceResult;

/** The compiled worker beside this module; it exists only under dist/ (from TypeScript sources there is none). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_URL));
}

/**
 * Runs the jobs on `threads` worker threads when the compiled worker is there (npm run bench), else
 * one after another on this thread (vitest runs the sources); the results are the same either way.
 * Returns them in job order, with the number of worker threads used (0: this thread).
 */
export async function runJobs<J extends Job>(jobs: readonly J[], threads: number): Promise<{ results: ResultOf<J>[]; workers: number }> {
  if (threads > 1 && jobs.length > 1 && workersAvailable()) {
    const results = await runOnWorkers<J, ResultOf<J>>(jobs, WORKER_URL, threads);
    return { results, workers: Math.min(threads, jobs.length) };
  }
  return { results: jobs.map((job) => runJob(job) as ResultOf<J>), workers: 0 };
}
