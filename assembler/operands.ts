// Operand values for the assembler: number syntax, what each operand kind means, and the range
// messages, which name the wider form when there is one (pushc -> pushb/pushw, blez -> blezw).

import { opcodeByName, operandRange, type OpcodeRow } from '../vm/opcodes.js';

const NUMBER = /^-?(0[xX][0-9a-fA-F]+|[0-9]+)$/;
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Decimal, negative decimal, hex (0x1f) and negative hex; undefined when not a number. */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const value = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : parseInt(digits, 10);
  return negative ? -value : value;
}

const MEANING: Record<OpcodeRow['operand'], string> = {
  none: 'no operand',
  const: 'a constant',
  target: 'a target (a label or a byte offset)',
  var: 'a heap word',
  field: 'a message field',
  sub: 'a subroutine capsule number',
};

/** "a constant (0..63)": what the operand of this row is, for "needs ..." messages. */
export function describeOperand(row: OpcodeRow): string {
  const { min, max } = operandRange(row);
  return `${MEANING[row.operand]} (${min}..${max})`;
}

/** Explicit, not derived: jumpc has blezw's shape but not its meaning. */
const WIDER: Record<string, readonly string[]> = { pushc: ['pushb', 'pushw'], pushb: ['pushw'], blez: ['blezw'] };

/** The range error for `value` (written `shown`) as an operand of `row`, or undefined when it fits. */
export function rangeError(row: OpcodeRow, value: number, shown: string): string | undefined {
  const { min, max } = operandRange(row);
  if (value >= min && value <= max) return undefined;
  let hint = '';
  for (const name of WIDER[row.name] ?? []) {
    const wide = opcodeByName(name);
    if (wide === undefined) continue;
    const range = operandRange(wide);
    if (value >= range.min && value <= range.max) {
      hint = `; use ${name} (${range.min}..${range.max})`;
      break;
    }
  }
  return `${row.name} takes ${min}..${max}; ${shown} does not fit${hint}`;
}
