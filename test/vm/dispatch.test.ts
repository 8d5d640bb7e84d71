// The interpreter's per-byte tables are derived from OPCODES and cover all of it.

import { describe, expect, it } from 'vitest';
import { OPERAND_STACK_DEPTH } from '../../vm/capsule.js';
import { HANDLER, HANDLERS, instructionBoundaries, LENGTH, MAX_SP, MIN_SP, UNHANDLED } from '../../vm/dispatch.js';
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
});
