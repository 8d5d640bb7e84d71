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

const flags = z.record(z.string(), flagValue);
/** An axis of named cases: each case name sets several flags at once (e.g. one modelling choice reverted). */
const cases = z.record(z.string(), flags).refine((c) => Object.keys(c).length > 0, 'needs at least one case');
const axes = z.record(z.string(), z.union([z.array(flagValue).min(1), range, cases])).refine((a) => Object.keys(a).length > 0, 'needs at least one axis');

const planSchema = z.strictObject({
  run: z.string().trim().min(1),
  flags: flags.default({}),
  axes,
  collect: z.array(z.string().min(1)).min(1),
  /** A small version of the plan (checks it runs, in seconds): flags and axes that replace the plan's; a case axis lists the cases kept. */
  quick: z.strictObject({ flags: flags.optional(), axes: z.record(z.string(), z.union([z.array(flagValue).min(1), range])).optional() }).optional(),
});

/** A plan with every axis written out as its list of values, in the order the plan gives them. */
export interface Plan {
  /** The command and its positional arguments, e.g. ['sim'] or ['algo', 'lcr']. */
  readonly run: readonly string[];
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly axes: Readonly<Record<string, readonly FlagValue[]>>;
  /** Axes of named cases: the flags each case name sets (its axis lists the names). */
  readonly cases: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, FlagValue>>>>>>;
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
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} (${path === '' ? 'a plan has run, flags, axes, collect and quick' : 'a range has from, to and step'})`
      : issue.message.endsWith('received undefined')
        ? 'missing'
        : issue.message;
  return path === '' ? message : `${path}: ${message}`;
}

/** Parses and checks the plan's shape; the file name starts every error line. `quick` applies the plan's quick section. */
export function parsePlan(text: string, file: string, options: { readonly quick?: boolean } = {}): Plan {
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
    const caseFlags: Record<string, Record<string, Record<string, FlagValue>>> = {};
    for (const [name, axis] of Object.entries(p.axes)) {
      if (Array.isArray(axis)) axes[name] = axis;
      else if (isRange(axis)) axes[name] = rangeValues(name, axis);
      else {
        caseFlags[name] = axis;
        axes[name] = Object.keys(axis);
      }
    }
    let fixed = p.flags;
    if (options.quick === true && p.quick !== undefined) {
      fixed = { ...fixed, ...p.quick.flags };
      for (const [name, axis] of Object.entries(p.quick.axes ?? {})) {
        if (!(name in axes)) throw new UserError(`quick.axes.${name}: not an axis of the plan`);
        const values = Array.isArray(axis) ? axis : rangeValues(name, axis);
        const unknown = name in caseFlags ? values.find((v) => typeof v !== 'string' || !(v in caseFlags[name])) : undefined;
        if (unknown !== undefined) throw new UserError(`quick.axes.${name}: '${String(unknown)}' is not one of its cases`);
        axes[name] = values;
      }
    }
    for (const name of Object.keys(axes)) {
      if (name in fixed) throw new UserError(`'${name}' is both a fixed flag and an axis`);
    }
    const plan: Plan = { run: p.run.split(/\s+/), flags: fixed, axes, cases: caseFlags, collect: p.collect };
    const count = pointCount(plan);
    if (count > MAX_POINTS) throw new UserError(`${count} points, more than ${MAX_POINTS}`);
    return plan;
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
}

function isRange(axis: object): axis is z.infer<typeof range> {
  return range.safeParse(axis).success;
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

/** The flags of one point: the fixed flags, then each axis value in plan order (a case's flags replace fixed ones). */
export function pointFlags(plan: Plan, point: Point): Record<string, FlagValue> {
  const flags: Record<string, FlagValue> = { ...plan.flags };
  for (const [name, value] of Object.entries(point.axes)) {
    const named = plan.cases[name] as Plan['cases'][string] | undefined;
    if (named === undefined) flags[name] = value;
    else Object.assign(flags, named[String(value)]);
  }
  return flags;
}

/** The command line of one point: its flags (pointFlags), then --json. */
export function pointArgv(plan: Plan, point: Point): string[] {
  const argv = [...plan.run];
  for (const [name, value] of Object.entries(pointFlags(plan, point))) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === true) argv.push(`--${name}`);
      else if (v !== false) argv.push(`--${name}=${String(v)}`);
    }
  }
  argv.push('--json');
  return argv;
}
