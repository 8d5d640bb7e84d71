// Decodes one instruction at a byte offset, from the opcode table (vm/opcodes.ts) and the VM's
// operand reader (vm/format.ts), and encodes one for the assembler. The disassembler and the
// verifier both walk code with decodeAt, so they agree on every instruction boundary.

import { operandAt } from '../vm/format.js';
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

/** Encodes one instruction; `operand` must already be inside operandRange(row). */
export function encodeInstruction(row: OpcodeRow, operand: number): number[] {
  if (row.embed > 0) return [row.code + operand];
  if (row.trailing === 1) return [row.code, operand & 0xff];
  if (row.trailing === 2) return [row.code, operand & 0xff, (operand >> 8) & 0xff];
  return [row.code];
}
