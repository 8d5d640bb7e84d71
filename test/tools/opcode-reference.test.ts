// The README's instruction reference is generated from the opcode table and must not drift from it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../cli/paths.js';
import { OPCODES } from '../../vm/opcodes.js';
import { renderOpcodeReference, spliceReference } from '../../tools/opcode-reference.js';

describe('the generated instruction reference', () => {
  it('lists every row of the opcode table', () => {
    const text = renderOpcodeReference();
    for (const row of OPCODES) expect(text).toContain(`| \`${row.name}\` |`);
  });

  it('is up to date in README.md (run `npm run docs` after changing vm/opcodes.ts)', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    expect(spliceReference(readme)).toBe(readme);
  });
});
