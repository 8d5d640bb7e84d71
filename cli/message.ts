// What the CLI prints about itself and about user text: the package version (`mote --version`) and
// error messages made safe for a terminal (issue 19: binary input echoed raw garbled it).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeControl } from './flags.js';
import { packageRoot } from './paths.js';

/** The version in the package's package.json. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Longest line of an error message; a longer one (a binary "source line") is cut. */
export const MAX_LINE = 300;

/** Control bytes escaped in every line, each line cut to MAX_LINE characters. */
export function fitForTerminal(message: string): string {
  return message
    .split('\n')
    .map((line) => {
      const safe = escapeControl(line);
      return safe.length > MAX_LINE ? `${safe.slice(0, MAX_LINE)}...` : safe;
    })
    .join('\n');
}
