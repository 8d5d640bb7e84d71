// `mote sweep`'s engine: claims the output folder, skips the points already there, runs the rest of
// its share on every core (the tinypool pool of bench/experiments/pool.ts, one point a task), writes
// each point's line as it finishes, then the summary CSV and charts (merge.ts writes them for shards).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pullOnWorkers } from '../../bench/experiments/pool.js';
import type { Io } from '../io.js';
import { writeFileAtomic } from '../write-file.js';
import { sweepCharts } from './charts.js';
import { expandPoints, pointArgv, pointFlags, type Plan, type Point } from './plan.js';
import { startProgress } from './progress.js';
import { runPoint, type PointTask } from './run-point.js';
import { inShard, type Shard } from './shard.js';
import { claimFolder, latestByPoint, PointsWriter, pointsFileName, readFolderPoints, readPointsFile, type PointLine } from './store.js';
import { summaryCsv } from './summary.js';

export interface SweepOptions {
  readonly plan: Plan;
  readonly out: string;
  readonly shard?: Shard;
  readonly threads: number;
  readonly io: Io;
}

export interface SweepOutcome {
  /** Points of this share, finished before or now. */
  readonly share: number;
  readonly skipped: number;
  readonly ran: number;
  readonly failed: number;
  /** Worker threads used (0: this thread, when there is no compiled worker, as under vitest). */
  readonly workers: number;
  readonly wallSeconds: number;
  /** Host seconds until the first point finished: starting the workers (they load the CLI) and that point. */
  readonly firstSeconds: number;
  /** Sum over the points run now of their own wall time. */
  readonly pointSeconds: number;
  readonly lines: readonly PointLine[];
  /** Files written besides the points file. */
  readonly files: readonly string[];
}

/** `run: experiment KIND`: points are jobs of the experiments (bench/experiments/job-flags.ts), not commands. */
export const EXPERIMENT = 'experiment';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Host seconds a batch of points should take: short points go to a worker in batches, so the round
 * trip to this thread (a millisecond, or tens on a loaded host) is paid per batch, not per point.
 * A killed sweep loses at most the batches in flight (two per worker), about a second of work.
 */
export const BATCH_SECONDS = 0.5;

/** Points in the next batch: one until a point has been timed, then about BATCH_SECONDS' worth, but
 * never so many that the last batches leave a thread idle (at least four batches a thread remain). */
export function batchSize(meanSeconds: number | undefined, remaining: number, threads: number): number {
  if (meanSeconds === undefined) return 1;
  const byTime = Math.floor(BATCH_SECONDS / Math.max(meanSeconds, 1e-6));
  const byTail = Math.ceil(remaining / (threads * 4));
  return Math.max(1, Math.min(byTime, byTail));
}

function workerAvailable(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_URL));
}

function taskOf(plan: Plan, point: Point): PointTask {
  const seed = point.axes.seed ?? plan.flags.seed;
  const task = { point: point.index, axes: point.axes, argv: pointArgv(plan, point), collect: plan.collect, seed: typeof seed === 'number' ? seed : null };
  return plan.run[0] === EXPERIMENT ? { ...task, experiment: { kind: plan.run[1] ?? '', flags: pointFlags(plan, point) } } : task;
}

/** Writes summary.csv and one chart per collected value into `dir`; returns their paths. */
export function writeSummary(dir: string, plan: Plan, lines: readonly PointLine[]): string[] {
  const latest = latestByPoint(lines);
  const files = [join(dir, 'summary.csv')];
  writeFileAtomic(files[0], summaryCsv(plan, latest));
  for (const chart of sweepCharts(plan, latest)) {
    const file = join(dir, chart.name);
    writeFileAtomic(file, chart.svg);
    files.push(file);
  }
  return files;
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { plan, out, shard, io } = options;
  claimFolder(out, plan);
  const file = join(out, pointsFileName(shard));
  readPointsFile(file, true); // cuts a line torn by a kill, so the next append starts on a fresh line
  const finished = new Set([...latestByPoint(readFolderPoints(out)).values()].filter((l) => l.error === undefined).map((l) => l.point));
  const share = expandPoints(plan).filter((p) => inShard(p.index, shard));
  const tasks = share.filter((p) => !finished.has(p.index)).map((p) => taskOf(plan, p));
  const started = performance.now();
  const lines: PointLine[] = [];
  const writer = new PointsWriter(file);
  const progress = startProgress(io, tasks.length, shard === undefined ? 'sweep' : `sweep shard ${shard.index}/${shard.count}`);
  let firstSeconds = NaN;
  let pointSeconds = 0;
  const record = (line: PointLine): void => {
    if (lines.length === 0) firstSeconds = (performance.now() - started) / 1000;
    writer.write(line);
    lines.push(line);
    pointSeconds += line.wallSeconds;
    progress.tick(line.error !== undefined);
  };
  const threads = Math.min(options.threads, tasks.length);
  const parallel = threads > 1 && workerAvailable();
  try {
    if (parallel) {
      const batches: PointTask[][] = [];
      let taken = 0;
      const next = (): PointTask[] | undefined => {
        const mean = lines.length === 0 ? undefined : pointSeconds / lines.length;
        const batch = tasks.slice(taken, taken + batchSize(mean, tasks.length - taken, threads));
        if (batch.length === 0) return undefined;
        taken += batch.length;
        batches.push(batch);
        return batch;
      };
      await pullOnWorkers<PointTask[], PointLine[]>(next, WORKER_URL, threads, (reply) => {
        if ('result' in reply) for (const line of reply.result) record(line);
        else for (const t of batches[reply.index]) record({ point: t.point, axes: t.axes, seed: t.seed, values: {}, wallSeconds: 0, error: reply.error });
      });
    } else {
      for (const task of tasks) record(await runPoint(task));
    }
  } finally {
    progress.stop();
    writer.close();
  }
  const files = shard === undefined ? writeSummary(out, plan, readFolderPoints(out)) : [];
  return {
    share: share.length,
    skipped: share.length - tasks.length,
    ran: tasks.length,
    failed: lines.filter((l) => l.error !== undefined).length,
    workers: parallel ? threads : 0,
    wallSeconds: (performance.now() - started) / 1000,
    firstSeconds,
    pointSeconds,
    lines,
    files,
  };
}
