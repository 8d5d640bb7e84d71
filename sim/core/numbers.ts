// Numbers in user text, read one way everywhere (issue 19: `007` named no mote in a sensor trace while
// `7` did): decimal with an optional fraction and exponent; no hex, no blanks, no Infinity. Whole
// numbers may have leading zeros. The CLI's flags (cli/flags.ts) and the file parsers use these.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const WHOLE = /^[+-]?\d+$/;

/** A finite decimal number, or undefined. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A whole number written as one (`007` is 7; `1e3` and `2.0` are not), within the safe integers. */
export function parseWhole(text: string): number | undefined {
  const t = text.trim();
  if (!WHOLE.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}
