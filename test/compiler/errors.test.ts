// Every compile error the TinyScript compiler reports, with its exact text and caret
// (`file:line:col: message`, the source line, a caret under the column), and every mistake in a
// file reported at once.

import { describe, expect, it } from 'vitest';
import { formatError } from '../../assembler/errors.js';
import { compile } from '../../compiler/compile.js';

const DEEP = 'handler once;\nprivate x;\nx = ' + '('.repeat(101) + 'x' + ')'.repeat(101) + ';';
const STACK = 'handler once;\nprivate x;\nx = ' + Array.from({ length: 17 }, () => 'x').join(' + (') + ')'.repeat(16) + ';';
const FULL = 'handler once;\n' + Array.from({ length: 16 }, (_, i) => `private v${i};`).join('\n') + '\nv0 = v1 # v2;';
const BIG = 'handler once;\nprivate x;\n' + Array.from({ length: 30 }, () => 'x = x + 1000;').join('\n');
const NOWORD = Array.from({ length: 17 }, (_, i) => `private v${i};`).join('\n');

/** [what, source, every error rendered] */
const CASES: [string, string, string][] = [
  ["badNumber", "private x;\nx = 12ab;", "p.tinyscript:2:5: '12ab' is not a number (numbers are decimal digits) or a name (names start with a letter or _)\nx = 12ab;\n    ^"],
  ["badChar", "private x;\nx = 1 $ 2;", "p.tinyscript:2:7: unexpected character '$'\nx = 1 $ 2;\n      ^\np.tinyscript:2:9: expected ';' after the assignment, found '2'\nx = 1 $ 2;\n        ^"],
  ["control", "private x;\nx = 1\u0001;", "p.tinyscript:2:6: unexpected character 'U+0001'\nx = 1\u0001;\n     ^"],
  ["closeParen", "private x;\nx = (1 + 2;", "p.tinyscript:2:11: expected ')' to close the parenthesis, found ';'\nx = (1 + 2;\n          ^"],
  ["argsClose", "led(1, 2;", "p.tinyscript:1:9: expected ')' after the arguments, found ';'\nled(1, 2;\n        ^"],
  ["indexClose", "buffer b;\nb[1 = 2;", "p.tinyscript:2:8: expected ']' after the index, found ';'\nb[1 = 2;\n       ^"],
  ["assignSemi", "private x;\nx = 1\nled(x);", "p.tinyscript:3:1: expected ';' after the assignment, found 'led'\nled(x);\n^"],
  ["storeEq", "buffer b;\nb[1] 5;", "p.tinyscript:2:6: expected '=' after 'b[...]' (a buffer element is written with =), found '5'\nb[1] 5;\n     ^"],
  ["callSemi", "led(1)\nled(2);", "p.tinyscript:2:1: expected ';' after the call, found 'led'\nled(2);\n^"],
  ["forEq", "private i;\nfor i 1 to 3\nnext i", "p.tinyscript:2:7: expected '=' after the loop variable, found '1'\nfor i 1 to 3\n      ^\np.tinyscript:3:1: 'next' without a matching 'for'\nnext i\n^"],
  ["constEq", "constant C 5;", "p.tinyscript:1:12: expected '=' after the constant's name (constant C = 8;), found '5'\nconstant C 5;\n           ^"],
  ["declSemi", "private x\nx = 1;", "p.tinyscript:2:1: expected ';' after the declaration of 'x', found 'x'\nx = 1;\n^"],
  ["then", "private x;\nif x > 1\n  led(1);\nend if", "p.tinyscript:3:3: expected 'then' after the 'if' condition, found 'led'\n  led(1);\n  ^"],
  ["endWord", "private x;\nif x then\n  led(1);\nend while", "p.tinyscript:4:5: expected 'if' after 'end' (closing the 'if' on line 2), found 'while'\nend while\n    ^"],
  ["endIf", "private x;\nif x then\n  led(1);\n", "p.tinyscript:4:1: expected 'end if' to close the 'if' on line 2, found the end of the file\n\n^"],
  ["forVar", "for 1 = 2 to 3\nnext i", "p.tinyscript:1:5: expected the loop variable after 'for', found '1'\nfor 1 = 2 to 3\n    ^\np.tinyscript:2:1: 'next' without a matching 'for'\nnext i\n^"],
  ["nextVar", "private i;\nfor i = 1 to 3\nnext 5", "p.tinyscript:3:6: expected the loop variable after 'next' (closing the 'for' on line 2), found '5'\nnext 5\n     ^"],
  ["forKind", "private i;\nfor i = 1 downto 3\nnext i", "p.tinyscript:2:11: expected 'to', 'step', 'until' or 'while' in the 'for' loop, found 'downto'\nfor i = 1 downto 3\n          ^\np.tinyscript:3:1: 'next' without a matching 'for'\nnext i\n^"],
  ["nextMissing", "private i;\nfor i = 1 to 3\n  led(i);\n", "p.tinyscript:4:1: expected 'next i' to close the 'for' on line 2, found the end of the file\n\n^"],
  ["afterName", "private x;\nx + 1;", "p.tinyscript:2:3: expected '=', '[' or '(' after 'x', found '+'\nx + 1;\n  ^"],
  ["strayEnd", "led(1);\nend if", "p.tinyscript:2:1: 'end' without a matching 'if' or 'while'\nend if\n^"],
  ["strayNext", "next i", "p.tinyscript:1:1: 'next' without a matching 'for'\nnext i\n^"],
  ["strayElse", "else\nled(1);", "p.tinyscript:1:1: 'else' without a matching 'if'\nelse\n^"],
  ["statement", "private x;\n5 = x;", "p.tinyscript:2:1: expected a statement, found '5'\n5 = x;\n^"],
  ["expression", "private x;\nx = * 2;", "p.tinyscript:2:5: expected an expression, found '*'\nx = * 2;\n    ^"],
  ["handlerName", "handler 5;", "p.tinyscript:1:9: expected a capsule type after 'handler' (clock, send, receive, once, sub0..sub3), found '5'\nhandler 5;\n        ^"],
  ["secondHandler", "handler clock;\nhandler once;", "p.tinyscript:2:1: a second 'handler' line (the first is on line 1)\nhandler once;\n^"],
  ["versionNumber", "version two;", "p.tinyscript:1:9: expected a version number after 'version', found 'two'\nversion two;\n        ^"],
  ["secondVersion", "version 1;\nversion 2;", "p.tinyscript:2:1: a second 'version' line (the first is on line 1)\nversion 2;\n^"],
  ["headerLate", "private x;\nhandler clock;", "p.tinyscript:2:1: the header ('handler') comes first, before the declarations\nhandler clock;\n^"],
  ["declLate", "led(1);\nprivate x;", "p.tinyscript:2:1: declarations come before the statements; move this 'private' up\nprivate x;\n^"],
  ["declName", "private 5;", "p.tinyscript:1:9: expected a name after 'private', found '5'\nprivate 5;\n        ^"],
  ["deep", DEEP, "p.tinyscript:3:104: nested too deeply (more than 100 levels)\nx = (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((x)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));\n                                                                                                       ^"],
  ["stack", STACK, "p.tinyscript:3:85: stack overflow: getvar makes the stack 17 (the limit is 16)\nx = x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x))))))))))))))));\n                                                                                    ^"],
  ["full", FULL, "p.tinyscript:18:9: '#' needs 1 free heap word as scratch; this handler's variables hold 16 of 16\nv0 = v1 # v2;\n        ^"],
  ["big", BIG, "p.tinyscript:24:9: the handler compiles to 181 bytes; a capsule holds at most 128 (the code from here on does not fit)\nx = x + 1000;\n        ^"],
  ["undeclared", "private count;\ncoutn = 1;", "p.tinyscript:2:1: 'coutn' is not declared; did you mean 'count'?\ncoutn = 1;\n^"],
  ["tooBig", "private x;\nx = 70000;", "p.tinyscript:2:5: 70000 does not fit in 16 bits (0..65535)\nx = 70000;\n    ^"],
  ["indexConst", "buffer b;\nprivate i;\nb[i] = 1;", "p.tinyscript:3:3: a buffer index must be a constant (a number, a constant's name, or arithmetic on them)\nb[i] = 1;\n  ^"],
  ["loopStart", "private i;\nprivate s;\nfor i = s until i > 3\nnext i", "p.tinyscript:3:9: a conditional loop's start must be a constant (a number, a constant's name, or arithmetic on them)\nfor i = s until i > 3\n        ^"],
  ["loopStep", "private i;\nprivate s;\nfor i = 1 to 5 step s\nnext i", "p.tinyscript:3:21: a loop's step must be a constant (a number, a constant's name, or arithmetic on them)\nfor i = 1 to 5 step s\n                    ^"],
  ["toBound", "private i;\nprivate n;\nfor i = 1 to n\nnext i", "p.tinyscript:3:14: a 'to' bound must be a constant (a number, a constant's name, or arithmetic on them)\nfor i = 1 to n\n             ^"],
  ["callConst", "private n;\ncall(n);", "p.tinyscript:2:6: the 1st argument of 'call' must be a constant (a number, a constant's name, or arithmetic on them)\ncall(n);\n     ^"],
  ["constValue", "private x;\nconstant C = x;", "p.tinyscript:2:14: the value of constant 'C' must be a constant (a number, a constant's name, or arithmetic on them)\nconstant C = x;\n             ^"],
  ["slotConst", "private y;\nprivate x @ y;", "p.tinyscript:2:13: a heap word after @ must be a constant (a number, a constant's name, or arithmetic on them)\nprivate x @ y;\n            ^"],
  ["indexRange", "buffer b;\nb[8] = 1;", "p.tinyscript:2:3: buffer index 8 is out of range: the VM reads 16-bit fields 0..7\nb[8] = 1;\n  ^"],
  ["notBuffer", "private x;\nx[1] = 2;", "p.tinyscript:2:1: 'x' is not a buffer\nx[1] = 2;\n^"],
  ["unknownFn", "bcast(1);", "p.tinyscript:1:1: unknown function 'bcast': the VM has no such operation; did you mean 'cast'?\nbcast(1);\n^"],
  ["typo", "private x;\nx = rnad();", "p.tinyscript:2:5: unknown function 'rnad': the VM has no such operation; did you mean 'rand'?\nx = rnad();\n    ^"],
  ["noValue", "private x;\nx = led(1);", "p.tinyscript:2:5: 'led' returns no value; call it as a statement\nx = led(1);\n    ^"],
  ["arity", "led(1, 2);", "p.tinyscript:1:1: 'led' takes 1 argument (led(v)), not 2\nled(1, 2);\n^"],
  ["bufferArg", "private x;\nsend(x + 1);", "p.tinyscript:2:8: the 1st argument of 'send' must be the buffer's name (send(b))\nsend(x + 1);\n       ^"],
  ["argRange", "call(5);", "p.tinyscript:1:6: the 1st argument of 'call' must be 0..3, not 5\ncall(5);\n     ^"],
  ["bufferValue", "buffer b;\nprivate x;\nx = b + 1;", "p.tinyscript:3:5: 'b' is a buffer, not a value; read an element with b[i]\nx = b + 1;\n    ^"],
  ["wholeBuffer", "buffer b;\nprivate x;\nx = b[];", "p.tinyscript:3:5: 'b[]' is the whole buffer, not a value; read an element with b[i]\nx = b[];\n    ^"],
  ["slotTaken", "private x @ 3;\nshared y @ 3;", "p.tinyscript:2:8: heap word 3 already holds 'x'\nshared y @ 3;\n       ^"],
  ["noWord", NOWORD, "p.tinyscript:17:9: no heap word left for 'v16': the VM has 16\nprivate v16;\n        ^"],
  ["secondBuffer", "buffer a;\nbuffer b;", "p.tinyscript:2:8: a second buffer ('a' is the first): the VM has one message buffer per handler\nbuffer b;\n       ^"],
  ["slotRange", "private x @ 16;", "p.tinyscript:1:13: heap word 16 does not exist: the VM has words 0..15\nprivate x @ 16;\n            ^"],
  ["twice", "private x;\nshared x;", "p.tinyscript:2:8: 'x' is declared twice\nshared x;\n       ^"],
  ["assignConst", "constant C = 1;\nC = 2;", "p.tinyscript:2:1: 'C' is a constant; it cannot be assigned\nC = 2;\n^"],
  ["assignBuffer", "buffer b;\nb = 2;", "p.tinyscript:2:1: 'b' is a buffer; write an element with b[i] = ... or append with b[] = ...\nb = 2;\n^"],
  ["nextOther", "private i;\nprivate j;\nfor i = 1 to 3\nnext j", "p.tinyscript:4:6: 'next j' closes the loop over 'i' (line 3); it must name the same variable\nnext j\n     ^"],
  ["stepZero", "private i;\nfor i = 1 to 3 step 0\nnext i", "p.tinyscript:2:21: a 'to' loop's step must not be 0 (the loop would never reach its bound)\nfor i = 1 to 3 step 0\n                    ^"],
  ["unknownHandler", "handler clok;", "p.tinyscript:1:9: unknown handler 'clok': want one of sub0, sub1, sub2, sub3, clock, send, receive, once\nhandler clok;\n        ^"],
  ["bigVersion", "version 4294967296;", "p.tinyscript:1:9: version 4294967296 is too large (0..4294967295)\nversion 4294967296;\n        ^"],
  ["many", "private x;\nx = y;\nled(1, 2);\nfoo();", "p.tinyscript:2:5: 'y' is not declared; did you mean 'x'?\nx = y;\n    ^\np.tinyscript:3:1: 'led' takes 1 argument (led(v)), not 2\nled(1, 2);\n^\np.tinyscript:4:1: unknown function 'foo': the VM has no such operation\nfoo();\n^"],
  ["semicolons", "private n\nn = 1\nled(m);", "p.tinyscript:2:1: expected ';' after the declaration of 'n', found 'n'\nn = 1\n^\np.tinyscript:3:1: expected ';' after the assignment, found 'led'\nled(m);\n^\np.tinyscript:3:5: 'm' is not declared; did you mean 'n'?\nled(m);\n    ^"],
];

function rendered(source: string): string {
  const result = compile(source, { file: 'p.tinyscript' });
  return result.ok ? '(compiled)' : result.errors.map(formatError).join('\n');
}

describe('compile errors', () => {
  for (const [what, source, expected] of CASES) {
    it(`${what}: reported with its place, text and caret`, () => {
      expect(rendered(source)).toBe(expected);
    });
  }

  it('an over-long expression is refused at the operator past the limit', () => {
    const source = 'handler once;\nprivate x;\nx = x' + ' + x'.repeat(1001) + ';';
    const result = compile(source, { file: 'p.tinyscript' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.line, e.col, e.message])).toEqual([[3, 4007, 'expression too long (more than 1000 operators)']]);
  });

  it('every case is a distinct mistake: no two cases give the same first message', () => {
    const firsts = CASES.map(([, source]) => rendered(source).split('\n')[0].replace(/^[^ ]+ /, ''));
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});
