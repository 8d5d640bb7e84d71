// For tests that run the real `mote` command (bin/mote.js runs dist/): builds dist/ when it is
// missing or older than any source (CI's `npm ci` has built it already).

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../cli/paths.js';

const SOURCE_DIRS = ['vm', 'assembler', 'sim', 'trickle', 'capsules', 'cli', 'bench'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const main = join(packageRoot, 'dist', 'cli', 'main.js');
  const stale = !existsSync(main) || SOURCE_DIRS.some((d) => newestSource(join(packageRoot, d)) > statSync(main).mtimeMs);
  if (stale) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: packageRoot, stdio: 'inherit' });
}
