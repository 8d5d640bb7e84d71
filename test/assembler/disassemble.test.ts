// The disassembler: fixed-width golden output, generated labels, .byte for undecodable bytes,
// .noverify for capsules the verifier rejects, and reassembly to the same bytes.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../assembler/assemble.js';
import { disassemble } from '../../assembler/disassemble.js';
import type { Capsule } from '../../vm/capsule.js';

function capsule(bytes: number[], extra: Partial<Capsule> = {}): Capsule {
  return { type: 'clock', version: 1, name: 'demo', code: Uint8Array.from(bytes), ...extra };
}

function reassembled(c: Capsule): Capsule {
  const result = assemble(disassemble(c));
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result.capsule;
}

describe('disassemble', () => {
  test('prints the header, then one fixed-width line per instruction with offset and bytes', () => {
    const source = 'pushc 5\ntop: copy\nblez done\npushw -2\nadd\njump top\ndone: pop\nhalt';
    const result = assemble(`.name countdown\n.capsule once\n.version 7\n${source}`);
    expect(result.ok && disassemble(result.capsule)).toBe(
      [
        '; 11 bytes, classic (fits one packet, <= 24)',
        '.name countdown',
        '.capsule once',
        '.version 7',
        '',
        '        pushc   5                ; 000  c5',
        'L1:     copy                     ; 001  0a',
        '        blez    L9               ; 002  89',
        '        pushw   -2               ; 003  30 fe ff',
        '        add                      ; 006  07',
        '        jump    L1               ; 007  31 01',
        'L9:     pop                      ; 009  0b',
        '        halt                     ; 010  00',
        '',
      ].join('\n'),
    );
  });

  test('says when a capsule is extended', () => {
    expect(disassemble(capsule(new Array<number>(25).fill(0))).split('\n')[0]).toBe('; 25 bytes, extended (sent in fragments)');
  });

  test('bytes that are not opcodes, and an operand cut off at the end, become .byte lines', () => {
    const text = disassemble(capsule([0x2e, 0x00, 0x30, 0x01]));
    expect(text.split('\n').slice(4)).toEqual([
      '.noverify',
      '',
      '        .byte   0x2e             ; 000  2e',
      '        halt                     ; 001  00',
      '        .byte   0x30             ; 002  30',
      '        reset                    ; 003  01',
      '',
    ]);
  });

  test('a jump target that is not on a line stays a number, under .noverify', () => {
    const text = disassemble(capsule([0x30, 0x00, 0x00, 0x31, 0x02, 0x31, 0x40]));
    expect(text).toContain('.noverify\n');
    expect(text).toContain('        jump    2                ; 003  31 02\n');
    expect(text).toContain('        jump    64               ; 005  31 40\n');
  });

  test('a capsule that passes the verifier gets no .noverify', () => {
    expect(disassemble(capsule([0xc1, 0x0b, 0x00]))).not.toContain('.noverify');
  });

  test('names that are not single words are printed as JSON strings', () => {
    expect(disassemble(capsule([0x00], { name: 'two words; "quoted"' }))).toContain('.name "two words; \\"quoted\\""\n');
    expect(disassemble(capsule([0x00], { name: '' }))).toContain('.name ""\n');
  });
});

describe('disassemble then assemble', () => {
  test('gives back the same capsule, header included', () => {
    const original = capsule([0xc5, 0x0a, 0x8a, 0x30, 0xfe, 0xff, 0x07, 0x31, 0x01, 0x0b, 0x00], {
      type: 'sub3',
      version: 0xfffffffe,
      name: 'x: y # z',
    });
    const again = reassembled(original);
    expect(again).toEqual(original);
  });

  test('gives back broken capsules byte for byte', () => {
    const original = capsule([0x2e, 0x0b, 0x31, 0x7f, 0x30, 0x01]);
    expect(Array.from(reassembled(original).code)).toEqual(Array.from(original.code));
  });
});
