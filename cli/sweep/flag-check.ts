// Checks a plan against the command it runs, before any point runs: the command exists, every fixed
// flag and axis is one of its options, and every value passes that option's own parser (the same
// check `mote sim --spacing x` makes), so a typo is one line naming it instead of N failed points.

import { InvalidArgumentError, type Command, type Option } from 'commander';
import { UserError } from '../io.js';
import { EXPERIMENT_KINDS, flagProblem, isExperimentKind } from '../../bench/experiments/job-flags.js';
import { expandPoints, pointFlags, type FlagValue, type Plan } from './plan.js';

/** Commands a plan may run; `experiment KIND` runs the Trickle benchmark's jobs (bench/plans/). */
export const SWEEPABLE = ['sim', 'algo', 'experiment'] as const;

/** Flags that name output files or formats: a point's output is its JSON line. */
const NOT_IN_A_SWEEP = new Set(['json', 'trace', 'svg', 'help']);

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length];
}

function suggestion(name: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(name, k) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= 2 ? ` (did you mean '${best.k}'?)` : '';
}

function checkValue(where: string, option: Option, value: FlagValue): void {
  const flag = `--${option.long?.slice(2) ?? ''}`;
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (option.isBoolean()) {
      if (typeof v !== 'boolean') throw new UserError(`${where}: ${flag} is a switch: true or false, got '${String(v)}'`);
      continue;
    }
    if (typeof v === 'boolean') throw new UserError(`${where}: ${flag} wants a value, got ${String(v)}`);
    const text = String(v);
    if (option.argChoices !== undefined && !option.argChoices.includes(text)) {
      throw new UserError(`${where}: ${flag} wants one of ${option.argChoices.join(', ')}, got '${text}'`);
    }
    let parsed: unknown;
    try {
      parsed = option.parseArg?.(text, undefined);
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new UserError(`${where}: ${error.message}`);
      throw error;
    }
    // Repeatable flags (--inject, --fault) collect into a list; any other flag takes one value.
    if (values.length > 1 && !Array.isArray(parsed)) throw new UserError(`${where}: ${flag} takes one value, got a list`);
  }
}

/** Throws a one-line UserError, starting with the plan's file name, for the first thing in the plan its command would refuse. */
export function checkPlanFlags(plan: Plan, program: Command, file: string): void {
  try {
    check(plan, program);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
}

/** An experiment plan (`run: experiment KIND`): every point's flags make a job of its kind. */
export function checkExperimentPlan(plan: Plan, file: string): void {
  try {
    checkExperiment(plan);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
}

function checkExperiment(plan: Plan): void {
  const kinds = Object.keys(EXPERIMENT_KINDS).join(', ');
  const kind = plan.run[1] ?? '';
  if (!isExperimentKind(kind) || plan.run.length !== 2) throw new UserError(`run: 'experiment' takes one kind of job (${kinds}), got '${plan.run.slice(1).join(' ')}'`);
  for (const point of expandPoints(plan)) {
    const problem = flagProblem(kind, pointFlags(plan, point));
    if (problem !== undefined) throw new UserError(`point ${JSON.stringify(point.axes)}: ${problem}`);
  }
}

function check(plan: Plan, program: Command): void {
  const [name, ...args] = plan.run;
  if (!(SWEEPABLE as readonly string[]).includes(name)) {
    throw new UserError(`run: '${plan.run.join(' ')}' is not a command a sweep runs (${SWEEPABLE.join(', ')})`);
  }
  if (name === 'experiment') {
    checkExperiment(plan);
    return;
  }
  const command = program.commands.find((c) => c.name() === name);
  if (command === undefined) throw new Error(`the ${name} command is not registered`);
  const wanted = command.registeredArguments;
  if (args.length > wanted.length) throw new UserError(`run: '${name}' takes ${wanted.length} argument${wanted.length === 1 ? '' : 's'}, got ${args.length}`);
  wanted.forEach((argument, i) => {
    if (i >= args.length) {
      if (argument.required) throw new UserError(`run: '${name}' needs ${argument.name()}, e.g. '${name} ${argument.argChoices?.[0] ?? 'VALUE'}'`);
      return;
    }
    try {
      if (argument.argChoices !== undefined && !argument.argChoices.includes(args[i])) throw new InvalidArgumentError(`wants one of ${argument.argChoices.join(', ')}`);
      argument.parseArg?.(args[i], undefined);
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new UserError(`run: '${args[i]}': ${error.message}`);
      throw error;
    }
  });
  const options = new Map<string, Option>();
  for (const o of command.options) if (o.long !== undefined) options.set(o.long.slice(2), o);
  const known = [...options.keys()].filter((k) => !NOT_IN_A_SWEEP.has(k));
  const checkOne = (kind: 'flags' | 'axes', flag: string, values: readonly FlagValue[], where = `${kind}.${flag}`): void => {
    const option = options.get(flag);
    if (option === undefined || NOT_IN_A_SWEEP.has(flag)) {
      const why = option === undefined ? `unknown ${kind === 'flags' ? 'flag' : 'axis'} '${flag}' for mote ${name}${suggestion(flag, known)}` : `'${flag}' cannot be set in a sweep (each point's output is its JSON line)`;
      throw new UserError(`${where}: ${why}`);
    }
    for (const value of values) checkValue(where, option, value);
  };
  for (const [flag, value] of Object.entries(plan.flags)) checkOne('flags', flag, [value]);
  for (const [flag, values] of Object.entries(plan.axes)) {
    const named = plan.cases[flag] as Plan['cases'][string] | undefined;
    if (named === undefined) checkOne('axes', flag, values);
    else for (const [c, set] of Object.entries(named)) for (const [f, v] of Object.entries(set)) checkOne('flags', f, [v], `axes.${flag}.${c}.${f}`);
  }
}
