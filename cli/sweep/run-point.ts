// Runs one point of a sweep in this thread: the `mote` program with the commands a plan may run (the
// same registration and run as main.ts, without loading the others), with --json, so a point's values
// are exactly what `mote sim --json` (or `mote algo --json`) prints. The command's one-line error, if
// it fails, becomes the point's error; nothing is thrown.

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

export async function runPoint(task: PointTask): Promise<PointLine> {
  const started = performance.now();
  const io = bufferIo(false);
  let code: number;
  try {
    code = await runProgram(pointProgram(io), task.argv, io);
  } catch (error) {
    code = 2;
    io.err = error instanceof Error ? error.message : String(error);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const base = { point: task.point, axes: task.axes, seed: task.seed, values: {}, wallSeconds };
  if (code !== 0) return { ...base, error: firstLine(io.err) };
  let json: unknown;
  try {
    json = JSON.parse(io.out);
  } catch {
    return { ...base, error: `${task.argv[0]} --json printed no JSON` };
  }
  const seed = (json as { seed?: unknown }).seed;
  const values: Record<string, unknown> = {};
  for (const path of task.collect) {
    const found = valueAt(json, path);
    if ('missing' in found) return { ...base, error: found.missing };
    values[path] = found.value;
  }
  return { ...base, seed: typeof seed === 'number' ? seed : task.seed, values };
}
