// The disassembler: a capsule to stable, fixed-width assembly that assembles back to the same bytes
// (clox's debug.c organised by operand shape; STYLE 6). Each line: a label field, the instruction,
// then a comment with the byte offset and the raw bytes. Jump targets that land on a line become
// labels `L<offset>:`; others stay numbers. Bytes that are not instructions (not an opcode, or an
// opcode whose operand runs past the end) become `.byte` lines. A capsule that fails the verifier
// gets `.noverify` so that it still reassembles as written. Capsules over EXTENDED_MAX_BYTES are
// printed but cannot be reassembled.

import { CLASSIC_MAX_BYTES, isClassic, type Capsule } from '../vm/capsule.js';
import { decodeAt, type Decoded } from './decode.js';
import { isWord } from './lex.js';
import { verify } from './verify.js';

const LABEL_WIDTH = 8;
const MNEMONIC_WIDTH = 8;
const TEXT_WIDTH = 24;

export function disassemble(capsule: Capsule): string {
  const { code } = capsule;
  const lines: { pc: number; decoded: Decoded }[] = [];
  for (let pc = 0; pc < code.length; ) {
    const decoded = decodeAt(code, pc);
    lines.push({ pc, decoded });
    pc += decoded.length;
  }
  const starts = new Set(lines.map((l) => l.pc));
  const targets = new Set<number>();
  for (const { decoded } of lines) {
    if (decoded.kind === 'op' && decoded.row.operand === 'target' && starts.has(decoded.operand)) targets.add(decoded.operand);
  }
  const size = isClassic(capsule) ? `classic (fits one packet, <= ${CLASSIC_MAX_BYTES})` : 'extended (sent in fragments)';
  const out = [
    `; ${code.length} bytes, ${size}`,
    `.name ${isWord(capsule.name) ? capsule.name : JSON.stringify(capsule.name)}`,
    `.capsule ${capsule.type}`,
    `.version ${capsule.version}`,
  ];
  if (!verify(capsule).ok) out.push('.noverify');
  out.push('');
  for (const { pc, decoded } of lines) {
    const label = targets.has(pc) ? `L${pc}:` : '';
    const bytes = Array.from(code.subarray(pc, pc + decoded.length), hex).join(' ');
    const text = instructionText(decoded, targets).padEnd(TEXT_WIDTH);
    out.push(`${label.padEnd(LABEL_WIDTH)}${text} ; ${String(pc).padStart(3, '0')}  ${bytes}`);
  }
  return `${out.join('\n')}\n`;
}

/** One instruction as `mnemonic operand`, the operand printed by its kind (from the table). */
function instructionText(d: Decoded, labels: ReadonlySet<number>): string {
  if (d.kind !== 'op') return `${'.byte'.padEnd(MNEMONIC_WIDTH)}0x${hex(d.byte)}`;
  if (d.row.operand === 'none') return d.row.name;
  const operand = d.row.operand === 'target' && labels.has(d.operand) ? `L${d.operand}` : String(d.operand);
  return `${d.row.name.padEnd(MNEMONIC_WIDTH)}${operand}`;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
