// Generators of assembly programs and capsule code for the property tests, driven by the opcode
// table: random instruction sequences (any operand in range, jumps aimed mostly at instruction
// starts), and structured programs whose stack depth is balanced on every path.

import fc from 'fast-check';
import { encodeInstruction } from '../../assembler/decode.js';
import { CAPSULE_TYPES, EXTENDED_MAX_BYTES, OPERAND_STACK_DEPTH, type CapsuleType } from '../../vm/capsule.js';
import { OPCODES, instructionLength, operandRange, type OpcodeRow } from '../../vm/opcodes.js';

function operandFrom(row: OpcodeRow, seed: number): number {
  const { min, max } = operandRange(row);
  return min + (seed % (max - min + 1));
}

/** Code made of whole instructions from the table, up to 128 bytes; jumps usually hit a start. */
export const instructionCode: fc.Arbitrary<Uint8Array> = fc
  .array(fc.tuple(fc.nat(OPCODES.length - 1), fc.nat(), fc.boolean()), { maxLength: 70, size: 'max' })
  .map((list) => {
    const rows: [OpcodeRow, number, boolean][] = [];
    const starts: number[] = [];
    let size = 0;
    for (const [index, seed, aimed] of list) {
      const row = OPCODES[index];
      if (size + instructionLength(row) > EXTENDED_MAX_BYTES) break;
      rows.push([row, seed, aimed]);
      starts.push(size);
      size += instructionLength(row);
    }
    const bytes: number[] = [];
    for (const [row, seed, aimed] of rows) {
      const reachable = starts.filter((s) => s <= operandRange(row).max);
      const target = row.operand === 'target' && aimed && reachable.length > 0 ? reachable[seed % reachable.length] : undefined;
      bytes.push(...encodeInstruction(row, target ?? operandFrom(row, seed)));
    }
    return Uint8Array.from(bytes);
  });

export const capsuleType: fc.Arbitrary<CapsuleType> = fc.constantFrom(...CAPSULE_TYPES);

/** Rows that neither branch nor jump to an operand target. */
const STRAIGHT = OPCODES.filter((row) => row.operand !== 'target');

interface Line {
  readonly text: string;
  readonly bytes: number;
  /** A blez that must become blezw if the program is too long for 6-bit targets. */
  readonly short?: boolean;
}

export interface Program {
  readonly source: string;
  readonly bytes: number;
}

/**
 * A program whose depth stays within 0..16 on every path and agrees wherever paths meet: straight
 * runs, if-blocks (branch over a body that restores the depth), loops (a body that restores the
 * depth, then a backward branch) and jumps over dead code. Choices are read from `choices`.
 */
export function structuredProgram(type: CapsuleType, choices: readonly number[]): Program {
  let cursor = 0;
  let labels = 0;
  let depth = 0;
  const lines: Line[] = [];
  const take = (n: number): number => (choices[cursor++] ?? 0) % n;
  const more = (): boolean => cursor < choices.length && lines.reduce((s, l) => s + l.bytes, 0) < 90;
  const emit = (text: string, bytes: number, short = false): void => void lines.push({ text, bytes, short });
  const straight = (row: OpcodeRow): void => {
    const operand = row.operand === 'none' ? '' : ` ${operandFrom(row, take(1 << 16))}`;
    emit(`${row.name}${operand}`, instructionLength(row));
  };
  const restore = (to: number): void => {
    for (; depth > to; depth--) emit('pop', 1);
    for (; depth < to; depth++) emit('pushc 0', 1);
  };
  const block = (nesting: number): void => {
    while (more()) {
      const kind = take(12);
      if (kind === 9 && nesting < 3 && depth >= 1) {
        const op = ['blez', 'blezw', 'jumpc'][take(3)];
        const label = `b${labels++}`;
        emit(`${op} ${label}`, op === 'blez' ? 1 : 2, op === 'blez');
        const save = --depth;
        block(nesting + 1);
        restore(save);
        emit(`${label}:`, 0);
      } else if (kind === 10 && nesting < 3 && depth < OPERAND_STACK_DEPTH) {
        const label = `t${labels++}`;
        const save = depth;
        emit(`${label}:`, 0);
        block(nesting + 1);
        restore(save);
        const op = ['blez', 'blezw', 'jumpc'][take(3)];
        emit(`getvar ${take(16)}`, 1);
        emit(`${op} ${label}`, op === 'blez' ? 1 : 2, op === 'blez');
      } else if (kind === 11) {
        const label = `s${labels++}`;
        emit(`jump ${label}`, 2);
        for (let n = take(4); n > 0 && more(); n--) straight(STRAIGHT[take(STRAIGHT.length)]); // dead code: any depth
        emit(`${label}:`, 0);
      } else {
        const fits = STRAIGHT.filter((r) => r.pops <= depth && depth - r.pops + r.pushes <= OPERAND_STACK_DEPTH);
        const row = fits[take(fits.length)];
        straight(row);
        depth = row.name === 'reset' ? 0 : depth - row.pops + row.pushes;
      }
    }
  };
  block(0);
  emit('halt', 1);
  const wide = lines.reduce((s, l) => s + (l.short === true ? 2 : l.bytes), 0);
  // 6-bit blez targets reach 0..63: when the all-wide layout fits below 64, shrinking keeps it so.
  const final = lines.map((l) => (l.short === true && wide > 64 ? { text: l.text.replace('blez ', 'blezw '), bytes: 2 } : l));
  return { source: `.capsule ${type}\n${final.map((l) => l.text).join('\n')}\n`, bytes: final.reduce((s, l) => s + l.bytes, 0) };
}

/** Words, numbers and punctuation the assembler knows, for token-soup and mutation tests. */
export const VOCABULARY: readonly string[] = [
  ...OPCODES.map((row) => row.name),
  ...['.capsule', '.version', '.name', '.byte', '.noverify', '.bogus', 'clock', 'sub0', 'once'],
  ...['0', '1', '-1', '63', '64', '255', '256', '0x1f', '-0x10', '65535', '4294967296', '12ab', '0x'],
  ...['a', 'b', 'a:', 'b:', ':', ',', '#', ';', '"', '"x"', '\n', '\r\n', '\t', ' '],
];
