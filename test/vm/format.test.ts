// formatInstruction: fixed-width offset, mnemonic, operand and resolved target, one case per
// operand shape (STYLE 6), and the trace lines built on it.

import { describe, expect, it } from 'vitest';
import { formatInstruction } from '../../vm/format.js';
import { Vm } from '../../vm/vm.js';
import { capsule, TestHost } from './helpers.js';

const code = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

describe('formatInstruction', () => {
  it('prints an instruction without an operand as offset and mnemonic', () => {
    expect(formatInstruction(code(0xc1, 0x07), 1)).toEqual({ text: '0001  add', length: 1 });
  });

  it('prints constants, signed for pushw', () => {
    expect(formatInstruction(code(0xc0 + 63), 0)).toEqual({ text: '0000  pushc  63', length: 1 });
    expect(formatInstruction(code(0x2f, 200), 0)).toEqual({ text: '0000  pushb  200', length: 2 });
    expect(formatInstruction(code(0x30, 0x2e, 0xfb), 0)).toEqual({ text: '0000  pushw  -1234', length: 3 });
  });

  it('prints jump targets with the resolved offset', () => {
    expect(formatInstruction(code(0xc0, 0x80 + 3), 1)).toEqual({ text: '0001  blez   3      -> 0003', length: 1 });
    expect(formatInstruction(code(0x31, 120), 0)).toEqual({ text: '0000  jump   120    -> 0120', length: 2 });
  });

  it('prints heap words, message fields and subroutine numbers', () => {
    expect(formatInstruction(code(0x60 + 15), 0).text).toBe('0000  getvar 15');
    expect(formatInstruction(code(0x50 + 2), 0).text).toBe('0000  setms  2');
    expect(formatInstruction(code(0x3c + 3), 0).text).toBe('0000  call   3');
  });

  it('prints a byte that is no opcode, or an instruction cut short, as .byte of length 1', () => {
    expect(formatInstruction(code(0x34), 0)).toEqual({ text: '0000  .byte  0x34', length: 1 });
    expect(formatInstruction(code(0xc0, 0x30, 0x01), 1)).toEqual({ text: '0001  .byte  0x30', length: 1 });
  });
});

describe('trace', () => {
  it('prints each executed instruction with its context and the stack before it, readings and messages included', () => {
    const lines: string[] = [];
    const vm = new Vm(new TestHost(), { trace: (line) => lines.push(line) });
    vm.install(capsule('.capsule once', 'pushc 2', 'sense', 'pushm', 'swap', 'add', 'halt'));
    vm.run(1e6);
    vm.senseDone('once', 512);
    vm.run(1e6);
    expect(lines).toEqual([
      'once    0000  pushc  2              []',
      'once    0001  sense                 [2]',
      'once    0002  pushm                 [s2:512]',
      'once    0003  swap                  [s2:512 msg(0)]',
      'once    0004  add                   [msg(0) s2:512]',
      'once    0005  halt                  [msg(2)]',
    ]);
  });
});
