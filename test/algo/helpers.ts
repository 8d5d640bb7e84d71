// Shared shapes for the algorithm tests: the shipped capsules of an algorithm, assembled from
// capsules/<name>/*.mate, and variants with one capsule replaced (broken runs for the oracles).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../assembler/assemble.js';
import { packageRoot } from '../../cli/paths.js';
import type { Capsule } from '../../vm/capsule.js';

/** Assemble source lines; a test that writes bad assembly fails here with the assembler's errors. */
export function capsule(...lines: string[]): Capsule {
  const result = assemble(lines.join('\n'), 'test.mate');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.capsule;
}

const cache = new Map<string, Capsule[]>();

/** Every capsule of capsules/<name>/, in file name order. */
export function shipped(name: string): Capsule[] {
  const found = cache.get(name);
  if (found !== undefined) return found;
  const dir = join(packageRoot, 'capsules', name);
  const capsules = readdirSync(dir)
    .filter((f) => f.endsWith('.mate'))
    .sort()
    .map((f) => {
      const result = assemble(readFileSync(join(dir, f), 'utf8'), f);
      if (!result.ok) throw new Error(`${f}: ${result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n')}`);
      return result.capsule;
    });
  cache.set(name, capsules);
  return capsules;
}

/** The shipped capsules with those of the same types replaced. */
export function replaced(name: string, ...replacements: Capsule[]): Capsule[] {
  return shipped(name).map((c) => replacements.find((r) => r.type === c.type) ?? c);
}

export function shippedFile(name: string, file: string): string {
  return readFileSync(join(packageRoot, 'capsules', name, file), 'utf8');
}
