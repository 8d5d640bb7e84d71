// A sweep plan (issue 18): the command to run, its fixed flags, the axes to cross and the values to
// collect from each point's JSON. Read from YAML or JSON (JSON is YAML) and checked with a zod schema;
// the flags and axes are then checked against the command's own options (flag-check.ts).

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../io.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const flagValue = z.union([scalar, z.array(scalar)]);
export type Scalar = z.infer<typeof scalar>;
export type FlagValue = z.infer<typeof flagValue>;

const range = z.strictObject({
  from: z.number().int(),
  to: z.number().int(),
  step: z.number().int().positive().optional(),
});

const planSchema = z.strictObject({
  run: z.string().trim().min(1),
  flags: z.record(z.string(), flagValue).default({}),
  axes: z.record(z.string(), z.union([z.array(flagValue).min(1), range])).refine((a) => Object.keys(a).length > 0, 'needs at least one axis'),
  collect: z.array(z.string().min(1)).min(1),
});

/** A plan with every axis written out as its list of values, in the order the plan gives them. */
export interface Plan {
  /** The command and its positional arguments, e.g. ['sim'] or ['algo', 'lcr']. */
  readonly run: readonly string[];
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly axes: Readonly<Record<string, readonly FlagValue[]>>;
  /** Dotted paths into the point's JSON, e.g. radio.transmissions or capsules.0.coveredAt. */
  readonly collect: readonly string[];
}

/** One combination of axis values; `index` is its place in the plan's order (first axis outermost). */
export interface Point {
  readonly index: number;
  readonly axes: Readonly<Record<string, FlagValue>>;
}

/** The largest number of points one plan may hold: a typo in a range should not start a year of work. */
export const MAX_POINTS = 1_000_000;

function rangeValues(name: string, r: z.infer<typeof range>): number[] {
  const step = r.step ?? 1;
  if (r.to < r.from) throw new UserError(`axes.${name}: 'to' (${r.to}) is below 'from' (${r.from})`);
  const count = Math.floor((r.to - r.from) / step) + 1;
  if (count > MAX_POINTS) throw new UserError(`axes.${name}: ${count} values, more than ${MAX_POINTS}`);
  return Array.from({ length: count }, (_, i) => r.from + i * step);
}

/** The issue to report: a misspelt key explains a missing one, so it goes first. */
function issueLine(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const path = issue.path.map(String).join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} (${path === '' ? 'a plan has run, flags, axes and collect' : 'a range has from, to and step'})`
      : issue.message.endsWith('received undefined')
        ? 'missing'
        : issue.message;
  return path === '' ? message : `${path}: ${message}`;
}

/** Parses and checks the plan's shape; the file name starts every error line. */
export function parsePlan(text: string, file: string): Plan {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new UserError(`${file}: not YAML or JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(`${file}: ${issueLine(parsed.error.issues)}`);
  const p = parsed.data;
  try {
    const axes: Record<string, FlagValue[]> = {};
    for (const [name, axis] of Object.entries(p.axes)) axes[name] = Array.isArray(axis) ? axis : rangeValues(name, axis);
    for (const name of Object.keys(axes)) {
      if (name in p.flags) throw new UserError(`'${name}' is both a fixed flag and an axis`);
    }
    const plan: Plan = { run: p.run.split(/\s+/), flags: p.flags, axes, collect: p.collect };
    const count = pointCount(plan);
    if (count > MAX_POINTS) throw new UserError(`${count} points, more than ${MAX_POINTS}`);
    return plan;
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
}

export function pointCount(plan: Plan): number {
  return Object.values(plan.axes).reduce((n, values) => n * values.length, 1);
}

/** Every point, first axis outermost and last axis fastest, so `index` is fixed by the plan alone. */
export function expandPoints(plan: Plan): Point[] {
  const names = Object.keys(plan.axes);
  const total = pointCount(plan);
  const points: Point[] = [];
  for (let index = 0; index < total; index++) {
    const axes: Record<string, FlagValue> = {};
    let rest = index;
    for (let a = names.length - 1; a >= 0; a--) {
      const values = plan.axes[names[a]];
      axes[names[a]] = values[rest % values.length];
      rest = Math.floor(rest / values.length);
    }
    const ordered: Record<string, FlagValue> = {};
    for (const name of names) ordered[name] = axes[name];
    points.push({ index, axes: ordered });
  }
  return points;
}

/** The command line of one point: the fixed flags, then the axis values, then --json. */
export function pointArgv(plan: Plan, point: Point): string[] {
  const argv = [...plan.run];
  const add = (name: string, value: FlagValue): void => {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === true) argv.push(`--${name}`);
      else if (v !== false) argv.push(`--${name}=${String(v)}`);
    }
  };
  for (const [name, value] of Object.entries(plan.flags)) add(name, value);
  for (const [name, value] of Object.entries(point.axes)) add(name, value);
  argv.push('--json');
  return argv;
}
