// The language as the README documents it: precedence, keyword case, loops that test at the
// bottom, the header and its overrides, buffers, storage placement and the source map.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../compiler/builtins.js';
import { compile } from '../../compiler/compile.js';
import { Vm } from '../../vm/vm.js';
import { TestHost } from '../vm/helpers.js';
import { compiled, runOnce } from './helpers.js';

/** The value r (heap word 0) ends with, after the given statements. */
function result(...statements: string[]): number {
  const ran = runOnce(compiled(['handler once;', 'private r @ 0;', 'private x @ 1;', 'private i @ 2;', ...statements].join('\n')));
  expect(ran.trapped).toBe(false);
  return ran.heap[0];
}

describe('TinyScript precedence', () => {
  it('binds comparisons looser than & and |, so x & 7 = 0 means (x & 7) = 0', () => {
    expect(result('x = 8;', 'r = x & 7 = 0;')).toBe(1);
    expect(result('x = 9;', 'r = x | 1 = 9;')).toBe(1);
  });

  it('binds the boolean words loosest: not x = 1 means not (x = 1)', () => {
    expect(result('x = 1;', 'r = not x = 1;')).toBe(0);
    expect(result('x = 2;', 'r = x > 1 and x < 3 or 0;')).toBe(1);
  });

  it('applies ~ to a whole sum: ~x + 1 means ~(x + 1)', () => {
    expect(result('x = 5;', 'r = ~x + 1;')).toBe(-7);
  });

  it('binds ^ tightest and multiplies before adding', () => {
    expect(result('x = 3;', 'r = 2 * x ^ 2 + 1;')).toBe(19);
    expect(result('x = 2;', 'r = x ^ 10;')).toBe(1024);
  });
});

describe('TinyScript statements', () => {
  it('runs a for body at least once, testing at the bottom as ASVM did', () => {
    expect(result('r = 0;', 'for i = 5 to 1', '  r = r + 1;', 'next i')).toBe(1);
    expect(result('r = 0;', 'for i = 1 to 10 step 3', '  r = r + i;', 'next i')).toBe(1 + 4 + 7 + 10);
    expect(result('r = 0;', 'for i = 10 to 1 step -4', '  r = r + i;', 'next i')).toBe(10 + 6 + 2);
  });

  it('runs until and while loops on their conditions', () => {
    expect(result('r = 0;', 'for i = 0 until r >= 20', '  r = r + i;', 'next i')).toBe(21);
    expect(result('r = 0;', 'for i = 0 step 2 while i < 7', '  r = r + 1;', 'next i')).toBe(4);
    expect(result('r = 0;', 'while r < 5', '  r = r + 2;', 'end while')).toBe(6);
  });

  it('takes keywords in all lower or all upper case', () => {
    expect(result('x = 3;', 'IF x > 2 THEN', '  r = 1;', 'ELSE', '  r = 2;', 'END IF')).toBe(1);
    const mixed = compile('handler once;\nprivate x;\nIf x then\nend if', { file: 'm.tinyscript' });
    expect(mixed.ok).toBe(false);
  });
});

describe('the header', () => {
  it('names the handler and version, and options override both', () => {
    const source = 'handler receive;\nversion 7;\nprivate x;\nx = 1;';
    const plain = compile(source, { file: 'h.tinyscript' });
    const overridden = compile(source, { file: 'h.tinyscript', handler: 'send', version: 9 });
    expect(plain.ok && [plain.capsule.type, plain.capsule.version, plain.capsule.name]).toEqual(['receive', 7, 'h']);
    expect(overridden.ok && [overridden.capsule.type, overridden.capsule.version]).toEqual(['send', 9]);
  });

  it('defaults to a clock handler, version 1', () => {
    const r = compile('led(1);', { file: 'd.tinyscript' });
    expect(r.ok && [r.capsule.type, r.capsule.version]).toEqual(['clock', 1]);
  });

  it('ends a subroutine with ret and a handler with halt', () => {
    const sub = compile('handler sub2;\nled(1);');
    const handler = compile('handler once;\nled(1);');
    expect(sub.ok && Array.from(sub.capsule.code)).toEqual([0xc1, 0x19, 0x25]);
    expect(handler.ok && Array.from(handler.capsule.code)).toEqual([0xc1, 0x19, 0x00]);
  });
});

describe('buffers and storage', () => {
  it('writes fields, appends and sends the bytes the program put there', () => {
    const host = new TestHost();
    const vm = new Vm(host);
    vm.install(compiled(['handler once;', 'buffer b;', 'bclear(b);', 'b[0] = 258;', 'b[] = 3;', 'b[1] = b[0] + 1;', 'send(b);'].join('\n')));
    while (vm.ready) vm.run(1_000_000);
    expect(host.sends.map((s) => s.bytes)).toEqual([[2, 1, 3, 1]]);
  });

  it('reaches the instructions behind the buffer, heap, neighbour and serial built-ins', () => {
    const host = new TestHost();
    host.table = [[3, 9], [9]];
    const vm = new Vm(host);
    vm.install(compiled([
      'handler once;', 'buffer b;', 'private n @ 0;',
      'setheap(5, 77);', 'n = heap(5) + nbrs(0) + nbr(1, 0) + nbri(9, 1);',
      'bclear(b);', 'setbyte(b, 0, 300);', 'b[1] = getbyte(b, 0) + 1;', 'uart(b);', 'sendto(b, 65535);',
    ].join('\n')));
    while (vm.ready) vm.run(1_000_000);
    expect(vm.inspect().heap[0].value).toBe(77 + 2 + 9 + 0);
    expect(host.serial.map((s) => s.bytes)).toEqual([[44, 0, 45, 0]]);
    expect(host.sends.map((s) => [s.dest, s.bytes])).toEqual([[0xffff, [44, 0, 45, 0]]]);
  });

  it('puts the first shared variable in the VM shared variable, other shared words from 0 up, privates from 15 down', () => {
    const r = compile('handler once;\nshared s;\nshared t;\nprivate p;\ns = 1;\nt = 2;\np = 3;');
    expect(r.ok && r.asm).toMatch(/sets[\s\S]*setvar {2}0[\s\S]*setvar {2}15/);
  });

  it('maps every instruction to the source line it came from', () => {
    const r = compile('handler clock;\nshared count;\n\ncount = count + 1;\nled(count & 7);', { file: 'c.tinyscript' });
    expect(r.ok && r.sourceMap.map((e) => [e.pc, e.line])).toEqual([
      [0, 4], [1, 4], [2, 4], [3, 4], [4, 4], [5, 5], [6, 5], [7, 5], [8, 5],
    ]);
  });
});

describe('the README', () => {
  it('lists every built-in function in its TinyScript table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const b of BUILTINS) expect(readme).toContain(`| \`${b.name}(`);
  });
});
