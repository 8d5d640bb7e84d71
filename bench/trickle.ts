// `mote bench trickle`: the Trickle paper's experiments (Levis et al., NSDI 2004; SPEC 8) on the
// simulator: propagation across a 400-mote grid, maintenance scaling with density, and the cost of a
// stable network. Each experiment is a plan in bench/plans/trickle/ run by `mote sweep`'s engine (every
// setting once per seed, --runs seeds, on the machine's cores); the tables come from the merged points
// (mean and spread over seeds), and each experiment writes its own CSV and SVG under bench/results/,
// beside each plan's sweep summary (trickle-sweep-PLAN.csv: median, iqr, central 95% per cell).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costOutput } from './experiments/cost-experiment.js';
import type { ExperimentOutput } from './experiments/experiment.js';
import { paperJobs, paperOutput } from './experiments/paper-experiment.js';
import { propagationOutput } from './experiments/propagation-experiment.js';
import { scalingOutput } from './experiments/scaling-experiment.js';
import { hostSeconds, machineInfo, type MeasureOptions } from './harness.js';
import type { Benchmark, BenchReport } from './report.js';
import { runPlan, tricklePlan } from './trickle-plans.js';

/** Seeds a setting in the paper experiment unless --runs says otherwise (the issue's 10). */
export const PAPER_SEEDS = 10;

/** Runs `body` with a fresh folder for the sweeps' outputs, removed afterwards. */
async function withSweepFolder<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mote-bench-trickle-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Ran {
  readonly outcome: { readonly workers: number; readonly ran: number };
}

function workersNote(seeds: number, runs: readonly Ran[], wallSeconds: number, plans: string): string {
  const workers = Math.max(...runs.map((r) => r.outcome.workers));
  const simulations = runs.reduce((n, r) => n + r.outcome.ran, 0);
  return (
    `${seeds} seed${seeds === 1 ? '' : 's'} a setting, ${simulations} simulations (${plans}, run by the sweep engine); ` +
    `${workers > 0 ? `${workers} worker threads` : 'on this thread (no compiled worker: run from dist/ for threads)'}; ${wallSeconds.toFixed(1)} s`
  );
}

/** `--paper`: the propagation experiment as the paper ran it, and its ablation (paper-experiment.ts). */
async function runPaper(options: MeasureOptions, started: number, dir: string): Promise<BenchReport> {
  const size = { quick: options.quick, seeds: options.runs };
  const threads = machineInfo().cores;
  const names = ['paper', 'paper-tau-h', 'paper-ablation'];
  const runs = [];
  for (const name of names) runs.push(await runPlan('propagation', tricklePlan(name, size), join(dir, name), threads));
  const planned = paperJobs(runs.flatMap((r) => r.jobs), runs.flatMap((r) => r.axes.map((a) => String(a.setting))));
  const output = paperOutput(planned, runs.flatMap((r) => r.results));
  const wallSeconds = hostSeconds() - started;
  const workers = Math.max(...runs.map((r) => r.outcome.workers));
  return {
    name: 'trickle',
    title: "the Trickle paper's propagation as it ran it: TOSSIM-bit radio, Maté's answering rule, and what each choice is worth",
    json: { paper: output.json, seeds: Math.max(1, options.runs), quick: options.quick, workers, simulations: planned.jobs.length, wallSeconds },
    rows: output.rows,
    chart: { title: 'Trickle propagation (TOSSIM-bit, Maté): seconds until all 400 motes have the code', unit: 'seconds', rows: output.rows.map((r) => r.label), log: false },
    notes: [workersNote(Math.max(1, options.runs), runs, wallSeconds, names.map((n) => `${n}.yaml`).join(', ')), ...output.notes],
    tables: [output.table],
    files: [...output.files, ...runs.map((r) => r.summary)],
  };
}

async function runStandard(options: MeasureOptions, started: number, dir: string): Promise<BenchReport> {
  const size = { quick: options.quick, seeds: options.runs };
  const threads = machineInfo().cores;
  const run = <K extends 'propagation' | 'cell' | 'maintenance'>(kind: K, name: string) => runPlan(kind, tricklePlan(name, size), join(dir, name), threads);
  const propagation = await run('propagation', 'propagation');
  const cell = await run('cell', 'cell');
  const clique = await run('maintenance', 'network-clique');
  const area = await run('maintenance', 'network-area');
  const cost = await run('maintenance', 'cost');
  const outputs: Record<'propagation' | 'scaling' | 'cost', ExperimentOutput> = {
    propagation: propagationOutput(propagation.jobs, propagation.results),
    scaling: scalingOutput(cell.jobs, cell.results, [...clique.jobs, ...area.jobs], [...clique.results, ...area.results]),
    cost: costOutput(cost.jobs, cost.results),
  };
  const runs = [propagation, cell, clique, area, cost];
  const all = Object.values(outputs);
  const workers = Math.max(...runs.map((r) => r.outcome.workers));
  const wallSeconds = hostSeconds() - started;
  const seeds = Math.max(1, options.runs);
  return {
    name: 'trickle',
    title: "the Trickle paper's experiments on the simulator: propagation, maintenance scaling, cost",
    json: {
      propagation: outputs.propagation.json,
      scaling: outputs.scaling.json,
      cost: outputs.cost.json,
      seeds,
      quick: options.quick,
      workers,
      simulations: runs.reduce((n, r) => n + r.jobs.length, 0),
      wallSeconds,
    },
    rows: all.flatMap((o) => o.rows),
    chart: { title: 'Trickle propagation: seconds until all 400 motes have the code', unit: 'seconds', rows: outputs.propagation.rows.map((r) => r.label), log: false },
    notes: [workersNote(seeds, runs, wallSeconds, 'bench/plans/trickle/'), ...all.flatMap((o) => o.notes)],
    tables: all.map((o) => o.table),
    files: [...all.flatMap((o) => o.files), ...runs.map((r) => r.summary)],
  };
}

export async function runTrickle(options: MeasureOptions): Promise<BenchReport> {
  const started = hostSeconds();
  return withSweepFolder((dir) => (options.paper === true ? runPaper(options, started, dir) : runStandard(options, started, dir)));
}

export const trickleBenchmark: Benchmark = {
  name: 'trickle',
  description: "the Trickle paper's propagation, scaling and cost experiments (plans in bench/plans/trickle/), several seeds on all cores",
  run: runTrickle,
};
