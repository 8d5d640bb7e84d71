// The compiler never throws, whatever the text: random strings, token soup, and every truncation of
// real programs come back as a capsule or as errors, each with a place inside the file.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';

const DIR = join(import.meta.dirname, '..', '..', 'capsules');
const SHIPPED = readdirSync(DIR).filter((f) => f.endsWith('.tinyscript')).map((f) => readFileSync(join(DIR, f), 'utf8'));

const WORDS = [
  'if', 'then', 'else', 'end', 'for', 'to', 'step', 'next', 'until', 'while', 'private', 'shared', 'buffer', 'constant',
  'not', 'and', 'or', 'xor', 'eqv', 'imp', 'handler', 'version', 'IF', 'End', 'x', 'y', 'b', 'led', 'sense', 'send', 'call',
  'clock', 'sub0', '0', '1', '63', '64', '65535', '65536', '99999999999999999999', '=', '<>', '<=', '>=', '<', '>', '+', '-',
  '*', '/', '%', '^', '&', '|', '#', '~', '(', ')', '[', ']', ',', ';', '@', '!', '\n', '\r', ' ', '\t', '$',
];

/** Compiles without throwing; on failure every error sits on a line of the file, at column 1 or later. */
function compilesOrPlaces(source: string): void {
  const result = compile(source, { file: 'r.tinyscript' });
  if (result.ok) return;
  const lines = source.split(/\r\n|\r|\n/).length;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('the compiler on any text', () => {
  it('never throws on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), compilesOrPlaces), { numRuns: 1000 });
  });

  it('never throws on token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 200 }), (words) => compilesOrPlaces(words.join(' '))), { numRuns: 1000 });
  });

  it('never throws on any truncation or splice of the shipped programs', () => {
    for (const source of SHIPPED) {
      for (let cut = 0; cut <= source.length; cut++) compilesOrPlaces(source.slice(0, cut));
    }
    fc.assert(
      fc.property(fc.constantFrom(...SHIPPED), fc.nat(), fc.nat(), fc.constantFrom(...WORDS), (source, a, b, word) => {
        const [from, to] = [a % (source.length + 1), b % (source.length + 1)].sort((x, y) => x - y);
        compilesOrPlaces(source.slice(0, from) + word + source.slice(to));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on deep nesting of parentheses, unary operators and blocks', () => {
    for (const n of [99, 100, 101, 5000]) {
      compilesOrPlaces(`private x;\nx = ${'('.repeat(n)}1${')'.repeat(n)};`);
      compilesOrPlaces(`private x;\nx = ${'-'.repeat(n)}1;`);
      compilesOrPlaces(`private x;\nx = ${'not '.repeat(n)}1;`);
      compilesOrPlaces(`private x;\n${'if x then\n'.repeat(n)}${'end if\n'.repeat(n)}`);
    }
  });
});
