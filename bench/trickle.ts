// `mote bench trickle`: the Trickle paper's experiments (Levis et al., NSDI 2004; SPEC 8) on the
// simulator: propagation across a 400-mote grid, maintenance scaling with density, and the cost of a
// stable network. Each setting runs once per seed (--runs seeds), spread over the machine's cores on
// worker threads; tables give mean and spread over seeds, and each experiment writes its own CSV and
// SVG under bench/results/.

import { assemble } from '../assembler/assemble.js';
import { shippedCapsule } from '../cli/paths.js';
import { readInput } from '../cli/load-capsule.js';
import type { Capsule } from '../vm/capsule.js';
import { costJobs, costOutput } from './experiments/cost-experiment.js';
import type { ExperimentOutput, ExperimentSize } from './experiments/experiment.js';
import { runJobs } from './experiments/jobs.js';
import { propagationJobs, propagationOutput } from './experiments/propagation-experiment.js';
import { scalingJobs, scalingOutput } from './experiments/scaling-experiment.js';
import { hostSeconds, machineInfo, type MeasureOptions } from './harness.js';
import { paperJobs, paperOutput } from './experiments/paper-experiment.js';
import type { Benchmark, BenchReport } from './report.js';

/** The capsule the paper's propagation runs carry: one that fits a single packet (a classic capsule). */
const CAPSULE_FILE = 'cnt_to_leds.mate';

function propagationCapsule(): Capsule {
  const file = shippedCapsule(CAPSULE_FILE);
  const result = assemble(readInput(file).toString('utf8'), file);
  if (!result.ok) throw new Error(`${file} does not assemble`);
  return result.capsule;
}

/** Seeds a setting in the paper experiment unless --runs says otherwise (the issue's 10). */
export const PAPER_SEEDS = 10;

/** `--paper`: the propagation experiment as the paper ran it, and its ablation (paper-experiment.ts). */
async function runPaper(options: MeasureOptions, started: number): Promise<BenchReport> {
  const size: ExperimentSize = { seeds: Array.from({ length: Math.max(1, options.runs) }, (_, i) => i + 1), quick: options.quick };
  const planned = paperJobs(size, propagationCapsule());
  const ran = await runJobs(planned.jobs, machineInfo().cores);
  const output = paperOutput(planned, ran.results);
  const wallSeconds = hostSeconds() - started;
  return {
    name: 'trickle',
    title: "the Trickle paper's propagation as it ran it: TOSSIM-bit radio, Maté's answering rule, and what each choice is worth",
    json: { paper: output.json, seeds: size.seeds.length, quick: size.quick, workers: ran.workers, simulations: planned.jobs.length, wallSeconds },
    rows: output.rows,
    chart: { title: 'Trickle propagation (TOSSIM-bit, Maté): seconds until all 400 motes have the code', unit: 'seconds', rows: output.rows.map((r) => r.label), log: false },
    notes: [
      `${size.seeds.length} seed${size.seeds.length === 1 ? '' : 's'} a setting, ${planned.jobs.length} simulations; ` +
        `${ran.workers > 0 ? `${ran.workers} worker threads` : 'on this thread'}; ${wallSeconds.toFixed(1)} s`,
      ...output.notes,
    ],
    tables: [output.table],
    files: output.files,
  };
}

export async function runTrickle(options: MeasureOptions): Promise<BenchReport> {
  const started = hostSeconds();
  if (options.paper === true) return runPaper(options, started);
  const size: ExperimentSize = { seeds: Array.from({ length: Math.max(1, options.runs) }, (_, i) => i + 1), quick: options.quick };
  const threads = machineInfo().cores;
  const propagation = propagationJobs(size, propagationCapsule());
  const scaling = scalingJobs(size);
  const cost = costJobs(size);
  const ran = {
    propagation: await runJobs(propagation, threads),
    cell: await runJobs(scaling.cell, threads),
    network: await runJobs(scaling.network, threads),
    cost: await runJobs(cost, threads),
  };
  const outputs: Record<'propagation' | 'scaling' | 'cost', ExperimentOutput> = {
    propagation: propagationOutput(propagation, ran.propagation.results),
    scaling: scalingOutput(scaling.cell, ran.cell.results, scaling.network, ran.network.results),
    cost: costOutput(cost, ran.cost.results),
  };
  const all = Object.values(outputs);
  const workers = Math.max(...Object.values(ran).map((r) => r.workers));
  const wallSeconds = hostSeconds() - started;
  const rows = all.flatMap((o) => o.rows);
  return {
    name: 'trickle',
    title: "the Trickle paper's experiments on the simulator: propagation, maintenance scaling, cost",
    json: {
      propagation: outputs.propagation.json,
      scaling: outputs.scaling.json,
      cost: outputs.cost.json,
      seeds: size.seeds.length,
      quick: size.quick,
      workers,
      simulations: propagation.length + scaling.cell.length + scaling.network.length + cost.length,
      wallSeconds,
    },
    rows,
    chart: { title: 'Trickle propagation: seconds until all 400 motes have the code', unit: 'seconds', rows: outputs.propagation.rows.map((r) => r.label), log: false },
    notes: [
      `${size.seeds.length} seed${size.seeds.length === 1 ? '' : 's'} a setting; ` +
        `${workers > 0 ? `${workers} worker threads` : 'on this thread (no compiled worker: run from dist/ for threads)'}; ${wallSeconds.toFixed(1)} s`,
      ...all.flatMap((o) => o.notes),
    ],
    tables: all.map((o) => o.table),
    files: all.flatMap((o) => o.files),
  };
}

export const trickleBenchmark: Benchmark = {
  name: 'trickle',
  description: "the Trickle paper's propagation, scaling and cost experiments, several seeds on all cores",
  run: runTrickle,
};
