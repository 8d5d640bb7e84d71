// The experiments' unit of work: one simulation with one seed, described by plain data so that it gives
// the same result on any thread. A sweep plan's `run: experiment KIND` point is one (job-flags.ts), and
// `mote sweep`'s engine spreads them over the machine's cores.

import { runCell, runMaintenance, type CellJob, type CellResult, type MaintenanceJob, type MaintenanceResult } from './maintenance.js';
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
