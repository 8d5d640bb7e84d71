// Static checks on a capsule before it is installed or shipped (SPEC 7): every byte decodes, every
// jump lands on an instruction inside the capsule, the size fits, and, where the stack depth is
// static, no path underflows or overflows the 16-operand stack. Abstract interpretation over the
// flow graph, with stack effects and flow kinds from the opcode table (vm/opcodes.ts).
//
// Entry depth. send, receive and once start on an empty stack, so their depths are exact. A clock
// capsule's stack persists between firings (and starts with 0 pushed on install), and a subroutine
// runs on its caller's stack: there the entry depth is "some d >= 0", so depths are tracked relative
// to it. Underflow is then a run-time matter (not flagged), but a path that pushes more than 16
// above its entry overflows whatever d is, so overflow is still flagged.
//
// Where the depth stops being static the path is no longer checked and maxDepth becomes null: after
// a `call` (the subroutine may change the stack), at a `jumps` (its targets are dynamic), at a merge
// of paths with different depths, and after a reported depth error. `reset` empties the stack, so
// after it the depth is exactly 0 again. Running off the end of the code ends the context, as halt.

import {
  CLASSIC_MAX_BYTES,
  EXTENDED_MAX_BYTES,
  OPERAND_STACK_DEPTH,
  isClassic,
  type Capsule,
} from '../vm/capsule.js';
import { decodeAt, type Decoded } from './decode.js';

export interface VerifyError {
  /** Byte offset of the offending instruction (for the size limit: the first byte past it). */
  readonly pc: number;
  readonly message: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Sorted by pc. */
  readonly errors: VerifyError[];
  /** Most operands held above the entry depth on any static path; null where not static. */
  readonly maxDepth: number | null;
  /** Fits one packet (CLASSIC_MAX_BYTES); otherwise extended, shipped in fragments. */
  readonly classic: boolean;
}

/** Stack depth at an instruction; `exact` when measured from an empty stack, else from the entry. */
type Depth = { readonly depth: number; readonly exact: boolean } | null;

export function verify(capsule: Pick<Capsule, 'type' | 'code'>): VerifyResult {
  const { code } = capsule;
  const errors: VerifyError[] = [];
  if (code.length > EXTENDED_MAX_BYTES) {
    errors.push({
      pc: EXTENDED_MAX_BYTES,
      message: `capsule is ${code.length} bytes; an extended capsule holds at most ${EXTENDED_MAX_BYTES} (a classic one ${CLASSIC_MAX_BYTES})`,
    });
  }
  const decoded = sweep(code, errors);
  checkTargets(code, decoded, errors);
  const entryExact = capsule.type === 'send' || capsule.type === 'receive' || capsule.type === 'once';
  const maxDepth = checkDepth(code, decoded, { depth: 0, exact: entryExact }, errors);
  errors.sort((a, b) => a.pc - b.pc);
  return { ok: errors.length === 0, errors, maxDepth, classic: isClassic(capsule) };
}

/** Linear sweep: the decoded instruction at every instruction start, undefined elsewhere. */
function sweep(code: Uint8Array, errors: VerifyError[]): (Decoded | undefined)[] {
  const decoded: (Decoded | undefined)[] = new Array<Decoded | undefined>(code.length);
  for (let pc = 0; pc < code.length; ) {
    const d = decodeAt(code, pc);
    decoded[pc] = d;
    if (d.kind === 'unknown') errors.push({ pc, message: `byte 0x${hex(d.byte)} is not an opcode` });
    if (d.kind === 'truncated') {
      const bytes = d.row.trailing === 1 ? '1 operand byte' : `${d.row.trailing} operand bytes`;
      errors.push({ pc, message: `${d.row.name} needs ${bytes} but the capsule ends` });
    }
    pc += d.length;
  }
  return decoded;
}

function checkTargets(code: Uint8Array, decoded: (Decoded | undefined)[], errors: VerifyError[]): void {
  decoded.forEach((d, pc) => {
    if (d?.kind !== 'op' || d.row.operand !== 'target') return;
    const target = d.operand;
    if (target >= code.length) {
      errors.push({ pc, message: `${d.row.name} target ${target} is outside the capsule (0..${code.length - 1})` });
    } else if (decoded[target] === undefined) {
      let start = target;
      while (decoded[start] === undefined) start--;
      errors.push({ pc, message: `${d.row.name} target ${target} is inside the instruction at ${start}` });
    }
  });
}

/**
 * Returns the largest static depth, or null when some reachable depth is not static. First the
 * depth at every reachable instruction is found (a fixpoint: each instruction's depth goes from
 * unvisited to a number to null at most, so it terminates, whatever the worklist order); then
 * each instruction is checked once against its final depth, so the errors do not depend on the
 * order in which paths were explored.
 */
function checkDepth(code: Uint8Array, decoded: (Decoded | undefined)[], entry: Depth, errors: VerifyError[]): number | null {
  if (code.length === 0) return 0;
  const at: Depth[] = [];
  const seen = new Uint8Array(code.length);
  const work: number[] = [0];
  at[0] = entry;
  seen[0] = 1;
  const reach = (pc: number, depth: Depth): void => {
    if (pc >= code.length || decoded[pc] === undefined) return; // off the end, or a reported bad target
    const old = at[pc];
    if (seen[pc] === 0) {
      seen[pc] = 1;
      at[pc] = depth;
      work.push(pc);
    } else if (old !== null && (depth === null || depth.depth !== old.depth || depth.exact !== old.exact)) {
      at[pc] = null; // paths disagree: no longer static from here
      work.push(pc);
    }
  };
  while (work.length > 0) {
    const pc = work.pop() as number;
    const d = decoded[pc];
    if (d?.kind !== 'op') continue;
    const before = at[pc];
    const after = before === null ? null : step(d, before).after;
    for (const [next, depth] of successors(pc, d, after)) reach(next, depth);
  }
  let max = 0;
  let known = true;
  decoded.forEach((d, pc) => {
    if (d?.kind !== 'op' || seen[pc] === 0) return;
    const before = at[pc];
    if (before === null || d.row.flow === 'dynamic') known = false;
    if (before === null) return;
    const { after, error } = step(d, before);
    if (error !== undefined) errors.push({ pc, message: error });
    if (after !== null) max = Math.max(max, after.depth);
  });
  return known ? max : null;
}

/** Where control goes after an instruction, with the depth it arrives with. */
function successors(pc: number, d: Extract<Decoded, { kind: 'op' }>, after: Depth): [number, Depth][] {
  const next = pc + d.length;
  switch (d.row.flow) {
    case 'next':
    case 'suspend':
      return [[next, after]];
    case 'branch':
      return [[next, after], [d.operand, after]];
    case 'jump':
      return [[d.operand, after]];
    case 'call':
      return [[next, null]]; // the subroutine may leave any depth
    case 'dynamic':
    case 'return':
    case 'stop':
      return [];
  }
}

/** One instruction's stack effect; after an error the path is no longer checked (null). */
function step(d: Extract<Decoded, { kind: 'op' }>, before: NonNullable<Depth>): { after: Depth; error?: string } {
  const { name, pops, pushes } = d.row;
  if (name === 'reset') return { after: { depth: 0, exact: true } };
  if (before.exact && before.depth < pops) {
    return { after: null, error: `stack underflow: ${name} pops ${pops} but the stack holds ${before.depth}` };
  }
  const depth = before.depth - pops + pushes;
  if (depth > OPERAND_STACK_DEPTH) {
    const deep = before.exact ? `${depth}` : `${depth} above its entry`;
    return { after: null, error: `stack overflow: ${name} makes the stack ${deep} (the limit is ${OPERAND_STACK_DEPTH})` };
  }
  return { after: { depth, exact: before.exact } };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
