// The checker: declarations to storage, names to what they mean, built-in calls against their table
// rows, the rules the grammar cannot say (loop bounds and steps are constants, `next` names the
// loop's variable, a buffer index is a constant field), and constant folding with the VM's own
// arithmetic (arith.ts). Every mistake is reported at its place and checking goes on.
//
// Storage (an addition to ASVM, whose VM gave each handler private words): our VM has one shared
// variable and 16 heap words, all of the mote. `shared x` takes the shared variable for the first
// such name and heap words from 0 up after it; `private x` takes heap words from 15 down; `@ N`
// puts a variable in heap word N. Two handlers that share variables declare them alike.

import type { Decl, Expr, Program, Stmt } from './ast.js';
import { BUILTINS, builtinByName, signature, type Builtin } from './builtins.js';
import { foldBinary, foldUnary, wrap16 } from './arith.js';
import type { Diagnostics, Loc } from './errors.js';
import type { RArg, RExpr, RProgram, RStmt, Slot } from './resolved.js';
import { didYouMean } from '../assembler/suggest.js';

const HEAP_WORDS = 16;
/** getms reads 16-bit fields 0..7 (vm/opcodes.ts). */
const FIELDS = 8;

type Meaning =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'variable'; readonly slot: Slot }
  | { readonly kind: 'buffer' };

export interface CheckOptions {
  /** Fold constant subexpressions (default true); off, every operator is computed by the VM. */
  readonly fold?: boolean;
}

const ORDINALS = ['1st', '2nd', '3rd', '4th'];

export function check(program: Program, d: Diagnostics, options: CheckOptions = {}): RProgram {
  const fold = options.fold ?? true;
  const symbols = new Map<string, Meaning>();
  const lookup = (name: string, at: Loc): Meaning | undefined => {
    const found = symbols.get(name);
    if (found === undefined) d.error(at, `'${name}' is not declared${didYouMean(name, symbols.keys())}`);
    return found;
  };

  // --- expressions -----------------------------------------------------------------------------
  const number = (value: number, at: Loc): RExpr => {
    if (value > 0xffff) d.error(at, `${value} does not fit in 16 bits (0..65535)`);
    return { kind: 'const', at, value: wrap16(value) };
  };
  const constant = (e: Expr, what: string): number | undefined => {
    const r = expr(e, true); // a constant is folded whether or not the optimiser runs
    if (r.kind === 'const') return r.value;
    d.error(e.at, `${what} must be a constant (a number, a constant's name, or arithmetic on them)`);
    return undefined;
  };
  const bufferIndex = (index: Expr): number => {
    const value = constant(index, 'a buffer index');
    if (value === undefined) return 0;
    if (value < 0 || value >= FIELDS) d.error(index.at, `buffer index ${value} is out of range: the VM reads 16-bit fields 0..${FIELDS - 1}`);
    return Math.max(0, Math.min(FIELDS - 1, value));
  };
  const isBuffer = (e: Expr): boolean => {
    if (e.kind === 'name') return symbols.get(e.name)?.kind === 'buffer';
    return e.kind === 'element' && e.index === null;
  };
  const requireBuffer = (name: string, at: Loc): void => {
    const s = lookup(name, at);
    if (s !== undefined && s.kind !== 'buffer') d.error(at, `'${name}' is not a buffer`);
  };
  const call = (e: Extract<Expr, { kind: 'call' }>, asValue: boolean): Extract<RExpr, { kind: 'builtin' }> | RExpr => {
    const builtin = builtinByName(e.name);
    const dummy: RExpr = { kind: 'const', at: e.at, value: 0 };
    if (builtin === undefined) {
      d.error(e.at, `unknown function '${e.name}': the VM has no such operation${didYouMean(e.name.toLowerCase(), BUILTINS.map((b) => b.name))}`);
      e.args.forEach((a) => (isBuffer(a) ? undefined : expr(a)));
      return dummy;
    }
    if (asValue && !builtin.returns) d.error(e.at, `'${builtin.name}' returns no value; call it as a statement`);
    if (e.args.length !== builtin.params.length) {
      const n = builtin.params.length;
      d.error(e.at, `'${builtin.name}' takes ${n} argument${n === 1 ? '' : 's'} (${signature(builtin)}), not ${e.args.length}`);
      return dummy;
    }
    const args = e.args.map((a, i) => argument(builtin, i, a));
    return { kind: 'builtin', at: e.at, builtin, args };
  };
  const argument = (builtin: Builtin, i: number, a: Expr): RArg => {
    const param = builtin.params[i];
    const nth = `the ${ORDINALS[i]} argument of '${builtin.name}'`;
    if (param.kind === 'buffer') {
      if (a.kind === 'name' || (a.kind === 'element' && a.index === null)) requireBuffer(a.kind === 'name' ? a.name : a.buffer, a.at);
      else d.error(a.at, `${nth} must be the buffer's name (${signature(builtin)})`);
      return { kind: 'buffer' };
    }
    if (param.kind === 'const') {
      const value = constant(a, nth);
      if (value !== undefined && (value < param.min || value > param.max)) {
        d.error(a.at, `${nth} must be ${param.min}..${param.max}, not ${value}`);
      }
      return { kind: 'embedded', value: value ?? param.min };
    }
    return expr(a);
  };
  const expr = (e: Expr, folding = fold): RExpr => {
    switch (e.kind) {
      case 'number':
        return number(e.value, e.at);
      case 'name': {
        const s = lookup(e.name, e.at);
        if (s === undefined) return { kind: 'const', at: e.at, value: 0 };
        if (s.kind === 'constant') return { kind: 'const', at: e.at, value: s.value };
        if (s.kind === 'buffer') {
          d.error(e.at, `'${e.name}' is a buffer, not a value; read an element with ${e.name}[i]`);
          return { kind: 'const', at: e.at, value: 0 };
        }
        return { kind: 'var', at: e.at, slot: s.slot };
      }
      case 'element': {
        requireBuffer(e.buffer, e.at);
        if (e.index === null) {
          d.error(e.at, `'${e.buffer}[]' is the whole buffer, not a value; read an element with ${e.buffer}[i]`);
          return { kind: 'const', at: e.at, value: 0 };
        }
        return { kind: 'field', at: e.at, index: bufferIndex(e.index) };
      }
      case 'call':
        return call(e, true);
      case 'unary': {
        const operand = expr(e.operand, folding);
        if (folding && operand.kind === 'const') return { kind: 'const', at: e.at, value: foldUnary(e.op, operand.value) };
        return { kind: 'unary', at: e.at, op: e.op, operand };
      }
      case 'binary': {
        const left = expr(e.left, folding);
        const right = expr(e.right, folding);
        if (folding && left.kind === 'const' && right.kind === 'const') {
          const value = foldBinary(e.op, left.value, right.value);
          if (value !== undefined) return { kind: 'const', at: e.at, value };
        }
        return { kind: 'binary', at: e.at, op: e.op, left, right };
      }
    }
  };

  // --- declarations ----------------------------------------------------------------------------
  const taken = new Map<number, string>();
  let sharedUsed = false;
  const place = (decl: Decl, word: number): Slot => {
    const holder = taken.get(word);
    if (holder !== undefined) d.error(decl.at, `heap word ${word} already holds '${holder}'`);
    taken.set(word, decl.name);
    return word;
  };
  const nextFree = (from: number, by: number): number | undefined => {
    for (let w = from; w >= 0 && w < HEAP_WORDS; w += by) if (!taken.has(w)) return w;
    return undefined;
  };
  const declare = (decl: Decl): Meaning | undefined => {
    if (decl.kind === 'constant') {
      const value = decl.value === undefined ? undefined : constant(decl.value, `the value of constant '${decl.name}'`);
      return { kind: 'constant', value: value ?? 0 };
    }
    if (decl.kind === 'buffer') {
      const other = [...symbols].find(([, s]) => s.kind === 'buffer');
      if (other !== undefined) {
        d.error(decl.at, `a second buffer ('${other[0]}' is the first): the VM has one message buffer per handler`);
      }
      return { kind: 'buffer' };
    }
    if (decl.slot !== undefined) {
      const word = constant(decl.slot, 'a heap word after @');
      if (word === undefined) return undefined;
      if (word < 0 || word >= HEAP_WORDS) {
        d.error(decl.slot.at, `heap word ${word} does not exist: the VM has words 0..${HEAP_WORDS - 1}`);
        return undefined;
      }
      return { kind: 'variable', slot: place(decl, word) };
    }
    return undefined; // placed after every @ is known
  };
  const unplaced: Decl[] = [];
  for (const decl of program.decls) {
    if (symbols.has(decl.name)) {
      d.error(decl.at, `'${decl.name}' is declared twice`);
      continue;
    }
    const symbol = declare(decl);
    if (symbol !== undefined) symbols.set(decl.name, symbol);
    else if (decl.kind !== 'constant' && decl.slot === undefined) {
      unplaced.push(decl);
      symbols.set(decl.name, { kind: 'variable', slot: 0 }); // a placeholder until placed below
    }
  }
  for (const decl of unplaced) {
    let slot: Slot | undefined;
    if (decl.kind === 'shared' && !sharedUsed) {
      sharedUsed = true;
      slot = 'shared';
    } else {
      const word = decl.kind === 'shared' ? nextFree(0, 1) : nextFree(HEAP_WORDS - 1, -1);
      if (word === undefined) d.error(decl.at, `no heap word left for '${decl.name}': the VM has ${HEAP_WORDS}`);
      else slot = place(decl, word);
    }
    symbols.set(decl.name, { kind: 'variable', slot: slot ?? 0 });
  }

  // --- statements ------------------------------------------------------------------------------
  const variable = (name: string, at: Loc): Slot => {
    const s = lookup(name, at);
    if (s === undefined) return 0;
    if (s.kind === 'variable') return s.slot;
    d.error(at, s.kind === 'constant' ? `'${name}' is a constant; it cannot be assigned` : `'${name}' is a buffer; write an element with ${name}[i] = ... or append with ${name}[] = ...`);
    return 0;
  };
  const statements = (list: readonly Stmt[]): RStmt[] => list.map(statement);
  const statement = (s: Stmt): RStmt => {
    switch (s.kind) {
      case 'assign':
        return { kind: 'assign', at: s.at, slot: variable(s.name, s.at), value: expr(s.value) };
      case 'store': {
        requireBuffer(s.buffer, s.at);
        const index = s.index === null ? null : bufferIndex(s.index);
        return { kind: 'store', at: s.at, index, value: expr(s.value) };
      }
      case 'call': {
        const r = call(s.call, false);
        // Not a built-in: the error is reported and no code will be generated; an empty statement stands in.
        return r.kind === 'builtin' ? { kind: 'call', at: s.at, call: r } : { kind: 'if', at: s.at, condition: r, then: [], otherwise: [] };
      }
      case 'if':
        return { kind: 'if', at: s.at, condition: expr(s.condition), then: statements(s.then), otherwise: statements(s.otherwise ?? []) };
      case 'while':
        return { kind: 'while', at: s.at, condition: expr(s.condition), body: statements(s.body) };
      case 'for': {
        const slot = variable(s.variable, s.variableAt);
        if (s.next !== s.variable) {
          d.error(s.nextAt, `'next ${s.next}' closes the loop over '${s.variable}' (line ${s.at.line}); it must name the same variable`);
        }
        const conditional = s.end.kind !== 'to';
        const start = conditional ? { kind: 'const' as const, at: s.start.at, value: constant(s.start, "a conditional loop's start") ?? 0 } : expr(s.start);
        const step = s.step === null ? 1 : constant(s.step, "a loop's step") ?? 1;
        if (s.end.kind === 'to') {
          const bound = constant(s.end.bound, "a 'to' bound") ?? 0;
          if (step === 0 && s.step !== null) d.error(s.step.at, "a 'to' loop's step must not be 0 (the loop would never reach its bound)");
          return { kind: 'for', at: s.at, slot, start, step, end: { kind: 'to', bound, at: s.end.bound.at }, body: statements(s.body), nextAt: s.nextAt };
        }
        const condition = expr(s.end.condition);
        return { kind: 'for', at: s.at, slot, start, step, end: { kind: s.end.kind, condition }, body: statements(s.body), nextAt: s.nextAt };
      }
    }
  };
  const body = statements(program.body);
  const free = Array.from({ length: HEAP_WORDS }, (_, i) => HEAP_WORDS - 1 - i).filter((w) => !taken.has(w));
  return { body, end: program.end, free };
}
