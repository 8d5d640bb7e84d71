// Compiles a TinyScript file for any command that loads capsules (load-capsule.ts) and for `mote
// compile`: compile errors become one UserError listing them all, clang-style, with a count.

import { formatError } from '../assembler/errors.js';
import { compile, type CompileOptions } from '../compiler/compile.js';
import type { Capsule } from '../vm/capsule.js';
import { UserError } from './io.js';

export const TINYSCRIPT_EXTENSION = '.tinyscript';

export interface CompiledFile {
  readonly capsule: Capsule;
  readonly instructions: number;
  readonly source: string;
  readonly asm: string;
  readonly sourceMap: readonly { pc: number; line: number; col: number }[];
}

export function compileFile(file: string, source: string, options: Omit<CompileOptions, 'file'> = {}): CompiledFile {
  const result = compile(source, { ...options, file });
  if (!result.ok) {
    const count = result.errors.length;
    throw new UserError(`${result.errors.map(formatError).join('\n')}\n${count} error${count === 1 ? '' : 's'} in ${file}`);
  }
  return { capsule: result.capsule, instructions: result.instructions, source, asm: result.asm, sourceMap: result.sourceMap };
}
