// Parses the CLI's `--trickle imin=1,doublings=6,k=1,listen=0.5` into TrickleParams (RFC 6206
// section 4's Imin, Imax-as-doublings and k, plus our listen-only fraction). Errors are values.

import { NS_PER_SECOND, defaultTrickleParams, trickleParamsError, type TrickleParams } from './timer.js';

export type TrickleSpecResult = { ok: true; params: TrickleParams } | { ok: false; error: string };

const KEYS = ['imin', 'doublings', 'k', 'listen'] as const;
type Key = (typeof KEYS)[number];

// Plain decimals only: Number() alone would also take '', ' ', '0x10' and 'Infinity'.
// Signed, so that `imin=-1` is out of range rather than "not a number" (the grammar of sim/core/numbers.ts).
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Keys may come in any order and any may be left out (it keeps its default). imin is in seconds
 * and may be fractional (it is rounded to whole nanoseconds); k may be `inf`.
 */
export function parseTrickleSpec(text: string): TrickleSpecResult {
  const values: Record<Key, number> = { ...defaultTrickleParams };
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const item = part.trim();
    const eq = item.indexOf('=');
    if (eq < 0) return fail(`"${item}" is not key=value (keys: ${KEYS.join(', ')})`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    if (!isKey(key)) return fail(`unknown key "${key}" (keys: ${KEYS.join(', ')})`);
    if (seen.has(key)) return fail(`${key} given twice`);
    seen.add(key);
    const value = key === 'k' && /^inf(inity)?$/i.test(raw) ? Infinity : DECIMAL.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(value)) return fail(`${key}=${raw}: not a number`);
    if (key === 'imin') {
      const ns = Math.round(value * NS_PER_SECOND);
      if (!(ns >= 1 && Number.isSafeInteger(ns))) return fail(`imin=${raw}: must be between 1 ns and 2^53 ns`);
      values.imin = ns;
    } else {
      values[key] = value;
    }
  }
  const error = trickleParamsError(values);
  return error === undefined ? { ok: true, params: values } : fail(error);
}

function isKey(key: string): key is Key {
  return (KEYS as readonly string[]).includes(key);
}

/** Control characters are shown escaped, so the error stays on one line whatever was typed. */
function fail(error: string): TrickleSpecResult {
  const oneLine = error.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));
  return { ok: false, error: `--trickle: ${oneLine}` };
}
