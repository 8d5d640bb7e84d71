// One instruction as fixed-width text: offset, mnemonic, operand, resolved jump target (clox's
// debug.c, organised by operand shape). The VM's trace mode and the disassembler both use it.

import { DECODE, OPCODES, type OpcodeRow } from './opcodes.js';

const MNEMONIC_WIDTH = 7;
const OPERAND_WIDTH = 7;

/** A code offset as printed in the offset column and after `->`. */
export function formatOffset(pc: number): string {
  return String(pc).padStart(4, '0');
}

/** The operand of the instruction at pc (embedded or trailing, little-endian); its bytes must exist. */
export function operandAt(code: Uint8Array, pc: number, row: OpcodeRow): number {
  if (row.embed > 0) return code[pc] & ((1 << row.embed) - 1);
  if (row.trailing === 1) return code[pc + 1];
  if (row.trailing === 2) {
    const word = code[pc + 1] | (code[pc + 2] << 8);
    return row.signed === true ? (word << 16) >> 16 : word;
  }
  return 0;
}

/** Disassemble the instruction at pc. A byte that is no opcode, or is cut short, prints as `.byte`. */
export function formatInstruction(code: Uint8Array, pc: number): { text: string; length: number } {
  const index = DECODE[code[pc]];
  const row = index >= 0 ? OPCODES[index] : undefined;
  if (row === undefined || pc + 1 + row.trailing > code.length) {
    const hex = '0x' + code[pc].toString(16).padStart(2, '0');
    return { text: `${formatOffset(pc)}  ${'.byte'.padEnd(MNEMONIC_WIDTH)}${hex}`, length: 1 };
  }
  const length = 1 + row.trailing;
  const head = `${formatOffset(pc)}  ${row.name.padEnd(MNEMONIC_WIDTH)}`;
  if (row.operand === 'none') return { text: head.trimEnd(), length };
  const operand = operandAt(code, pc, row);
  if (row.operand !== 'target') return { text: head + String(operand), length };
  return { text: `${head}${String(operand).padEnd(OPERAND_WIDTH)}-> ${formatOffset(operand)}`, length };
}
