// The interpreter's per-byte tables are derived from OPCODES and cover all of it.

import { describe, expect, it } from 'vitest';
import { OPERAND_STACK_DEPTH } from '../../vm/capsule.js';
import {
  CUT_OFF, END_OF_CODE, HANDLER, HANDLERS, instructionBoundaries, LENGTH, MAX_SP, MIN_SP, NUMERIC, predecode, UNHANDLED,
  WORD_GROWS, WORD_HANDLER, WORD_LENGTH, WORD_NUMERIC, WORD_OPERAND, WORD_POPS,
} from '../../vm/dispatch.js';
import { DECODE, OPCODES } from '../../vm/opcodes.js';

describe('dispatch tables', () => {
  it('every row of the opcode table has a handler, and each handler one mnemonic', () => {
    expect(UNHANDLED).toEqual([]);
    expect(new Set(HANDLERS).size).toBe(HANDLERS.length);
    expect(HANDLERS.length).toBe(OPCODES.length + 1);
  });

  it('every byte maps to its row: handler, length and stack bounds; other bytes to handler 0', () => {
    for (let b = 0; b < 256; b++) {
      const index = DECODE[b];
      if (index < 0) {
        expect(HANDLER[b]).toBe(0);
        expect(LENGTH[b]).toBe(1);
        continue;
      }
      const row = OPCODES[index];
      expect(HANDLERS[HANDLER[b]]).toBe(row.name);
      expect(LENGTH[b]).toBe(1 + row.trailing);
      expect(MIN_SP[b]).toBe(row.pops);
      expect(MAX_SP[b]).toBe(OPERAND_STACK_DEPTH - Math.max(0, row.pushes - row.pops));
    }
  });

  it('instruction boundaries follow the linear sweep from 0', () => {
    // pushw 1 (3 bytes), jump 0 (2 bytes), add
    expect(Array.from(instructionBoundaries(Uint8Array.from([0x30, 1, 0, 0x31, 0, 0x07])))).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('the extra handlers follow the mnemonics, as the literal cases of the interpreter switch assume', () => {
    expect(CUT_OFF).toBe(68);
    expect(END_OF_CODE).toBe(69);
    expect(END_OF_CODE).toBeLessThan(1 << (WORD_LENGTH - WORD_HANDLER));
  });

  it('every row fits a decoded word: pops under 4, growth at most 1, operands (but the wide push) in 10 signed bits', () => {
    for (const row of OPCODES) {
      expect(row.pops).toBeLessThan(4);
      expect(row.pushes - row.pops).toBeLessThanOrEqual(1);
      if (row.trailing < 2) expect((1 << (row.embed + 8 * row.trailing)) - 1).toBeLessThanOrEqual(511);
    }
  });

  it('predecodes every opcode byte into its handler, length, stack bounds, numeric operands and operand', () => {
    const field = (word: number, shift: number, bits: number): number => (word >> shift) & ((1 << bits) - 1);
    for (let b = 0; b < 256; b++) {
      // The instruction, then its trailing bytes (all 0: a target of 0 is an instruction start).
      const code = Uint8Array.from([b, 0, 0]);
      const word = predecode(code)[0];
      expect(word & 0xff).toBe(b);
      expect(field(word, WORD_HANDLER, 7)).toBe(HANDLER[b]);
      expect(field(word, WORD_LENGTH, 2)).toBe(LENGTH[b]);
      expect(field(word, WORD_POPS, 2)).toBe(MIN_SP[b]);
      expect(OPERAND_STACK_DEPTH - field(word, WORD_GROWS, 1)).toBe(MAX_SP[b]);
      expect(field(word, WORD_NUMERIC, 2)).toBe(NUMERIC[b]);
      const index = DECODE[b];
      if (index >= 0 && OPCODES[index].embed > 0 && OPCODES[index].operand !== 'target')
        expect(word >> WORD_OPERAND).toBe(b & ((1 << OPCODES[index].embed) - 1));
    }
  });

  it('marks the end of the code, cut-off instructions, and branch targets that are not instruction starts', () => {
    // pushb 7; jump 1 (inside pushb); blez 0; blez 9 (past the end); pushw cut off after one byte
    const words = predecode(Uint8Array.from([0x2f, 7, 0x31, 1, 0x80, 0x89, 0x30, 1]));
    const handler = (pc: number): string => HANDLERS[(words[pc] >> WORD_HANDLER) & 0x7f] ?? String((words[pc] >> WORD_HANDLER) & 0x7f);
    expect(handler(0)).toBe('pushb');
    expect(words[0] >> WORD_OPERAND).toBe(7);
    expect(handler(2)).toBe('jump');
    expect(words[2] >> WORD_OPERAND).toBe(-1);
    expect(words[4] >> WORD_OPERAND).toBe(0);
    expect(words[5] >> WORD_OPERAND).toBe(-1);
    expect((words[6] >> WORD_HANDLER) & 0x7f).toBe(CUT_OFF);
    expect(words[6] & 0xff).toBe(0x30);
    expect((words[8] >> WORD_HANDLER) & 0x7f).toBe(END_OF_CODE);
    expect(words.length).toBe(9);
  });
});
