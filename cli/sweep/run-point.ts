// Runs one point of a sweep in this thread: the `mote` program with the commands a plan may run (the
// same registration and run as main.ts, without loading the others), with --json, so a point's values
// are exactly what `mote sim --json` (or `mote algo --json`) prints. The command's one-line error, if
// it fails, becomes the point's error; nothing is thrown. A point of `run: experiment KIND` runs one
// job of the experiments (bench/experiments/job-flags.ts) instead, and its result is the point's JSON.

import { isExperimentKind, jobFromFlags } from '../../bench/experiments/job-flags.js';
import { runJob } from '../../bench/experiments/jobs.js';
import { registerAlgo } from '../commands/algo.js';
import { registerSim } from '../commands/sim.js';
import { bufferIo, type Io } from '../io.js';
import { newProgram, runProgram } from '../program.js';
import type { FlagValue } from './plan.js';
import type { PointLine } from './store.js';

/** What a worker gets for one point: plain data, so it can be posted to a worker thread. */
export interface PointTask {
  readonly point: number;
  readonly axes: Readonly<Record<string, FlagValue>>;
  readonly argv: readonly string[];
  readonly collect: readonly string[];
  /** The seed when the command's JSON does not say it. */
  readonly seed: number | null;
  /** `run: experiment KIND`: the job's kind and the point's flags (argv is not run). */
  readonly experiment?: { readonly kind: string; readonly flags: Readonly<Record<string, FlagValue>> };
}

/** The value at a dotted path (array items by number), or a one-line reason it is not there. */
export function valueAt(json: unknown, path: string): { value: unknown } | { missing: string } {
  let here = json;
  const steps = path.split('.');
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const container = here as Record<string, unknown> | null;
    if (typeof container !== 'object' || container === null || !Object.hasOwn(container, step)) {
      const at = steps.slice(0, i).join('.') || 'the JSON';
      const has = typeof container === 'object' && container !== null ? Object.keys(container).slice(0, 12).join(', ') : typeof container;
      return { missing: `collect '${path}': '${step}' is not in ${at} (it has: ${has})` };
    }
    here = container[step];
  }
  return { value: here };
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'failed with no message';
}

/** `mote` with the commands of flag-check.ts's SWEEPABLE. */
function pointProgram(io: Io): ReturnType<typeof newProgram> {
  const program = newProgram(io);
  registerSim(program, io);
  registerAlgo(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** The point's JSON, or its one-line error. */
async function pointJson(task: PointTask): Promise<{ json: unknown } | { error: string }> {
  const experiment = task.experiment;
  if (experiment !== undefined) {
    try {
      if (!isExperimentKind(experiment.kind)) return { error: `'${experiment.kind}' is not an experiment` };
      return { json: runJob(jobFromFlags(experiment.kind, experiment.flags)) };
    } catch (error) {
      return { error: firstLine(error instanceof Error ? error.message : String(error)) };
    }
  }
  const io = bufferIo(false);
  let code: number;
  try {
    code = await runProgram(pointProgram(io), task.argv, io);
  } catch (error) {
    code = 2;
    io.err = error instanceof Error ? error.message : String(error);
  }
  if (code !== 0) return { error: firstLine(io.err) };
  try {
    return { json: JSON.parse(io.out) as unknown };
  } catch {
    return { error: `${task.argv[0]} --json printed no JSON` };
  }
}

export async function runPoint(task: PointTask): Promise<PointLine> {
  const started = performance.now();
  const ran = await pointJson(task);
  const wallSeconds = (performance.now() - started) / 1000;
  const base = { point: task.point, axes: task.axes, seed: task.seed, values: {}, wallSeconds };
  if ('error' in ran) return { ...base, error: ran.error };
  const json = ran.json;
  const seed = (json as { seed?: unknown }).seed;
  const values: Record<string, unknown> = {};
  for (const path of task.collect) {
    const found = valueAt(json, path);
    if ('missing' in found) return { ...base, error: found.missing };
    values[path] = found.value;
  }
  return { ...base, seed: typeof seed === 'number' ? seed : task.seed, values };
}
