// The flag layer (issue 19): every number a flag takes is parsed one way (decimal, optional exponent;
// no hex, no blanks, no Infinity) and checked against its range here, at the flag, so no value the core
// cannot represent reaches it; and each command lists which of its flags apply when (`applicable`), so a
// flag that would be ignored is an error naming it. A new flag is one `.option(..., numberFlag(...))`
// line and, if it applies only sometimes, one row in its command's table.

import { InvalidArgumentError, type Command } from 'commander';
import { parseDecimal, parseWhole } from '../sim/core/numbers.js';
import { UserError } from './io.js';

/** Simulated time is whole nanoseconds in float64s, exact up to 2^53 ns: 9,007,199 s, about 104 days. */
export const MAX_SIMULATED_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1e9);
const SECONDS_LIMIT = `${MAX_SIMULATED_SECONDS} s (simulated time is whole ns, exact up to 2^53 ns: 104 days)`;

export { parseDecimal, parseWhole };

export interface NumberRule {
  readonly min?: number;
  /** min itself is not allowed (a duration > 0). */
  readonly above?: boolean;
  readonly max?: number;
  /** Why max is the limit, shown with it. */
  readonly maxWhy?: string;
  readonly integer?: boolean;
}

function describeRange(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const low = rule.min === undefined ? '' : ` ${rule.above ? '>' : '>='} ${rule.min}`;
  const high = rule.max === undefined ? '' : `${low ? ' and' : ''} <= ${rule.maxWhy ?? rule.max}`;
  return `${kind}${low}${high}`;
}

/** Whether n is within the rule's range. */
export function inRange(n: number, rule: NumberRule): boolean {
  if (rule.min !== undefined && (rule.above ? n <= rule.min : n < rule.min)) return false;
  return rule.max === undefined || n <= rule.max;
}

/** The parser of a numeric flag: the value, or a one-line error naming the flag and its range. */
export function numberFlag(flag: string, rule: NumberRule): (value: string) => number {
  return (value) => {
    const n = rule.integer ? parseWhole(value) : parseDecimal(value);
    if (n === undefined || !inRange(n, rule)) {
      throw new InvalidArgumentError(`${flag} wants ${describeRange(rule)}, got '${quoteToken(value)}'`);
    }
    return n;
  };
}

export function positiveNumber(flag: string, max?: number): (value: string) => number {
  return numberFlag(flag, { min: 0, above: true, max });
}

export function nonNegativeInteger(flag: string, max?: number): (value: string) => number {
  return numberFlag(flag, { min: 0, integer: true, max });
}

/** A whole number from 1 up (a period, a count that 0 would make meaningless). */
export function positiveInteger(flag: string, max?: number): (value: string) => number {
  return numberFlag(flag, { min: 1, integer: true, max });
}

/** Simulated seconds: > 0 (or >= 0 with `zero`), at most what the simulator's clock can hold. */
export function simulatedSeconds(flag: string, zero = false): (value: string) => number {
  return numberFlag(flag, { min: 0, above: !zero, max: MAX_SIMULATED_SECONDS, maxWhy: SECONDS_LIMIT });
}

export function oneOf<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${flag} wants one of ${choices.join(', ')}, got '${quoteToken(value)}'`);
    }
    return value as T;
  };
}

/** Longest stretch of user text an error message quotes. */
export const MAX_TOKEN = 60;

/** User text fit for an error line: control bytes escaped, cut to MAX_TOKEN characters. */
export function quoteToken(text: string): string {
  const escaped = escapeControl(text);
  return escaped.length > MAX_TOKEN ? `${escaped.slice(0, MAX_TOKEN)}... (${text.length} characters)` : escaped;
}

/** Control bytes and invalid UTF-8 as \xNN / \uNNNN, so binary input cannot garble a terminal. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** One row of a command's applicability table: the flag applies only when `when` holds. */
export interface Applicability<O> {
  readonly flag: string;
  /** The option's key in the parsed options (commander's camelCase name). */
  readonly key: keyof O & string;
  readonly when: (opts: O) => boolean;
  /** When it applies, for the message: "only with --radio perfect or disk". */
  readonly only: string;
  /** A warning on stderr instead of an error, for flags that are harmless to ignore. */
  readonly warn?: boolean;
}

/**
 * Checks the flags the user gave (not defaults) against the table: an error naming the first that does
 * not apply, or a warning line per harmless one (returned, for the command to print).
 */
export function applicable<O>(command: Command, opts: O, table: readonly Applicability<O>[], context = ''): string[] {
  const warnings: string[] = [];
  for (const row of table) {
    if (command.getOptionValueSource(row.key) !== 'cli' || row.when(opts)) continue;
    const message = `${row.flag} does not apply${context}: it is used ${row.only}`;
    if (row.warn) warnings.push(`warning: ${message}; ignored`);
    else throw new UserError(message);
  }
  return warnings;
}
