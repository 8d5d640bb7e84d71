// TinyScript's syntax tree. Every node carries the place it starts at, for errors and the source map.

import type { Loc } from './errors.js';

export type BinaryOp =
  | 'eqv' | 'imp' | 'or' | 'xor' | 'and'
  | '=' | '<>' | '<' | '>' | '<=' | '>='
  | '|' | '#' | '&' | '+' | '-' | '*' | '/' | '%' | '^';
export type UnaryOp = '-' | 'not' | '~';

export type Expr =
  | { readonly kind: 'number'; readonly at: Loc; readonly value: number }
  | { readonly kind: 'name'; readonly at: Loc; readonly name: string }
  /** `b[i]` (index present) or `b[]`. */
  | { readonly kind: 'element'; readonly at: Loc; readonly buffer: string; readonly index: Expr | null }
  | { readonly kind: 'call'; readonly at: Loc; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'unary'; readonly at: Loc; readonly op: UnaryOp; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly at: Loc; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr };

/** How a `for` loop ends: at a constant bound (`to`), or on a condition (`until`, `while`). */
export type ForEnd =
  | { readonly kind: 'to'; readonly bound: Expr }
  | { readonly kind: 'until' | 'while'; readonly condition: Expr };

export type Stmt =
  | { readonly kind: 'assign'; readonly at: Loc; readonly name: string; readonly value: Expr }
  /** `b[] = e` (index null: append) or `b[i] = e`. */
  | { readonly kind: 'store'; readonly at: Loc; readonly buffer: string; readonly index: Expr | null; readonly value: Expr }
  | { readonly kind: 'call'; readonly at: Loc; readonly call: Extract<Expr, { kind: 'call' }> }
  | { readonly kind: 'if'; readonly at: Loc; readonly condition: Expr; readonly then: readonly Stmt[]; readonly otherwise: readonly Stmt[] | null }
  | {
      readonly kind: 'for';
      readonly at: Loc;
      readonly variable: string;
      readonly variableAt: Loc;
      readonly start: Expr;
      readonly step: Expr | null;
      readonly end: ForEnd;
      readonly body: readonly Stmt[];
      readonly next: string;
      readonly nextAt: Loc;
    }
  | { readonly kind: 'while'; readonly at: Loc; readonly condition: Expr; readonly body: readonly Stmt[] };

export type DeclKind = 'private' | 'shared' | 'buffer' | 'constant';

export interface Decl {
  readonly kind: DeclKind;
  readonly at: Loc;
  readonly name: string;
  /** A constant's value expression. */
  readonly value?: Expr;
  /** `@ N`: the heap word a variable lives in (an addition to ASVM's language). */
  readonly slot?: Expr;
}

export interface Header {
  readonly handler?: { readonly at: Loc; readonly name: string };
  readonly version?: { readonly at: Loc; readonly value: number };
}

export interface Program {
  readonly header: Header;
  readonly decls: readonly Decl[];
  readonly body: readonly Stmt[];
  /** Where the file ends: the place of the handler's closing halt or ret. */
  readonly end: Loc;
}
