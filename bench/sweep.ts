// `mote bench sweep` (issue 18): what `mote sweep` costs beyond its points. Runs a plan of 1,000
// points of a 100-mote, 60-second sim (10 x 10 grid, a capsule injected at mote 0; seeds 1..1000) on
// every core and reports: utilisation (the share of the wall time the workers spent in points, and
// the process's CPU time / (wall x cores)), the overhead per point beyond its own run ((wall x threads
// - sum of the points' own times) / points), and the wall time against the ideal (sum of the points'
// own times / threads); targets: both cores busy, < 50 ms, 15%. A point's own time is its wall time
// in its worker (the command's setup included); the sim's timed run (wallSeconds in its JSON) is
// collected too, to show what the setup adds.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo } from '../cli/io.js';
import { shippedCapsule } from '../cli/paths.js';
import { runSweep } from '../cli/sweep/engine.js';
import type { Plan } from '../cli/sweep/plan.js';
import { hostSeconds, machineInfo, summarize, type MeasureOptions } from './harness.js';
import type { Benchmark, BenchReport } from './report.js';

const POINTS = 1000;
const QUICK_POINTS = 12;

function plan(points: number, seconds: number): Plan {
  return {
    run: ['sim'],
    flags: { topology: 'grid:10x10', inject: `${shippedCapsule('cnt_to_leds.mate')}@0:5s`, seconds },
    axes: { seed: Array.from({ length: points }, (_, i) => i + 1) },
    cases: {},
    collect: ['wallSeconds', 'events'],
  };
}

const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export async function runSweepBench(options: MeasureOptions): Promise<BenchReport> {
  const points = options.quick ? QUICK_POINTS : POINTS;
  const threads = machineInfo().cores;
  const out = mkdtempSync(join(tmpdir(), 'mote-bench-sweep-'));
  const cpuBefore = process.cpuUsage();
  const started = hostSeconds();
  let outcome;
  try {
    outcome = await runSweep({ plan: plan(points, options.quick ? 5 : 60), out, threads, io: bufferIo(false) });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const wall = hostSeconds() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (outcome.failed > 0) throw new Error(`sweep benchmark: ${outcome.failed} points failed: ${outcome.lines.find((l) => l.error)?.error}`);
  const used = Math.max(1, outcome.workers);
  const pointTimes = outcome.lines.map((l) => l.wallSeconds);
  const simTimes = outcome.lines.map((l) => l.values.wallSeconds as number);
  const sumPoints = pointTimes.reduce((a, b) => a + b, 0);
  const sumSims = simTimes.reduce((a, b) => a + b, 0);
  const utilisation = (cpu.user + cpu.system) / 1e6 / (wall * threads);
  const busy = sumPoints / (wall * used);
  const [load] = loadavg();
  const overhead = (wall * used - sumPoints) / points;
  const cliLayer = (sumPoints - sumSims) / points;
  const ideal = sumPoints / used;
  const ratio = wall / ideal;
  const met = (ok: boolean): string => (ok ? 'met' : 'missed');
  return {
    name: 'sweep',
    title: `mote sweep: ${points} points of a 100-mote ${options.quick ? 5 : 60}-s sim on ${threads} cores`,
    json: { points, threads: used, wallSeconds: wall, firstPointSeconds: outcome.firstSeconds, workerBusy: busy, loadAverage: load, sumPointSeconds: sumPoints, sumSimSeconds: sumSims, utilisation, overheadSecondsPerPoint: overhead, cliSecondsPerPoint: cliLayer, wallOverIdeal: ratio, quick: options.quick },
    rows: [
      { label: 'point: own run (in its worker)', unit: 's', stats: summarize(pointTimes) },
      { label: 'point: the sim itself', unit: 's', stats: summarize(simTimes) },
      { label: 'workers busy running points', unit: '%', stats: summarize([100 * busy]) },
      { label: 'CPU utilisation of all cores', unit: '%', stats: summarize([100 * utilisation]) },
      { label: 'sweep overhead per point', unit: 'ms', stats: summarize([1000 * overhead]) },
      { label: 'wall / (sum of points / threads)', unit: 'x', stats: summarize([ratio]) },
    ],
    chart: { title: 'mote sweep: time per point', unit: 's', rows: ['point: own run (in its worker)', 'point: the sim itself'], log: false },
    notes: [
      `${points} points on ${used} worker threads in ${wall.toFixed(1)} s; ideal (sum of point times ${sumPoints.toFixed(1)} s / ${used}) ${ideal.toFixed(1)} s: ` +
        `${pct(ratio - 1)} over (target < 15%: ${met(ratio <= 1.15)}); the first point finished after ${outcome.firstSeconds.toFixed(1)} s (workers starting: each loads the CLI)`,
      `overhead per point beyond its own run: ${ms(overhead)} (target < 50 ms: ${met(overhead < 0.05)}); inside a point, the command's setup outside the sim's timed run (flags, topology and radio links, capsule assembly, JSON) takes ${ms(cliLayer)}`,
      `utilisation: the ${used} workers were running points ${pct(busy)} of the wall time; the process used ${pct(utilisation)} of ${threads} cores' CPU time ` +
        `(host load average ${load.toFixed(1)}: other work on the host takes the rest)`,
      ...(options.quick ? ['--quick: 12 points of 5 simulated seconds: checks that it runs, measures nothing'] : []),
    ],
  };
}

export const sweepBenchmark: Benchmark = {
  name: 'sweep',
  description: 'mote sweep on all cores: utilisation, overhead per point, 1,000 points of a 100-mote 60-s sim (minutes; only when named)',
  run: runSweepBench,
};
