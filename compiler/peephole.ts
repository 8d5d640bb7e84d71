// The peephole optimiser: local rewrites of the generated code (ir.ts), applied until none fits.
// Each rule keeps what the program does (LEDs, sends, values, traps) and never makes it longer:
//
//   set x; get x              -> copy; set x           the stored value is still on the stack
//   <buffer op>; pop; pushm   -> <buffer op>           the buffer was already on top
//   pushm; clear; pop; R; pushm -> R; pushm; clear     clear sinks to the buffer's next use (R: no
//                                                      instruction that touches the buffer or jumps)
//   pushc 0; gt; blez L       -> blez L                x > 0 is false exactly when x <= 0
//   pushc 0; eq               -> lnot
//   <pure push>; pop          -> (nothing)
//   jump L; L:                -> L:
//   jump, halt, ret, err; <code up to the next label> -> the code is unreachable: dropped
//   branch to L where L: jump M -> branch to M
//
// Labels are barriers: no rule looks across one, so a jump into the middle of a pattern is safe.

import { isBranch, type Ir, type Op } from './ir.js';

/** Pushes with no effect but the push. */
const PURE_PUSH = new Set(['pushc', 'pushb', 'pushw', 'getvar', 'gets', 'copy', 'pushm', 'id', 'msrc']);
/** Instructions that end the flow: what follows them up to a label never runs. */
const FINAL = new Set(['jump', 'halt', 'ret', 'err']);
/** Instructions a clear may not sink past: they use the buffer, leave the code, or jump. */
const BUFFER_USERS = new Set([
  'pushm', 'movm', 'clear', 'getms', 'getmb', 'setms', 'setmb', 'send', 'sendr', 'uart', 'call', 'jumps',
  'halt', 'ret', 'err', 'jump', 'jumpc', 'blez', 'depth', 'reset',
]);

const isOp = (i: Ir | undefined, name?: string): i is Op => i !== undefined && i.kind === 'op' && (name === undefined || i.name === name);
const sameSlot = (a: Op, b: Op): boolean =>
  (a.name === 'sets' && b.name === 'gets') || (a.name === 'setvar' && b.name === 'getvar' && a.operand === b.operand);

export function optimise(code: readonly Ir[]): Ir[] {
  let ir = [...code];
  for (let round = 0; round < 100; round++) {
    const next = pass(ir);
    if (next === undefined) return ir;
    ir = next;
  }
  return ir;
}

/** One rewrite, or undefined when no rule applies. */
function pass(ir: Ir[]): Ir[] | undefined {
  const replace = (at: number, count: number, by: Ir[]): Ir[] => [...ir.slice(0, at), ...by, ...ir.slice(at + count)];
  for (let k = 0; k < ir.length; k++) {
    const [a, b, c] = [ir[k], ir[k + 1], ir[k + 2]];
    if (!isOp(a)) continue;
    if (isOp(b) && sameSlot(a, b)) return replace(k, 2, [{ kind: 'op', name: 'copy', at: a.at }, a]);
    if (a.buffer === true && isOp(b, 'pop') && isOp(c, 'pushm')) return replace(k + 1, 2, []);
    if (a.name === 'pushm' && isOp(b, 'clear') && isOp(c, 'pop')) {
      let end = k + 3;
      while (isOp(ir[end]) && !BUFFER_USERS.has((ir[end] as Op).name)) end++;
      const use = ir[end];
      if (end > k + 3 && isOp(use, 'pushm')) return [...ir.slice(0, k), ...ir.slice(k + 3, end), use, b, ...ir.slice(end + 1)];
    }
    if (a.name === 'pushc' && a.operand === 0 && isOp(b, 'gt') && isOp(c, 'blez')) return replace(k, 2, []);
    if (a.name === 'pushc' && a.operand === 0 && isOp(b, 'eq')) return replace(k, 2, [{ kind: 'op', name: 'lnot', at: b.at }]);
    if (PURE_PUSH.has(a.name) && isOp(b, 'pop')) return replace(k, 2, []);
    if (a.name === 'jump') {
      for (let j = k + 1; j < ir.length && ir[j].kind === 'label'; j++) {
        const label = ir[j];
        if (label.kind === 'label' && label.id === a.operand) return replace(k, 1, []);
      }
    }
    if (FINAL.has(a.name) && isOp(b)) {
      let end = k + 1;
      while (isOp(ir[end])) end++;
      return replace(k + 1, end - k - 1, []);
    }
    if (isBranch(a)) {
      const target = threaded(ir, a.operand ?? -1);
      if (target !== a.operand) return replace(k, 1, [{ ...a, operand: target }]);
    }
  }
  return undefined;
}

/** Where a jump to label id ends up after following labels that only jump on. */
function threaded(ir: readonly Ir[], id: number): number {
  const seen = new Set<number>();
  let current = id;
  for (;;) {
    if (seen.has(current)) return id;
    seen.add(current);
    let j = ir.findIndex((i) => i.kind === 'label' && i.id === current);
    if (j < 0) return current;
    while (j < ir.length && ir[j].kind === 'label') j++;
    const first = ir[j];
    if (!isOp(first, 'jump') || first.operand === undefined) return current;
    current = first.operand;
  }
}
