// Reads a capsule for any command: assembly source (.mate) is assembled, TinyScript (.tinyscript) is
// compiled, anything else is read as a CBOR capsule file. Every problem becomes a UserError that names the file.

import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { assemble } from '../assembler/assemble.js';
import { readCapsuleFile } from '../assembler/capsule-file.js';
import { formatError, type AsmError } from '../assembler/errors.js';
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
  /** The source file the places name when it is not the file loaded (a capsule file's map names its .tinyscript). */
  readonly sourceFile?: string;
}

export function readInput(file: string): Buffer {
  try {
    // A device never ends (/dev/zero, /dev/full) or is not data (a terminal): refuse it. Pipes are fine.
    const stats = statSync(file);
    if (stats.isCharacterDevice() || stats.isBlockDevice()) throw new UserError(`${file}: is a device, not a file to read`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof UserError) throw error;
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
    if (!result.ok) throw new UserError(assemblyErrors(result.errors, file));
    if (result.capsule.code.length === 0) throw new UserError(`${file}: no instructions; an empty program is not a capsule`);
    return { capsule: result.capsule, instructions: result.instructions, source };
  }
  const read = readCapsuleFile(new Uint8Array(bytes), file);
  if (!read.ok) throw new UserError(read.error);
  return { capsule: read.capsule, source: read.source, signature: read.signature, sourceMap: read.sourceMap?.places, sourceFile: read.sourceMap?.file };
}

/** At most this many assembly errors are shown; binary input can make thousands. */
export const MAX_SHOWN_ERRORS = 20;

/** The errors (the first MAX_SHOWN_ERRORS) and a count line. */
export function assemblyErrors(errors: readonly AsmError[], file: string): string {
  const count = errors.length;
  const shown = errors.slice(0, MAX_SHOWN_ERRORS).map(formatError);
  const more = count > MAX_SHOWN_ERRORS ? `, the first ${MAX_SHOWN_ERRORS} shown` : '';
  return `${shown.join('\n')}\n${count} error${count === 1 ? '' : 's'} in ${file}${more}`;
}
