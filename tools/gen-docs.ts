// `npm run docs`: regenerates the instruction reference inside README.md from vm/opcodes.ts.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../cli/paths.js';
import { spliceReference } from './opcode-reference.js';

const readmePath = join(packageRoot, 'README.md');
const updated = spliceReference(readFileSync(readmePath, 'utf8'));
if (updated === null) {
  process.stderr.write('README.md: the opcode-reference markers are missing\n');
  process.exitCode = 1;
} else {
  writeFileSync(readmePath, updated);
  process.stdout.write('README.md: instruction reference regenerated\n');
}
