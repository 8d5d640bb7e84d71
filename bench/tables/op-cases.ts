// One measuring case per VM operation, derived from the opcode table (vm/opcodes.ts), so a new
// operation gets a row without anyone remembering to add it: the lines that set up its operands, the
// instruction itself, and for branches one case taken and one not. The cases only need to run the
// instruction once without a fault; what it costs is read off the VM (op-costs.ts).

import { OPCODES, type OpcodeRow } from '../../vm/opcodes.js';

export interface OpCase {
  /** The row label: the mnemonic, or the mnemonic and its case (`blez taken`). */
  readonly label: string;
  /** The mnemonic measured: the first instruction executed with this name. */
  readonly op: string;
  /** The clock capsule that runs it (one firing). */
  readonly lines: readonly string[];
  /** Subroutine capsule 0 (for call and ret). */
  readonly sub0?: readonly string[];
  /** Bytes of the last received message, for movm's per-byte copy. */
  readonly received?: number;
  /** Split-phase: the context waits for the hardware; issue-to-resume is measured on hosts too. */
  readonly splitPhase: boolean;
}

/** The instruction as written, with an operand of the right kind; a jump goes to the next line. */
function instruction(row: OpcodeRow): string {
  switch (row.operand) {
    case 'const':
      return `${row.name} ${row.trailing === 0 ? 5 : 200}`;
    case 'var':
      return `${row.name} 3`;
    case 'field':
      return `${row.name} 0`;
    case 'target':
      return `${row.name} next`;
    case 'sub':
      return `${row.name} 0`;
    case 'none':
      return row.name;
  }
}

/** Operands for the operations whose generic ones (small positive numbers) would not do. */
const SETUP: Readonly<Record<string, readonly string[]>> = {
  jumps: ['pushc 2'], // jumps is at byte 1, so 2 is the instruction after it
  putled: ['pushc 25'], // toggle red
  sense: ['pushc 1'], // the photo sensor
  clear: ['pushm'],
  send: ['pushm'],
  uart: ['pushm'],
  sendr: ['pushm', 'pushc 0'], // message, then the address: the base station
  forwo: ['pushc 4'], // the clock capsule, which is installed: it is this one
  getms: ['pushm', 'pushc 1', 'add'], // a two-byte message
  getmb: ['pushm', 'pushc 1', 'add'],
  setms: ['pushm', 'pushc 5'],
  setmb: ['pushm', 'pushc 5'],
  nbri: ['pushc 5', 'pushc 0'], // an id, then the direction
  setvi: ['pushc 9', 'pushc 3'], // a value, then the heap index
};

/** Branches are measured both ways: the value that makes each one jump, and one that does not. */
const BRANCH_VALUES: Readonly<Record<string, { taken: string; notTaken: string }>> = {
  blez: { taken: 'pushc 0', notTaken: 'pushc 1' },
  blezw: { taken: 'pushc 0', notTaken: 'pushc 1' },
  jumpc: { taken: 'pushc 1', notTaken: 'pushc 0' },
};

/** movm copies the last received message: once empty, once with this many bytes (8 cycles each). */
export const MOVM_BYTES = 10;

function operands(row: OpcodeRow): string[] {
  const special = SETUP[row.name];
  if (special !== undefined) return [...special];
  // Small positive numbers suit every other operation (divisors, shift counts, heap indexes).
  return ['pushc 6', 'pushc 3', 'pushc 2'].slice(0, row.pops);
}

function casesOf(row: OpcodeRow): OpCase[] {
  const splitPhase = row.flow === 'suspend';
  const op = instruction(row);
  const body = (setup: readonly string[]): string[] => [...setup, op, 'next: halt'];
  const branch = BRANCH_VALUES[row.name];
  if (branch !== undefined) {
    return [
      { label: `${row.name} not taken`, op: row.name, lines: body([branch.notTaken]), splitPhase },
      { label: `${row.name} taken`, op: row.name, lines: body([branch.taken]), splitPhase },
    ];
  }
  if (row.name === 'call') return [{ label: 'call', op: 'call', lines: body([]), sub0: ['ret'], splitPhase }];
  if (row.name === 'ret') return [{ label: 'ret', op: 'ret', lines: ['call 0', 'halt'], sub0: ['ret'], splitPhase }];
  if (row.name === 'movm') {
    return [
      { label: 'movm', op: 'movm', lines: body([]), received: 0, splitPhase },
      { label: `movm ${MOVM_BYTES} bytes`, op: 'movm', lines: body([]), received: MOVM_BYTES, splitPhase },
    ];
  }
  return [{ label: row.name, op: row.name, lines: body(operands(row)), splitPhase }];
}

/** Every operation of the table, in table order. */
export const OP_CASES: readonly OpCase[] = OPCODES.flatMap(casesOf);
