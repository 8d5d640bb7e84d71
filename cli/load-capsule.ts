// Reads a capsule for any command: assembly source (.mate) is assembled, TinyScript (.tinyscript) is
// compiled, anything else is read as a CBOR capsule file. Every problem becomes a UserError that names the file.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { assemble } from '../assembler/assemble.js';
import { readCapsuleFile } from '../assembler/capsule-file.js';
import { formatError } from '../assembler/errors.js';
import type { Capsule } from '../vm/capsule.js';
import { compileFile, TINYSCRIPT_EXTENSION } from './compile-source.js';
import { UserError } from './io.js';

export const SOURCE_EXTENSIONS = ['.mate', '.asm', '.s'];

export interface LoadedCapsule {
  readonly capsule: Capsule;
  readonly instructions?: number;
  readonly source?: string;
  /** A capsule file's signature (`mote asm --sign`), if it has one. */
  readonly signature?: Uint8Array;
  /** A compiled TinyScript capsule's pc-to-source places (mote run --trace, traps). */
  readonly sourceMap?: readonly { pc: number; line: number; col: number }[];
}

export function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`;
    throw new UserError(`${file}: ${why}`);
  }
}

export function loadCapsule(file: string): LoadedCapsule {
  const bytes = readInput(file);
  if (extname(file).toLowerCase() === TINYSCRIPT_EXTENSION) return compileFile(file, bytes.toString('utf8'));
  if (SOURCE_EXTENSIONS.includes(extname(file).toLowerCase())) {
    const source = bytes.toString('utf8');
    const result = assemble(source, file);
    if (!result.ok) {
      const count = result.errors.length;
      const summary = `${count} error${count === 1 ? '' : 's'} in ${file}`;
      throw new UserError(`${result.errors.map(formatError).join('\n')}\n${summary}`);
    }
    return { capsule: result.capsule, instructions: result.instructions, source };
  }
  const read = readCapsuleFile(new Uint8Array(bytes), file);
  if (!read.ok) throw new UserError(read.error);
  return { capsule: read.capsule, source: read.source, signature: read.signature };
}
