// Properties of the assembler, disassembler and verifier over generated programs and bytes.

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assemble, type AssembleResult } from '../../assembler/assemble.js';
import { disassemble } from '../../assembler/disassemble.js';
import { verify } from '../../assembler/verify.js';
import { OPERAND_STACK_DEPTH, type Capsule } from '../../vm/capsule.js';
import { VOCABULARY, capsuleType, instructionCode, structuredProgram } from './programs.js';

const header = fc.record({ type: capsuleType, version: fc.integer({ min: 0, max: 0xffffffff }), name: fc.string({ unit: 'binary' }) });

/** Everything a result promises about itself, for any input text. */
function wellFormed(source: string, result: AssembleResult): void {
  const lines = source.split(/\r\n|\r|\n/); // LF, CRLF and CR end a line
  if (result.ok) {
    expect(result.capsule.code.length).toBeLessThanOrEqual(128);
    const pcs = result.sourceMap.map((e) => e.pc);
    expect(pcs).toEqual([...pcs].sort((a, b) => a - b));
    if (!/\.noverify/i.test(source)) expect(verify(result.capsule).ok).toBe(true);
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(e.source).toBe(lines[e.line - 1]);
      expect(e.col).toBeGreaterThanOrEqual(1);
      expect(e.col).toBeLessThanOrEqual(e.source.length + 1);
    }
  }
}

/** A program text mutated by inserting vocabulary, deleting a span or duplicating a line. */
const mutated = fc
  .tuple(
    capsuleType,
    fc.array(fc.nat(), { minLength: 1, maxLength: 60, size: 'max' }),
    fc.array(fc.tuple(fc.nat(2), fc.nat(), fc.nat(20), fc.constantFrom(...VOCABULARY)), { maxLength: 6 }),
  )
  .map(([type, choices, edits]) => {
    let text = structuredProgram(type, choices).source;
    for (const [kind, at, span, word] of edits) {
      const i = at % (text.length + 1);
      if (kind === 0) text = `${text.slice(0, i)}${word}${text.slice(i)}`;
      else if (kind === 1) text = `${text.slice(0, i)}${text.slice(i + span)}`;
      else {
        const lines = text.split('\n');
        lines.splice(i % lines.length, 0, lines[i % lines.length]);
        text = lines.join('\n');
      }
    }
    return text;
  });

describe('the assembler never throws', () => {
  test('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (source) => {
        wellFormed(source, assemble(source, 'any.mate'));
      }),
      { numRuns: 300 },
    );
  });

  test('on token soup made of its own vocabulary', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 80 }), (words) => {
        const source = words.join(' ');
        wellFormed(source, assemble(source, 'soup.mate'));
      }),
      { numRuns: 300 },
    );
  });

  test('on mutated valid programs', () => {
    fc.assert(
      fc.property(mutated, (source) => {
        wellFormed(source, assemble(source, 'mutated.mate'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('disassemble then assemble gives the same bytes', () => {
  const roundTrip = (capsule: Capsule): void => {
    const result = assemble(disassemble(capsule));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.capsule).toEqual(capsule);
  };

  test('for random sequences of valid instructions, wide ops and jumps included', () => {
    fc.assert(
      fc.property(header, instructionCode, (h, code) => roundTrip({ ...h, code })),
      { numRuns: 300 },
    );
  });

  test('for random bytes', () => {
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 128, size: 'max' }), (h, code) => roundTrip({ ...h, code })),
      { numRuns: 300 },
    );
  });
});

describe('the verifier', () => {
  test('accepts every structured program with a balanced stack, and the assembler agrees', () => {
    fc.assert(
      fc.property(capsuleType, fc.array(fc.nat(), { minLength: 1, maxLength: 120, size: 'max' }), (type, choices) => {
        const program = structuredProgram(type, choices);
        fc.pre(program.bytes <= 128);
        const result = assemble(program.source, 'structured.mate');
        if (!result.ok) expect(result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([]);
        if (!result.ok) return;
        expect(result.capsule.code.length).toBe(program.bytes);
        const verdict = verify(result.capsule);
        expect(verdict.errors).toEqual([]);
        if (verdict.maxDepth !== null) expect(verdict.maxDepth).toBeLessThanOrEqual(OPERAND_STACK_DEPTH);
      }),
      { numRuns: 300 },
    );
  });

  test('never throws and reports only pcs inside the code or at the size limit', () => {
    fc.assert(
      fc.property(capsuleType, fc.uint8Array({ maxLength: 160, size: 'max' }), (type, code) => {
        const verdict = verify({ type, code });
        expect(verdict.ok).toBe(verdict.errors.length === 0);
        for (const e of verdict.errors) expect(e.pc === 128 || e.pc < code.length).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
