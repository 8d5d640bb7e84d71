// The verifier: structural checks, the size classes, and static stack depth by abstract
// interpretation, including where depth stops being static.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../assembler/assemble.js';
import { verify, type VerifyResult } from '../../assembler/verify.js';
import type { CapsuleType } from '../../vm/capsule.js';

/** Verifies source assembled as written (.noverify), so the verifier alone decides. */
function check(source: string, type: CapsuleType = 'once'): VerifyResult {
  const result = assemble(`.noverify\n.capsule ${type}\n${source}`);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return verify(result.capsule);
}

function code(...bytes: number[]): Uint8Array {
  return Uint8Array.from(bytes);
}

describe('accepted capsules', () => {
  test('the Maté counter passes with a maximum depth of 2 and fits one packet', () => {
    expect(check('gets\npushc 1\nadd\ncopy\nsets\npushc 7\nand\nputled\nhalt', 'clock')).toEqual({
      ok: true,
      errors: [],
      maxDepth: 2,
      classic: true,
    });
  });

  test('an empty capsule passes with depth 0', () => {
    expect(verify({ type: 'once', code: code() })).toEqual({ ok: true, errors: [], maxDepth: 0, classic: true });
  });

  test('a loop whose back edge brings the same depth keeps a static maximum', () => {
    const result = check('pushc 5\ntop: copy\nblez done\npushc 1\nsub\njump top\ndone: pop\nhalt');
    expect(result).toMatchObject({ ok: true, maxDepth: 2 });
  });

  test('code after halt that is never reached is not depth-checked', () => {
    expect(check('halt\npop\npop').ok).toBe(true);
  });
});

describe('entry depth', () => {
  test('once, send and receive start empty, so popping first is an underflow', () => {
    for (const type of ['once', 'send', 'receive'] as const) {
      expect(check('pop\nhalt', type).errors).toEqual([{ pc: 0, message: 'stack underflow: pop pops 1 but the stack holds 0' }]);
    }
  });

  test('clock capsules keep their stack between firings, so underflow there is left to run time', () => {
    expect(check('pushc 1\nadd\ncopy\nputled\nhalt', 'clock')).toMatchObject({ ok: true, maxDepth: 1 });
  });

  test('subroutines run on their caller stack, so they may pop their arguments', () => {
    expect(check('add\nadd\nret', 'sub1')).toMatchObject({ ok: true, maxDepth: 0 });
  });

  test('overflow is flagged even above an unknown entry depth', () => {
    expect(check(`${'pushc 1\n'.repeat(17)}halt`, 'sub0').errors).toEqual([
      { pc: 16, message: 'stack overflow: pushc makes the stack 17 above its entry (the limit is 16)' },
    ]);
  });

  test('overflow from an empty stack gives the exact depth', () => {
    expect(check(`${'rand\n'.repeat(16)}copy\nhalt`).errors).toEqual([
      { pc: 16, message: 'stack overflow: copy makes the stack 17 (the limit is 16)' },
    ]);
  });

  test('after reset the depth is exactly 0 in any context', () => {
    expect(check('pushc 1\nreset\npop\nhalt', 'clock').errors).toEqual([
      { pc: 2, message: 'stack underflow: pop pops 1 but the stack holds 0' },
    ]);
  });
});

describe('where depth stops being static', () => {
  test('paths that merge with different depths make the depth unknown, not an error', () => {
    const result = check('pushc 1\nblez join\npushc 5\njoin: pop\npop\npop\nhalt');
    expect(result).toEqual({ ok: true, errors: [], maxDepth: null, classic: true });
  });

  test('after a call the depth is unknown', () => {
    expect(check('call 0\npop\nhalt')).toMatchObject({ ok: true, maxDepth: null });
  });

  test('a dynamic jump makes the maximum unknown', () => {
    expect(check('pushc 2\njumps\nhalt')).toMatchObject({ ok: true, maxDepth: null });
  });

  test('a path is reported once, then no longer checked', () => {
    expect(check('pop\npop\npop\nhalt').errors).toHaveLength(1);
  });
});

describe('structural checks', () => {
  test('a byte that is not an opcode', () => {
    expect(verify({ type: 'clock', code: code(0x2e, 0x00) }).errors).toEqual([{ pc: 0, message: 'byte 0x2e is not an opcode' }]);
  });

  test('a trailing operand cut off by the end of the capsule', () => {
    expect(verify({ type: 'clock', code: code(0x00, 0x30, 0x01) }).errors).toEqual([
      { pc: 1, message: 'pushw needs 2 operand bytes but the capsule ends' },
    ]);
  });

  test('a jump target past the last byte is outside the capsule', () => {
    expect(verify({ type: 'clock', code: code(0xc0, 0x85, 0x31, 0x01, 0x00) }).errors).toEqual([
      { pc: 1, message: 'blez target 5 is outside the capsule (0..4)' },
    ]);
  });

  test('a target in the middle of a wide instruction is reported with the instruction it lands in', () => {
    expect(verify({ type: 'clock', code: code(0x30, 0x00, 0x00, 0x31, 0x02) }).errors).toEqual([
      { pc: 3, message: 'jump target 2 is inside the instruction at 0' },
    ]);
  });

  test('errors come sorted by pc', () => {
    const pcs = verify({ type: 'once', code: code(0x2e, 0x0b, 0x2e, 0x31, 0x50) }).errors.map((e) => e.pc);
    expect(pcs).toEqual([...pcs].sort((a, b) => a - b));
    expect(pcs).toEqual([0, 2, 3]);
  });
});

describe('size classes', () => {
  test('24 bytes is classic, 25 is extended, both valid', () => {
    expect(verify({ type: 'clock', code: new Uint8Array(24) })).toMatchObject({ ok: true, classic: true });
    expect(verify({ type: 'clock', code: new Uint8Array(25) })).toMatchObject({ ok: true, classic: false });
  });

  test('over 128 bytes is an error at the first byte past the limit', () => {
    expect(verify({ type: 'clock', code: new Uint8Array(130) }).errors).toEqual([
      { pc: 128, message: 'capsule is 130 bytes; an extended capsule holds at most 128 (a classic one 24)' },
    ]);
  });
});
