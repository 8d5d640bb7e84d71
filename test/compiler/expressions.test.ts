// Differential property: random expression trees over every operator, with constants across the
// 16-bit range and variables, compiled and run on the VM give what a reference evaluator written
// here (independently of compiler/arith.ts) computes, traps included (division or remainder by
// zero). Run with constant folding on and off, so folding must agree with the VM's own arithmetic.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiled, referenceArithmetic, runOnce, signed16, Trap } from './helpers.js';

type Tree =
  | { kind: 'lit'; value: number }
  | { kind: 'var'; index: number }
  | { kind: 'un'; op: string; a: Tree }
  | { kind: 'bin'; op: string; a: Tree; b: Tree };

const BINARY = ['eqv', 'imp', 'or', 'xor', 'and', '=', '<>', '<', '>', '<=', '>=', '|', '#', '&', '+', '-', '*', '/', '%', '^'];
const UNARY = ['-', 'not', '~'];
const VARS = ['a', 'b', 'c'];

const truth = (n: number): boolean => n !== 0;
const bit = (b: boolean): number => (b ? 1 : 0);

function evaluate(t: Tree, vars: readonly number[]): number {
  switch (t.kind) {
    case 'lit':
      return signed16(t.value);
    case 'var':
      return vars[t.index];
    case 'un': {
      const a = evaluate(t.a, vars);
      if (t.op === '-') return signed16(-a);
      if (t.op === '~') return signed16(-a - 1);
      return bit(a === 0);
    }
    case 'bin': {
      const a = evaluate(t.a, vars);
      const b = evaluate(t.b, vars);
      const arithmetic = referenceArithmetic(t.op, a, b);
      if (arithmetic !== undefined) return arithmetic;
      switch (t.op) {
        case '^': {
          let r = 1;
          for (let k = 0; k < b; k++) r = signed16(Number((BigInt(r) * BigInt(a)) % 65536n));
          return r;
        }
        case '=': return bit(a === b);
        case '<>': return bit(a !== b);
        case '<': return bit(a < b);
        case '>': return bit(a > b);
        case '<=': return bit(a <= b);
        case '>=': return bit(a >= b);
        case 'and': return bit(truth(a) && truth(b));
        case 'or': return bit(truth(a) || truth(b));
        case 'xor': return bit(truth(a) !== truth(b));
        case 'eqv': return bit(truth(a) === truth(b));
        case 'imp': return bit(!truth(a) || truth(b));
      }
      throw new Error(`no operator ${t.op}`);
    }
  }
}

/** Fully parenthesised, so the tree is what the parser reads whatever the precedence. */
function render(t: Tree): string {
  switch (t.kind) {
    case 'lit': return String(t.value);
    case 'var': return VARS[t.index];
    case 'un': return `(${t.op}${t.op === 'not' ? ' ' : ''}${render(t.a)})`;
    case 'bin': return `(${render(t.a)} ${t.op} ${render(t.b)})`;
  }
}

const constant = fc.oneof(
  fc.integer({ min: 0, max: 65535 }),
  fc.constantFrom(0, 1, 2, 63, 64, 255, 256, 32767, 32768, 65535),
);
const leaf: fc.Arbitrary<Tree> = fc.oneof(
  constant.map((value) => ({ kind: 'lit' as const, value })),
  fc.integer({ min: 0, max: VARS.length - 1 }).map((index) => ({ kind: 'var' as const, index })),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constant('un' as const), op: fc.constantFrom(...UNARY), a: tie('tree') }),
    fc.record({ kind: fc.constant('bin' as const), op: fc.constantFrom(...BINARY), a: tie('tree'), b: tie('tree') }).map((t): Tree =>
      // An exponent stays small so that the power loop ends quickly: 0..7, or anything mod 8.
      t.op === '^' ? { ...t, b: t.b.kind === 'lit' ? { kind: 'lit', value: t.b.value % 8 } : { kind: 'bin', op: '%', a: t.b, b: { kind: 'lit', value: 8 } } } : t,
    ),
  ),
}));
const value16 = fc.integer({ min: -32768, max: 32767 });

function program(t: Tree, vars: readonly number[]): string {
  return [
    'handler once;',
    'private r @ 0;',
    ...VARS.map((v, i) => `private ${v} @ ${i + 1};`),
    ...VARS.map((v, i) => `${v} = ${vars[i]};`),
    `r = ${render(t)};`,
  ].join('\n');
}

describe('compiled expressions', () => {
  for (const optimise of [true, false]) {
    it(`compute what the reference evaluator computes (${optimise ? 'folding and peephole on' : 'optimiser off'})`, () => {
      fc.assert(
        fc.property(tree, fc.tuple(value16, value16, value16), (t, vars) => {
          let expected: number | 'trap';
          try {
            expected = evaluate(t, vars);
          } catch (error) {
            if (!(error instanceof Trap)) throw error;
            expected = 'trap';
          }
          const ran = runOnce(compiled(program(t, vars), { optimise }));
          if (expected === 'trap') expect(ran.trapped).toBe(true);
          else {
            expect(ran.trapped).toBe(false);
            expect(ran.heap[0]).toBe(expected);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it('fold a constant expression to the value the VM computes for the same expression on variables', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BINARY), value16, value16, (op, x, y) => {
        const b = op === '^' ? ((y % 8) + 8) % 8 : y;
        const folded = compiled(`handler once; private r @ 0; r = (${x}) ${op} (${b});`);
        const run = compiled(`handler once; private r @ 0; private a @ 1; private b @ 2; a = ${x}; b = ${b}; r = a ${op} b;`);
        const f = runOnce(folded);
        const v = runOnce(run);
        expect(f.trapped).toBe(v.trapped);
        expect(f.heap[0]).toBe(v.heap[0]);
        if (!f.trapped) expect(folded.code.length).toBeLessThanOrEqual(6); // folded to a push and a store (and halt)
      }),
      { numRuns: 300 },
    );
  });
});
