// The checked program the code generator reads: names resolved to storage, constants folded, every
// built-in call matched to its table row. Only check.ts builds these.

import type { BinaryOp, UnaryOp } from './ast.js';
import type { Builtin } from './builtins.js';
import type { Loc } from './errors.js';

/** Where a variable lives: the VM's shared variable (gets/sets) or heap word n (getvar/setvar). */
export type Slot = 'shared' | number;

export type RExpr =
  | { readonly kind: 'const'; readonly at: Loc; readonly value: number }
  | { readonly kind: 'var'; readonly at: Loc; readonly slot: Slot }
  /** b[i]: 16-bit field i of this context's buffer. */
  | { readonly kind: 'field'; readonly at: Loc; readonly index: number }
  | { readonly kind: 'builtin'; readonly at: Loc; readonly builtin: Builtin; readonly args: readonly RArg[] }
  | { readonly kind: 'unary'; readonly at: Loc; readonly op: UnaryOp; readonly operand: RExpr }
  | { readonly kind: 'binary'; readonly at: Loc; readonly op: BinaryOp; readonly left: RExpr; readonly right: RExpr };

/** A built-in's argument: a value, the buffer, or a constant the instruction embeds. */
export type RArg = RExpr | { readonly kind: 'buffer' } | { readonly kind: 'embedded'; readonly value: number };

export type RStmt =
  | { readonly kind: 'assign'; readonly at: Loc; readonly slot: Slot; readonly value: RExpr }
  /** index null: append (b[] = e). */
  | { readonly kind: 'store'; readonly at: Loc; readonly index: number | null; readonly value: RExpr }
  | { readonly kind: 'call'; readonly at: Loc; readonly call: Extract<RExpr, { kind: 'builtin' }> }
  | { readonly kind: 'if'; readonly at: Loc; readonly condition: RExpr; readonly then: readonly RStmt[]; readonly otherwise: readonly RStmt[] }
  | { readonly kind: 'while'; readonly at: Loc; readonly condition: RExpr; readonly body: readonly RStmt[] }
  /** A `for` loop, body first (ASVM tests at the bottom): start, body, step, then the test. */
  | {
      readonly kind: 'for';
      readonly at: Loc;
      readonly slot: Slot;
      readonly start: RExpr;
      readonly step: number;
      /** to N: go on while i <= N (step > 0) or i >= N (step < 0); until/while: the condition. */
      readonly end: { readonly kind: 'to'; readonly bound: number; readonly at: Loc } | { readonly kind: 'until' | 'while'; readonly condition: RExpr };
      readonly body: readonly RStmt[];
      /** The `next i` line: where the step and test are. */
      readonly nextAt: Loc;
    };

export interface RProgram {
  readonly body: readonly RStmt[];
  readonly end: Loc;
  /** Heap words no variable holds, highest first: scratch for `#` and `^`. */
  readonly free: readonly number[];
}
