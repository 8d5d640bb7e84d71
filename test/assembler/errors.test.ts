// Every assembler error message, shown exactly as a user sees it: file:line:col, message, the
// source line, a caret under the column.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../assembler/assemble.js';
import { formatError } from '../../assembler/errors.js';

function report(source: string): string[] {
  const result = assemble(source, 'bad.mate');
  return result.ok ? [] : result.errors.map(formatError);
}

describe('formatError', () => {
  test('puts the caret under the column and keeps tabs so it lines up', () => {
    const text = formatError({ file: 'f.mate', line: 3, col: 7, message: 'oops', source: '\tpushc x' });
    expect(text).toBe('f.mate:3:7: oops\n\tpushc x\n\t     ^');
  });
});

describe('lexical and label errors', () => {
  test('an unterminated string', () => {
    expect(report('.name "abc')).toEqual(['bad.mate:1:7: unterminated or malformed string\n.name "abc\n      ^']);
  });

  test('a label that is not an identifier', () => {
    expect(report('9lives: halt')).toEqual(["bad.mate:1:1: bad label name '9lives': a letter or _, then letters, digits or _\n9lives: halt\n^"]);
  });

  test('a duplicate label names the first definition', () => {
    expect(report('loop: halt\n  loop: halt')).toEqual([
      "bad.mate:2:3: duplicate label 'loop' (first defined at line 1)\n  loop: halt\n  ^",
    ]);
  });

  test('a stray token where a statement should start', () => {
    expect(report('x: , halt')).toEqual(["bad.mate:1:4: unexpected ','\nx: , halt\n   ^"]);
  });

  test('an undefined label, with a suggestion when one is close', () => {
    expect(report('start: jump strat\njump nowhere')).toEqual([
      "bad.mate:1:13: undefined label 'strat'; did you mean 'start'?\nstart: jump strat\n            ^",
      "bad.mate:2:6: undefined label 'nowhere'\njump nowhere\n     ^",
    ]);
  });
});

describe('instruction errors', () => {
  test('an unknown mnemonic suggests the closest ones', () => {
    expect(report('  pushx 3')).toEqual([
      "bad.mate:1:3: unknown instruction 'pushx'; did you mean 'pushb', 'pushw', 'pushm' or 'pushc'?\n  pushx 3\n  ^",
    ]);
    expect(report('hlat')).toEqual(["bad.mate:1:1: unknown instruction 'hlat'; did you mean 'halt'?\nhlat\n^"]);
  });

  test('an unknown word alone on a line may be a label without its colon', () => {
    expect(report('mainloop')).toEqual(["bad.mate:1:1: unknown instruction 'mainloop' (a label ends with a colon)\nmainloop\n^"]);
  });

  test('an unknown mnemonic with nothing close gets no suggestion', () => {
    expect(report('frobnicate 3')).toEqual(["bad.mate:1:1: unknown instruction 'frobnicate'\nfrobnicate 3\n^"]);
  });

  test('a statement that does not start with a word', () => {
    expect(report('42 halt')).toEqual(["bad.mate:1:1: expected an instruction, found '42'\n42 halt\n^"]);
  });

  test('an operand on an instruction that takes none', () => {
    expect(report('halt 1')).toEqual(['bad.mate:1:6: halt takes no operand\nhalt 1\n     ^']);
  });

  test('a missing operand points just past the mnemonic and says what is needed', () => {
    expect(report('pushc\ngetvar\ngetms\ncall\nblez')).toEqual([
      'bad.mate:1:6: pushc needs a constant (0..63)\npushc\n     ^',
      'bad.mate:2:7: getvar needs a heap word (0..15)\ngetvar\n      ^',
      'bad.mate:3:6: getms needs a message field (0..7)\ngetms\n     ^',
      'bad.mate:4:5: call needs a subroutine capsule number (0..3)\ncall\n    ^',
      'bad.mate:5:5: blez needs a target (a label or a byte offset) (0..63)\nblez\n    ^',
    ]);
  });

  test('an extra operand', () => {
    expect(report('pushb 1 2')).toEqual(["bad.mate:1:9: pushb takes one operand; unexpected '2'\npushb 1 2\n        ^"]);
  });

  test('a string where a number belongs', () => {
    expect(report('pushc "7"')).toEqual(['bad.mate:1:7: pushc takes a number or a label, not \'"7"\'\npushc "7"\n      ^']);
  });

  test('an operand that is neither a number nor a label', () => {
    expect(report('pushc 12ab\npushc 0x')).toEqual([
      "bad.mate:1:7: '12ab' is not a number or a label\npushc 12ab\n      ^",
      "bad.mate:2:7: '0x' is not a number or a label\npushc 0x\n      ^",
    ]);
  });
});

describe('operand ranges', () => {
  test('pushc out of range suggests pushb, then pushw, then nothing', () => {
    expect(report('pushc 64\npushc -1\npushc 70000')).toEqual([
      'bad.mate:1:7: pushc takes 0..63; 64 does not fit; use pushb (0..255)\npushc 64\n      ^',
      'bad.mate:2:7: pushc takes 0..63; -1 does not fit; use pushw (-32768..65535)\npushc -1\n      ^',
      'bad.mate:3:7: pushc takes 0..63; 70000 does not fit\npushc 70000\n      ^',
    ]);
  });

  test('pushb out of range suggests pushw', () => {
    expect(report('pushb 256')).toEqual(['bad.mate:1:7: pushb takes 0..255; 256 does not fit; use pushw (-32768..65535)\npushb 256\n      ^']);
  });

  test('pushw out of range', () => {
    expect(report('pushw -32769')).toEqual(['bad.mate:1:7: pushw takes -32768..65535; -32769 does not fit\npushw -32769\n      ^']);
  });

  test('blez to a label at 64 or beyond suggests blezw and shows the label value', () => {
    const source = `pushc 0\nblez far\n${'halt\n'.repeat(62)}far: halt`;
    expect(report(source)).toEqual(["bad.mate:2:6: blez takes 0..63; 'far' (64) does not fit; use blezw (0..255)\nblez far\n     ^"]);
  });

  test('heap words, message fields and subroutines have their own ranges', () => {
    expect(report('getvar 16\nsetmb 8\ncall 4')).toEqual([
      'bad.mate:1:8: getvar takes 0..15; 16 does not fit\ngetvar 16\n       ^',
      'bad.mate:2:7: setmb takes 0..7; 8 does not fit\nsetmb 8\n      ^',
      'bad.mate:3:6: call takes 0..3; 4 does not fit\ncall 4\n     ^',
    ]);
  });
});

describe('directive errors', () => {
  test('an unknown directive, with a suggestion when one is close', () => {
    expect(report('.capsul clock\n.org 4')).toEqual([
      "bad.mate:1:1: unknown directive '.capsul'; did you mean '.capsule'?\n.capsul clock\n^",
      "bad.mate:2:1: unknown directive '.org'\n.org 4\n^",
    ]);
  });

  test('an unknown capsule type lists the valid ones', () => {
    expect(report('.capsule timer')).toEqual([
      "bad.mate:1:10: unknown capsule type 'timer'; expected one of clock, send, receive, once, sub0, sub1, sub2, sub3\n.capsule timer\n         ^",
    ]);
  });

  test('a directive given twice names the first one', () => {
    expect(report('.capsule once\n.capsule clock')).toEqual([
      'bad.mate:2:1: duplicate .capsule (first at line 1); one capsule per file\n.capsule clock\n^',
    ]);
  });

  test('a version outside 32 bits or not a number', () => {
    expect(report('.version 4294967296')).toEqual([
      "bad.mate:1:10: .version takes a number 0..4294967295, not '4294967296'\n.version 4294967296\n         ^",
    ]);
    expect(report('.version two')).toEqual(["bad.mate:1:10: .version takes a number 0..4294967295, not 'two'\n.version two\n         ^"]);
  });

  test('directives with missing or extra operands', () => {
    expect(report('.capsule\n.version\n.name\n.byte\n.noverify x')).toEqual([
      'bad.mate:1:9: .capsule needs a capsule type (clock, send, receive, once, sub0, sub1, sub2, sub3)\n.capsule\n        ^',
      'bad.mate:2:9: .version needs a version (0..4294967295)\n.version\n        ^',
      'bad.mate:3:6: .name needs a name\n.name\n     ^',
      'bad.mate:4:6: .byte needs a byte (0..255)\n.byte\n     ^',
      'bad.mate:5:11: .noverify takes no operand\n.noverify x\n          ^',
    ]);
    expect(report('.name a b')).toEqual(["bad.mate:1:9: .name takes one operand; unexpected 'b'\n.name a b\n        ^"]);
  });

  test('a name that is neither a word nor a string', () => {
    expect(report('.name ,')).toEqual(['bad.mate:1:7: .name takes a word or a "quoted string", not \',\'\n.name ,\n      ^']);
  });

  test('a .byte outside 0..255', () => {
    expect(report('.byte 256')).toEqual(['bad.mate:1:7: .byte takes 0..255; 256 does not fit\n.byte 256\n      ^']);
  });
});

describe('capsule-level errors', () => {
  test('a capsule over 128 bytes is reported on the line that crosses the limit', () => {
    const source = `${'pushw 1\n'.repeat(42)}pushw 2\nhalt`;
    expect(report(source)).toEqual(['bad.mate:43:1: capsule is 130 bytes; the limit is 128 (this line ends at byte 129)\npushw 2\n^']);
  });

  test('verifier findings come back on the offending line', () => {
    expect(report('.capsule once\n  pop\nhalt')).toEqual(['bad.mate:2:3: stack underflow: pop pops 1 but the stack holds 0\n  pop\n  ^']);
    expect(report('jump 9\nhalt')).toEqual(['bad.mate:1:1: jump target 9 is outside the capsule (0..2)\njump 9\n^']);
    expect(report('pushc 0\njump 2\nhalt')).toEqual(['bad.mate:2:1: jump target 2 is inside the instruction at 1\njump 2\n^']);
    expect(report('.byte 0x2e\nhalt')).toEqual(['bad.mate:1:1: byte 0x2e is not an opcode\n.byte 0x2e\n^']);
    expect(report('halt\n.byte 0x31')).toEqual(['bad.mate:2:1: jump needs 1 operand byte but the capsule ends\n.byte 0x31\n^']);
    expect(report(`${'pushc 1\n'.repeat(17)}halt`)).toEqual([
      'bad.mate:17:1: stack overflow: pushc makes the stack 17 above its entry (the limit is 16)\npushc 1\n^',
    ]);
  });

  test('.noverify assembles a capsule the verifier would reject', () => {
    const result = assemble('.noverify\n.capsule once\npop\njump 200');
    expect(result.ok && Array.from(result.capsule.code)).toEqual([0x0b, 0x31, 200]);
  });

  test('every error in the file is reported at once, in line order', () => {
    expect(report('pushc 99\nhalt 3\nbogus: jump missing').map((e) => e.split('\n')[0])).toEqual([
      'bad.mate:1:7: pushc takes 0..63; 99 does not fit; use pushb (0..255)',
      'bad.mate:2:6: halt takes no operand',
      "bad.mate:3:13: undefined label 'missing'",
    ]);
  });
});
