// The code generator's output and the peephole optimiser's input: instructions by mnemonic (rows of
// vm/opcodes.ts) with symbolic jump targets, and the labels they jump to. Each instruction keeps
// the source place it came from; that becomes the source map.

import type { Loc } from './errors.js';

export interface Op {
  readonly kind: 'op';
  /** A mnemonic of vm/opcodes.ts; branches are `jump`, `jumpc` and `blez` (layout picks blez or blezw). */
  readonly name: string;
  /** A constant, heap word, field or subroutine number; for a branch, the label number. */
  readonly operand?: number;
  readonly at: Loc;
  /** It leaves this context's message buffer on top of the stack. */
  readonly buffer?: boolean;
}

export interface Label {
  readonly kind: 'label';
  readonly id: number;
}

export type Ir = Op | Label;

export const BRANCHES: ReadonlySet<string> = new Set(['jump', 'jumpc', 'blez']);

export function isBranch(i: Ir): i is Op {
  return i.kind === 'op' && BRANCHES.has(i.name);
}
