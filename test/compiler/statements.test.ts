// Differential property: random statement programs (assignments, if/else, the three `for` forms and
// `while`, nested) compile and run on the VM to the same final variables as a reference interpreter
// written here. Loops are built so that they end: a loop variable belongs to its loop alone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { referenceArithmetic, runOnce, signed16, Trap } from './helpers.js';

/** Value variables v0..v3 in heap words 0..3; loop variables i0..i2 (one per nesting level) in 4..6. */
const VALUES = 4;

type Cond = { op: '<' | '>' | '=' | '<>' | '<=' | '>='; a: Operand; b: Operand } | { op: 'plain'; a: Operand };
type Operand = { kind: 'lit'; value: number } | { kind: 'v'; index: number } | { kind: 'i'; level: number };
type Expr = { op: '+' | '-' | '*' | '&' | '|' | '#' | '/' | '%'; a: Operand; b: Operand } | { op: 'operand'; a: Operand };
type Stmt =
  | { kind: 'assign'; target: number; value: Expr }
  | { kind: 'if'; cond: Cond; then: Stmt[]; otherwise: Stmt[] | null }
  | { kind: 'forTo'; start: number; bound: number; step: number; body: Stmt[] }
  | { kind: 'forUntil'; start: number; step: number; limit: number; body: Stmt[] }
  | { kind: 'forWhile'; start: number; step: number; limit: number; body: Stmt[] }
  | { kind: 'while'; limit: number; body: Stmt[] };

// --- the reference interpreter -----------------------------------------------------------------

interface State {
  v: number[];
  i: number[];
  steps: number;
}

function operand(o: Operand, s: State): number {
  return o.kind === 'lit' ? signed16(o.value) : o.kind === 'v' ? s.v[o.index] : s.i[o.level];
}

function value(e: Expr, s: State): number {
  const a = operand(e.a, s);
  if (e.op === 'operand') return a;
  const b = operand(e.b, s);
  const result = referenceArithmetic(e.op, a, b);
  if (result === undefined) throw new Error(`no operator ${e.op}`);
  return result;
}

function holds(c: Cond, s: State): boolean {
  const a = operand(c.a, s);
  if (c.op === 'plain') return a !== 0;
  const b = operand(c.b, s);
  return { '<': a < b, '>': a > b, '=': a === b, '<>': a !== b, '<=': a <= b, '>=': a >= b }[c.op];
}

function execute(list: readonly Stmt[], s: State, level: number): void {
  for (const st of list) {
    if (++s.steps > 100_000) throw new Error('the reference interpreter ran too long');
    switch (st.kind) {
      case 'assign':
        s.v[st.target] = value(st.value, s);
        break;
      case 'if':
        if (holds(st.cond, s)) execute(st.then, s, level);
        else if (st.otherwise) execute(st.otherwise, s, level);
        break;
      case 'forTo': // body first; go on while i <= bound (i >= bound stepping down)
        s.i[level] = st.start;
        do {
          execute(st.body, s, level + 1);
          s.i[level] = signed16(s.i[level] + st.step);
        } while (st.step > 0 ? !(s.i[level] > st.bound) : !(s.i[level] < st.bound));
        break;
      case 'forUntil': // until i >= limit, and while i < limit, are the same loop
      case 'forWhile':
        s.i[level] = st.start;
        do {
          execute(st.body, s, level + 1);
          s.i[level] = signed16(s.i[level] + st.step);
        } while (s.i[level] < st.limit);
        break;
      case 'while':
        s.i[level] = 0;
        while (s.i[level] < st.limit) {
          execute(st.body, s, level + 1);
          s.i[level] = signed16(s.i[level] + 1);
        }
        break;
    }
  }
}

// --- rendering -----------------------------------------------------------------------------------

const renderOperand = (o: Operand): string => (o.kind === 'lit' ? String(o.value) : o.kind === 'v' ? `v${o.index}` : `i${o.level}`);
const renderExpr = (e: Expr): string => (e.op === 'operand' ? renderOperand(e.a) : `${renderOperand(e.a)} ${e.op} ${renderOperand(e.b)}`);
const renderCond = (c: Cond): string => (c.op === 'plain' ? renderOperand(c.a) : `${renderOperand(c.a)} ${c.op} ${renderOperand(c.b)}`);
const signedText = (n: number): string => (n < 0 ? `-${-n}` : String(n));

function render(list: readonly Stmt[], level: number, indent = ''): string[] {
  const i = `i${level}`;
  return list.flatMap((st): string[] => {
    const body = (b: Stmt[]): string[] => render(b, level + 1, `${indent}  `);
    switch (st.kind) {
      case 'assign':
        return [`${indent}v${st.target} = ${renderExpr(st.value)};`];
      case 'if':
        return [
          `${indent}if ${renderCond(st.cond)} then`,
          ...render(st.then, level, `${indent}  `),
          ...(st.otherwise ? [`${indent}else`, ...render(st.otherwise, level, `${indent}  `)] : []),
          `${indent}end if`,
        ];
      case 'forTo':
        return [`${indent}for ${i} = ${signedText(st.start)} to ${signedText(st.bound)} step ${signedText(st.step)}`, ...body(st.body), `${indent}next ${i}`];
      case 'forUntil':
        return [`${indent}for ${i} = ${signedText(st.start)} step ${st.step} until ${i} >= ${st.limit}`, ...body(st.body), `${indent}next ${i}`];
      case 'forWhile':
        return [`${indent}for ${i} = ${signedText(st.start)} step ${st.step} while ${i} < ${st.limit}`, ...body(st.body), `${indent}next ${i}`];
      case 'while':
        return [`${indent}${i} = 0;`, `${indent}while ${i} < ${st.limit}`, ...body(st.body), `${indent}  ${i} = ${i} + 1;`, `${indent}end while`];
    }
  });
}

// --- generators ----------------------------------------------------------------------------------

function operandOf(level: number): fc.Arbitrary<Operand> {
  return fc.oneof(
    fc.integer({ min: 0, max: 65535 }).map((value) => ({ kind: 'lit' as const, value })),
    fc.integer({ min: 0, max: 3 }).map((value) => ({ kind: 'lit' as const, value })),
    fc.integer({ min: 0, max: VALUES - 1 }).map((index) => ({ kind: 'v' as const, index })),
    ...(level > 0 ? [fc.integer({ min: 0, max: level - 1 }).map((l) => ({ kind: 'i' as const, level: l }))] : []),
  );
}

function statements(level: number, depth: number): fc.Arbitrary<Stmt[]> {
  const o = operandOf(level);
  const expr: fc.Arbitrary<Expr> = fc.oneof(
    o.map((a) => ({ op: 'operand' as const, a })),
    fc.record({ op: fc.constantFrom('+', '-', '*', '&', '|', '#', '/', '%') as fc.Arbitrary<Exclude<Expr['op'], 'operand'>>, a: o, b: o }),
  );
  const cond: fc.Arbitrary<Cond> = fc.oneof(
    fc.record({ op: fc.constantFrom('<', '>', '=', '<>', '<=', '>=') as fc.Arbitrary<Exclude<Cond['op'], 'plain'>>, a: o, b: o }),
    o.map((a) => ({ op: 'plain' as const, a })),
  );
  const assign = fc.record({ kind: fc.constant('assign' as const), target: fc.integer({ min: 0, max: VALUES - 1 }), value: expr });
  if (depth === 0) return fc.array(assign, { minLength: 1, maxLength: 3 });
  const inner = statements(level, depth - 1);
  const nested = statements(level + 1, depth - 1);
  const small = fc.integer({ min: -3, max: 3 });
  const stmt: fc.Arbitrary<Stmt> = fc.oneof(
    { weight: 3, arbitrary: assign },
    fc.record({ kind: fc.constant('if' as const), cond, then: inner, otherwise: fc.option(inner, { nil: null }) }),
    fc.record({ kind: fc.constant('forTo' as const), start: small, bound: small, step: fc.constantFrom(-2, -1, 1, 2, 3), body: nested }),
    fc.record({ kind: fc.constant('forUntil' as const), start: small, step: fc.integer({ min: 1, max: 3 }), limit: fc.integer({ min: -2, max: 5 }), body: nested }),
    fc.record({ kind: fc.constant('forWhile' as const), start: small, step: fc.integer({ min: 1, max: 3 }), limit: fc.integer({ min: -2, max: 5 }), body: nested }),
    fc.record({ kind: fc.constant('while' as const), limit: fc.integer({ min: -1, max: 4 }), body: nested }),
  );
  return fc.array(stmt, { minLength: 1, maxLength: depth > 1 ? 3 : 2 });
}

function programText(body: readonly Stmt[], start: readonly number[]): string {
  return [
    'handler once;',
    ...Array.from({ length: VALUES }, (_, k) => `private v${k} @ ${k};`),
    ...[0, 1, 2].map((l) => `private i${l} @ ${VALUES + l};`),
    ...start.map((n, k) => `v${k} = ${signedText(n)};`),
    ...render(body, 0),
  ].join('\n');
}

describe('compiled statement programs', () => {
  for (const optimise of [true, false]) {
    it(`end with the reference interpreter's variables (${optimise ? 'optimised' : 'optimiser off'})`, () => {
      const start = fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: VALUES, maxLength: VALUES });
      fc.assert(
        fc.property(statements(0, 3), start, (body, initial) => {
          const text = programText(body, initial);
          const result = compile(text, { optimise });
          if (!result.ok) {
            // The only refusal allowed: a program too big for one capsule.
            expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^the handler compiles to \d+ bytes; a capsule holds at most 128/)]);
            return;
          }
          const state: State = { v: [...initial], i: [0, 0, 0], steps: 0 };
          let trapped = false;
          try {
            execute(body, state, 0);
          } catch (error) {
            if (!(error instanceof Trap)) throw error;
            trapped = true;
          }
          const ran = runOnce(result.capsule);
          expect(ran.trapped).toBe(trapped);
          if (!trapped) {
            expect(ran.heap.slice(0, VALUES)).toEqual(state.v);
            // Loop variables that ran hold their last values (ones that never ran stay 0 in both).
            expect(ran.heap.slice(VALUES, VALUES + 3)).toEqual(state.i);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
