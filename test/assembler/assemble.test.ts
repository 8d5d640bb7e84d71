// The assembler on valid input: encoding from the opcode table, labels, directives, numbers,
// comments, the source map, and the Maté user's guide programs.

import { describe, expect, test } from 'vitest';
import { assemble, type AssembleResult } from '../../assembler/assemble.js';

function ok(result: AssembleResult): Extract<AssembleResult, { ok: true }> {
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result;
}

function bytes(source: string): number[] {
  return Array.from(ok(assemble(source)).capsule.code);
}

describe('Maté guide programs', () => {
  test('the counter assembles to nine one-byte instructions', () => {
    const result = ok(assemble('gets\npushc 1\nadd\ncopy\nsets\npushc 7\nand\nputled\nhalt\n'));
    expect(result.instructions).toBe(9);
    expect(Array.from(result.capsule.code)).toEqual([0x23, 0xc1, 0x07, 0x0a, 0x24, 0xc7, 0x02, 0x19, 0x00]);
  });

  test('sense-to-rfm assembles to seven one-byte instructions', () => {
    const result = ok(assemble('pushc 1\nsense\npushm\nclear\nadd\nsend\nhalt\n'));
    expect(result.instructions).toBe(7);
    expect(Array.from(result.capsule.code)).toEqual([0xc1, 0x1a, 0x1c, 0x1e, 0x07, 0x1f, 0x00]);
  });
});

describe('encoding', () => {
  test('embedded operands are added to the base code', () => {
    expect(bytes('getvar 15\nsetvar 3\ngetms 7\ngetmb 1\nsetms 2\nsetmb 0\ncall 3\npushc 63\nhalt')).toEqual([
      0x6f, 0x73, 0x47, 0x49, 0x52, 0x58, 0x3f, 0xff, 0x00,
    ]);
  });

  test('wide constants are little-endian and pushw accepts both signed and unsigned spellings', () => {
    expect(bytes('pushb 255\npushw -1\npushw 0xffff\npushw 0x1234\npushw -32768\nhalt')).toEqual([
      0x2f, 0xff, 0x30, 0xff, 0xff, 0x30, 0xff, 0xff, 0x30, 0x34, 0x12, 0x30, 0x00, 0x80, 0x00,
    ]);
  });

  test('numbers may be decimal, negative, hex or negative hex', () => {
    expect(bytes('pushc 0x1f\npushc 0X0A\npushw -0x10\npushc 007\nhalt')).toEqual([0xdf, 0xca, 0x30, 0xf0, 0xff, 0xc7, 0x00]);
  });

  test('mnemonics and directives are case-insensitive', () => {
    const result = ok(assemble('.CAPSULE Once\nPUSHC 1\nPop\nHALT'));
    expect(result.capsule.type).toBe('once');
    expect(Array.from(result.capsule.code)).toEqual([0xc1, 0x0b, 0x00]);
  });

  test('.byte emits a raw byte when .noverify allows one that is not an opcode', () => {
    expect(bytes('.noverify\n.byte 0x3f\n.byte 255\nhalt')).toEqual([0x3f, 0xff, 0x00]);
  });
});

describe('labels', () => {
  test('jump targets are absolute byte offsets, forward and backward', () => {
    const result = ok(assemble('top: getvar 0\nblez done\njump top\ndone:\nhalt'));
    expect(result.labels).toEqual({ top: 0, done: 4 });
    expect(Array.from(result.capsule.code)).toEqual([0x60, 0x84, 0x31, 0x00, 0x00]);
  });

  test('several labels may share a line and a label may stand alone', () => {
    const result = ok(assemble('a: b:\nc: halt'));
    expect(result.labels).toEqual({ a: 0, b: 0, c: 0 });
  });

  test('a label is a number wherever one is expected, so pushc then jumps works', () => {
    expect(bytes('pushc there\njumps\nthere: halt')).toEqual([0xc2, 0x26, 0x00]);
  });

  test('a numeric target is accepted when it lands on an instruction', () => {
    expect(bytes('pushc 0\nblezw 4\nhalt\nhalt\nhalt')).toEqual([0xc0, 0x33, 0x04, 0x00, 0x00, 0x00]);
  });
});

describe('directives and defaults', () => {
  test('a file without directives is a clock capsule, version 1, named after the file', () => {
    const { capsule } = ok(assemble('halt', 'capsules/demo.prog.mate'));
    expect(capsule).toMatchObject({ type: 'clock', version: 1, name: 'demo.prog' });
  });

  test('the default file name is <input>', () => {
    expect(ok(assemble('halt')).capsule.name).toBe('<input>');
  });

  test('.capsule, .version and .name set the header', () => {
    const { capsule } = ok(assemble('.capsule sub2\n.version 0xffffffff\n.name worker\nret'));
    expect(capsule).toMatchObject({ type: 'sub2', version: 0xffffffff, name: 'worker' });
  });

  test('.name takes a JSON string for names with spaces or comment characters', () => {
    expect(ok(assemble('.name "my # capsule; \\"v2\\""\nhalt')).capsule.name).toBe('my # capsule; "v2"');
  });
});

describe('source text', () => {
  test('comments start with # or ; and blank lines are skipped', () => {
    expect(bytes('# header\n\n  pushc 1 ; one\n\tpop # drop it\nhalt;end')).toEqual([0xc1, 0x0b, 0x00]);
  });

  test('CRLF line endings are accepted', () => {
    expect(bytes('pushc 1\r\npop\r\nhalt\r\n')).toEqual([0xc1, 0x0b, 0x00]);
  });

  test('the source map gives the line and column of every instruction and .byte', () => {
    const result = ok(assemble('# c\n  pushb 7\nx:  pop\n.noverify\n .byte 1\n'));
    expect(result.sourceMap).toEqual([
      { pc: 0, line: 2, col: 3 },
      { pc: 2, line: 3, col: 5 },
      { pc: 3, line: 5, col: 2 },
    ]);
    expect(result.instructions).toBe(2);
  });

  test('an empty file is an empty capsule', () => {
    const result = ok(assemble(''));
    expect(result.capsule.code.length).toBe(0);
    expect(result.instructions).toBe(0);
  });

  test('a capsule of exactly 128 bytes assembles', () => {
    const result = ok(assemble(`${'pushc 1\npop\n'.repeat(63)}pushc 1\nhalt\n`));
    expect(result.capsule.code.length).toBe(128);
  });
});
