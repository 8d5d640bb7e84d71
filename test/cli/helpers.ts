// Running `mote` in-process for the CLI tests: argv in, exit code and output out, in a scratch folder.

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function mote(...argv: string[]): Promise<Ran> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mote-bad-input-'));
}

/** Temp files an interrupted or failed write could leave behind. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

/** A one-line error: exactly one line on stderr, no stack frame. */
export function oneLine(err: string): boolean {
  return err.endsWith('\n') && err.indexOf('\n') === err.length - 1 && !/\n\s+at /.test(err);
}
