// Decodes one instruction at a byte offset, from the opcode table (vm/opcodes.ts) and its encoding:
// an embedded operand is the opcode byte minus the row's base code; a trailing one is little-endian.
// The disassembler and the verifier both walk code with this, so they agree on every boundary.

import { DECODE, OPCODES, instructionLength, type OpcodeRow } from '../vm/opcodes.js';

export type Decoded =
  | { readonly kind: 'op'; readonly row: OpcodeRow; readonly operand: number; readonly length: number }
  /** The byte is not an opcode; it occupies one byte. */
  | { readonly kind: 'unknown'; readonly byte: number; readonly length: 1 }
  /** An opcode whose trailing operand runs past the end of the code; only its first byte counts. */
  | { readonly kind: 'truncated'; readonly row: OpcodeRow; readonly byte: number; readonly length: 1 };

export function decodeAt(code: Uint8Array, pc: number): Decoded {
  const byte = code[pc];
  const index = DECODE[byte];
  if (index < 0) return { kind: 'unknown', byte, length: 1 };
  const row = OPCODES[index];
  const length = instructionLength(row);
  if (pc + length > code.length) return { kind: 'truncated', row, byte, length: 1 };
  return { kind: 'op', row, operand: operandAt(code, pc, row), length };
}

function operandAt(code: Uint8Array, pc: number, row: OpcodeRow): number {
  if (row.embed > 0) return code[pc] - row.code;
  if (row.trailing === 1) return code[pc + 1];
  if (row.trailing === 2) {
    const word = code[pc + 1] | (code[pc + 2] << 8);
    // Signed rows (pushw) read back as int16, the VM's value type.
    return row.signed === true && word >= 0x8000 ? word - 0x10000 : word;
  }
  return 0;
}

/** Encodes one instruction; `operand` must already be inside operandRange(row). */
export function encodeInstruction(row: OpcodeRow, operand: number): number[] {
  if (row.embed > 0) return [row.code + operand];
  if (row.trailing === 1) return [row.code, operand & 0xff];
  if (row.trailing === 2) return [row.code, operand & 0xff, (operand >> 8) & 0xff];
  return [row.code];
}
