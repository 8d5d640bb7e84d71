// Shared shapes for the algorithm tests: the shipped capsules of an algorithm, assembled from
// capsules/<name>/*.mate, variants with one capsule replaced (broken runs for the oracles), and
// random graphs for the properties.

import fc from 'fast-check';
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

/** A connected undirected graph on 2..max motes: a random spanning tree plus random extra edges. */
export function connectedGraph(min: number, max: number): fc.Arbitrary<number[][]> {
  return fc
    .integer({ min, max })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
        fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
      ),
    )
    .map(([n, parents, extra]) => {
      const edges = new Set<string>();
      const out: number[][] = Array.from({ length: n }, () => []);
      const link = (a: number, b: number): void => {
        if (a === b || edges.has(`${a} ${b}`)) return;
        edges.add(`${a} ${b}`).add(`${b} ${a}`);
        out[a].push(b);
        out[b].push(a);
      };
      parents.forEach((p, k) => link(k + 1, p % (k + 1)));
      for (const [a, b] of extra) link(a, b);
      return out.map((list) => list.sort((a, b) => a - b));
    });
}

/** A strongly connected graph of one-way channels: the ring i -> i + 1 plus random extra channels. */
export function stronglyConnected(min: number, max: number): fc.Arbitrary<number[][]> {
  return fc
    .integer({ min, max })
    .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n })))
    .map(([n, extra]) => {
      const out: number[][] = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
      for (const [a, b] of extra) if (a !== b && !out[a].includes(b)) out[a].push(b);
      return out.map((list) => list.sort((a, b) => a - b));
    });
}
