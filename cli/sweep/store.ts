// A sweep's output folder: plan.json (the plan it holds, so a rerun or a merge can check it is the
// same), and the points files, one JSON line per finished point. Lines are appended by the one process
// that owns the file, each with a single write; a line cut short by a kill is dropped on the next read
// (its point runs again), so a killed sweep loses at most the points in flight, never a finished one.

import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../io.js';
import { writeFileAtomic } from '../write-file.js';
import type { FlagValue, Plan } from './plan.js';
import type { Shard } from './shard.js';

/** One finished point: what `mote sweep` writes per line of points*.jsonl. */
export interface PointLine {
  readonly point: number;
  readonly axes: Readonly<Record<string, FlagValue>>;
  readonly seed: number | null;
  /** Collected values by path; null where the JSON held null (e.g. never covered). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Host seconds the point took in its worker, CLI parsing included. */
  readonly wallSeconds: number;
  /** Why the point failed (its command's one-line error); absent when it ran. */
  readonly error?: string;
}

export const PLAN_FILE = 'plan.json';

export function pointsFileName(shard: Shard | undefined): string {
  return shard === undefined ? 'points.jsonl' : `points.shard-${shard.index}-of-${shard.count}.jsonl`;
}

function stored(plan: Plan): string {
  const cases = Object.keys(plan.cases).length > 0 ? { cases: plan.cases } : {};
  return `${JSON.stringify({ run: plan.run, flags: plan.flags, axes: plan.axes, ...cases, collect: plan.collect }, null, 2)}\n`;
}

/** The first place two plans differ, as "path: there vs here", or undefined when they are the same. */
export function planDifference(there: Plan, here: Plan): string | undefined {
  const show = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v));
  const parts: [string, unknown, unknown][] = [
    ['run', there.run.join(' '), here.run.join(' ')],
    ['axis order', Object.keys(there.axes), Object.keys(here.axes)],
    ...[...new Set([...Object.keys(there.flags), ...Object.keys(here.flags)])].map((k): [string, unknown, unknown] => [`flags.${k}`, there.flags[k], here.flags[k]]),
    ...[...new Set([...Object.keys(there.axes), ...Object.keys(here.axes)])].map((k): [string, unknown, unknown] => [`axes.${k}`, there.axes[k], here.axes[k]]),
    ['cases', there.cases, here.cases],
    ['collect', there.collect, here.collect],
  ];
  for (const [path, a, b] of parts) {
    if (JSON.stringify(a) !== JSON.stringify(b)) return `${path}: ${show(a)} there, ${show(b)} here`;
  }
  return undefined;
}

export function readStoredPlan(dir: string): Plan | undefined {
  const file = join(dir, PLAN_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const plan = JSON.parse(readFileSync(file, 'utf8')) as Omit<Plan, 'cases'> & { cases?: Plan['cases'] };
    return { ...plan, cases: plan.cases ?? {} };
  } catch {
    throw new UserError(`${file}: not a sweep's plan.json (unreadable JSON)`);
  }
}

/** Makes the folder and records the plan, or refuses a folder that holds another plan's points. */
export function claimFolder(dir: string, plan: Plan): void {
  const there = readStoredPlan(dir);
  if (there !== undefined) {
    const difference = planDifference(there, plan);
    if (difference !== undefined) throw new UserError(`${dir}: holds a sweep of another plan (${difference}); give another -o folder`);
    return;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UserError(`${dir}: cannot make the folder (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  try {
    writeFileAtomic(join(dir, PLAN_FILE), stored(plan));
  } catch (error) {
    // Shards starting together on a shared folder race to write the same plan.json; one wins.
    const there = readStoredPlan(dir);
    if (there === undefined || planDifference(there, plan) !== undefined) throw error;
  }
}

function isPointLine(v: unknown): v is PointLine {
  return typeof v === 'object' && v !== null && typeof (v as PointLine).point === 'number' && typeof (v as PointLine).axes === 'object';
}

/** The lines of one points file; a torn last line (a kill mid-write) is cut off the file and skipped. */
export function readPointsFile(file: string, repair: boolean): PointLine[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (repair && end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
  const lines: PointLine[] = [];
  text
    .slice(0, end)
    .split('\n')
    .forEach((line, i) => {
      if (line === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new UserError(`${file}:${i + 1}: not a JSON line`);
      }
      if (!isPointLine(parsed)) throw new UserError(`${file}:${i + 1}: not a sweep point`);
      lines.push(parsed);
    });
  return lines;
}

/** Every points file in the folder (unsharded and shards alike). */
export function readFolderPoints(dir: string): PointLine[] {
  return readdirSync(dir)
    .filter((f) => /^points(\.shard-\d+-of-\d+)?\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => readPointsFile(join(dir, f), false));
}

/** The last line of each point, by point index: a rerun's line replaces a failed one. */
export function latestByPoint(lines: readonly PointLine[]): Map<number, PointLine> {
  const latest = new Map<number, PointLine>();
  for (const line of lines) {
    const before = latest.get(line.point);
    if (before === undefined || before.error !== undefined) latest.set(line.point, line);
  }
  return latest;
}

/** Appends lines to a points file, each with one write call. */
export class PointsWriter {
  private readonly fd: number;
  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, 'a');
    } catch (error) {
      throw new UserError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
  }
  write(line: PointLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }
  close(): void {
    closeSync(this.fd);
  }
}
