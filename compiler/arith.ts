// 16-bit signed arithmetic exactly as the VM does it (vm/interpret.ts: operands live in an Int16Array,
// so every store wraps), for constant folding. `undefined` where the VM traps (division or
// remainder by zero), so such an expression is left for run time, where it traps as written.
// Operators the VM has no instruction for (`#`, `^`, the boolean words) follow the instruction
// sequences codegen.ts emits for them.

import type { BinaryOp, UnaryOp } from './ast.js';

/** Wrap to a signed 16-bit value, as an Int16Array store does. */
export function wrap16(n: number): number {
  return (n << 16) >> 16;
}

const truth = (n: number): number => (n !== 0 ? 1 : 0);

/** a ^ b: a multiplied by itself b times, wrapping (1 when b <= 0; the loop in codegen.ts). */
export function power(a: number, b: number): number {
  let result = 1;
  for (let n = b; n > 0; n--) result = wrap16(Math.imul(result, a));
  return result;
}

export function foldBinary(op: BinaryOp, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return wrap16(a + b);
    case '-': return wrap16(a - b);
    case '*': return wrap16(Math.imul(a, b));
    // div: truncated toward zero ((a / b) | 0), then the store wraps (-32768 / -1 = -32768).
    case '/': return b === 0 ? undefined : wrap16((a / b) | 0);
    // mod: C's %, the sign follows the dividend.
    case '%': return b === 0 ? undefined : wrap16(a % b);
    case '^': return power(a, b);
    case '&': return wrap16(a & b);
    case '|': return wrap16(a | b);
    case '#': return wrap16(a ^ b);
    case '=': return a === b ? 1 : 0;
    case '<>': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case 'and': return a !== 0 && b !== 0 ? 1 : 0;
    case 'or': return a !== 0 || b !== 0 ? 1 : 0;
    case 'xor': return truth(a) ^ truth(b);
    case 'eqv': return truth(a) === truth(b) ? 1 : 0;
    case 'imp': return a === 0 || b !== 0 ? 1 : 0;
  }
}

export function foldUnary(op: UnaryOp, a: number): number {
  switch (op) {
    case '-': return wrap16(-a);
    case '~': return wrap16(~a);
    case 'not': return a === 0 ? 1 : 0;
  }
}
