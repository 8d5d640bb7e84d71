// The code generator: checked TinyScript (resolved.ts) to stack code (ir.ts). Expressions evaluate
// left to right onto the operand stack; conditions jump on false with `blez` when they are 0 or 1
// (comparisons and the boolean words) and with `lnot; jumpc` otherwise. Loops test at the bottom,
// as ASVM's compiler did (its ForConditionalStatement and ForUnconditionalStatement): a `for` body
// runs at least once. A handler ends with `halt`, a subroutine with `ret`.
//
// Operators without an instruction: `xor`, `eqv`, `imp` are built from lnot/neq/eq/lor; `#` is
// (a | b) & ~(a & b) with b kept in a scratch heap word; `^` multiplies in a loop (a ^ 2 to a ^ 4
// by copies), with its count and base in scratch words. Scratch words are heap words no variable
// of this handler holds (RProgram.free).

import type { BinaryOp } from './ast.js';
import type { Diagnostics, Loc } from './errors.js';
import type { Ir, Op } from './ir.js';
import type { RExpr, RProgram, RStmt, Slot } from './resolved.js';

const SIMPLE: Partial<Record<BinaryOp, string>> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '&': 'and', '|': 'or',
  '=': 'eq', '<>': 'neq', '<': 'lt', '>': 'gt', '<=': 'lte', '>=': 'gte', and: 'land', or: 'lor',
};
const BOOLEAN_OPS: ReadonlySet<BinaryOp> = new Set(['=', '<>', '<', '>', '<=', '>=', 'and', 'or', 'xor', 'eqv', 'imp']);

/** Whether an expression's value is always 0 or 1, so `blez` can jump on false. */
function isBoolean(e: RExpr): boolean {
  if (e.kind === 'const') return e.value === 0 || e.value === 1;
  if (e.kind === 'unary') return e.op === 'not';
  return e.kind === 'binary' && BOOLEAN_OPS.has(e.op);
}

export function generate(program: RProgram, subroutine: boolean, d: Diagnostics): Ir[] {
  const out: Ir[] = [];
  let labels = 0;
  const newLabel = (): number => labels++;
  const emit = (name: string, at: Loc, operand?: number, buffer?: boolean): void => {
    const op: Op = { kind: 'op', name, at, ...(operand === undefined ? {} : { operand }), ...(buffer ? { buffer } : {}) };
    out.push(op);
  };
  const label = (id: number): void => {
    out.push({ kind: 'label', id });
  };
  const scratch = (count: number, at: Loc, what: string): number[] => {
    if (program.free.length < count) {
      d.error(at, `'${what}' needs ${count} free heap word${count === 1 ? '' : 's'} as scratch; this handler's variables hold ${16 - program.free.length} of 16`);
      return Array.from({ length: count }, () => 0);
    }
    return program.free.slice(0, count);
  };

  const pushConst = (value: number, at: Loc): void => {
    // The shortest form: pushc 0..63 (1 byte), pushb 64..255, pushc n; inv for -63..-1 (2 bytes), else pushw (3).
    if (value >= 0 && value <= 63) emit('pushc', at, value);
    else if (value >= 64 && value <= 255) emit('pushb', at, value);
    else if (value >= -63 && value < 0) {
      emit('pushc', at, -value);
      emit('inv', at);
    } else emit('pushw', at, value);
  };
  const load = (slot: Slot, at: Loc): void => (slot === 'shared' ? emit('gets', at) : emit('getvar', at, slot));
  const store = (slot: Slot, at: Loc): void => (slot === 'shared' ? emit('sets', at) : emit('setvar', at, slot));

  const expr = (e: RExpr): void => {
    switch (e.kind) {
      case 'const':
        return pushConst(e.value, e.at);
      case 'var':
        return load(e.slot, e.at);
      case 'field':
        emit('pushm', e.at);
        return emit('getms', e.at, e.index);
      case 'builtin':
        return builtin(e);
      case 'unary':
        expr(e.operand);
        return emit(e.op === '-' ? 'inv' : e.op === '~' ? 'not' : 'lnot', e.at);
      case 'binary':
        return binary(e);
    }
  };
  const builtin = (e: Extract<RExpr, { kind: 'builtin' }>): void => {
    let embedded = 0;
    e.args.forEach((a, i) => {
      if (a.kind === 'embedded') embedded = a.value;
      else if (a.kind === 'buffer') {
        const param = e.builtin.params[i];
        if (param.kind === 'buffer' && param.push) emit('pushm', e.at);
      } else expr(a);
    });
    for (const op of e.builtin.code) emit(op.name, e.at, op.operand === 'arg' ? embedded : op.operand, op.buffer);
  };
  const binary = (e: Extract<RExpr, { kind: 'binary' }>): void => {
    const { op, at } = e;
    if (op === '^') return power(e);
    expr(e.left);
    if (op === 'xor' || op === 'eqv') emit('lnot', at);
    if (op === 'imp') emit('lnot', at);
    expr(e.right);
    const simple = SIMPLE[op];
    if (simple !== undefined) return emit(simple, at);
    switch (op) {
      case 'xor':
        emit('lnot', at);
        return emit('neq', at);
      case 'eqv':
        emit('lnot', at);
        return emit('eq', at);
      case 'imp':
        return emit('lor', at);
      case '#': {
        // [a b] -> b to scratch; a | b, then a & b; (a | b) & ~(a & b).
        const [t] = scratch(1, at, '#');
        emit('setvar', at, t);
        emit('copy', at);
        emit('getvar', at, t);
        emit('or', at);
        emit('swap', at);
        emit('getvar', at, t);
        emit('and', at);
        emit('not', at);
        return emit('and', at);
      }
    }
  };
  const power = (e: Extract<RExpr, { kind: 'binary' }>): void => {
    const { at } = e;
    expr(e.left);
    if (e.right.kind === 'const' && e.right.value <= 4) {
      const n = e.right.value;
      if (n <= 0) {
        emit('pop', at);
        return emit('pushc', at, 1);
      }
      for (let k = 1; k < n; k++) emit('copy', at);
      for (let k = 1; k < n; k++) emit('mul', at);
      return;
    }
    expr(e.right);
    // [a n] -> n and a to scratch; result 1 on the stack, times a while n > 0.
    const [count, base] = scratch(2, at, '^');
    const top = newLabel();
    const done = newLabel();
    emit('setvar', at, count);
    emit('setvar', at, base);
    emit('pushc', at, 1);
    label(top);
    emit('getvar', at, count);
    emit('blez', at, done);
    emit('getvar', at, base);
    emit('mul', at);
    emit('getvar', at, count);
    emit('pushc', at, 1);
    emit('sub', at);
    emit('setvar', at, count);
    emit('jump', at, top);
    label(done);
  };

  /** Jump to target when the condition is false (0). */
  const jumpIfFalse = (c: RExpr, target: number): void => {
    expr(c);
    if (isBoolean(c)) return emit('blez', c.at, target);
    emit('lnot', c.at);
    emit('jumpc', c.at, target);
  };
  /** Jump to target when the condition is true (not 0). */
  const jumpIfTrue = (c: RExpr, target: number): void => {
    expr(c);
    emit('jumpc', c.at, target);
  };

  const statement = (s: RStmt): void => {
    switch (s.kind) {
      case 'assign':
        expr(s.value);
        return store(s.slot, s.at);
      case 'store':
        // Value first, then the buffer: `add` appends whichever operand is not the message.
        if (s.index === null) {
          expr(s.value);
          emit('pushm', s.at);
          emit('add', s.at, undefined, true);
        } else {
          emit('pushm', s.at);
          expr(s.value);
          emit('setms', s.at, s.index, true);
        }
        return emit('pop', s.at);
      case 'call':
        builtin(s.call);
        if (s.call.builtin.returns) emit('pop', s.at);
        return;
      case 'if': {
        const otherwise = newLabel();
        jumpIfFalse(s.condition, otherwise);
        s.then.forEach(statement);
        if (s.otherwise.length === 0) return label(otherwise);
        const end = newLabel();
        emit('jump', s.at, end);
        label(otherwise);
        s.otherwise.forEach(statement);
        return label(end);
      }
      case 'while': {
        const top = newLabel();
        const end = newLabel();
        label(top);
        jumpIfFalse(s.condition, end);
        s.body.forEach(statement);
        emit('jump', s.at, top);
        return label(end);
      }
      case 'for': {
        const top = newLabel();
        expr(s.start);
        store(s.slot, s.at);
        label(top);
        s.body.forEach(statement);
        const at = s.nextAt;
        if (s.step !== 0) {
          load(s.slot, at);
          pushConst(s.step, at);
          emit('add', at);
          store(s.slot, at);
        }
        if (s.end.kind === 'to') {
          // Go on while i <= bound (i >= bound for a negative step): i > bound is 0 then, and blez jumps.
          load(s.slot, at);
          pushConst(s.end.bound, s.end.at);
          emit(s.step > 0 ? 'gt' : 'lt', at);
          return emit('blez', at, top);
        }
        if (s.end.kind === 'until') return jumpIfFalse(s.end.condition, top);
        return jumpIfTrue(s.end.condition, top);
      }
    }
  };
  program.body.forEach(statement);
  emit(subroutine ? 'ret' : 'halt', program.end);
  return out;
}
