// Parsers for command-line flag values; each rejects bad input with a one-line UserError naming the flag.

import { InvalidArgumentError } from 'commander';

export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
      throw new InvalidArgumentError(`${flag} wants a positive number, got '${value}'`);
    }
    return n;
  };
}

export function nonNegativeInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${flag} wants a whole number >= 0, got '${value}'`);
    }
    return n;
  };
}

export function oneOf<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${flag} wants one of ${choices.join(', ')}, got '${value}'`);
    }
    return value as T;
  };
}
