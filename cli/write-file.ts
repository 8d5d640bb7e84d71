// Writes output files atomically (temp file, then rename), so a failed run never clobbers what was there.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from './io.js';

export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserError(`${file}: cannot write (${code})`);
  }
}
