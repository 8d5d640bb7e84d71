// The algorithms, found by folder (issue 17): every capsules/<name>/ with an index module exporting
// `algorithm` (sim/algo/contract.ts) is one, so adding an algorithm adds a folder and nothing else.
// A folder outside the project loads the same way: index.js (or index.mjs) with plain Node; an
// index.ts only where a TypeScript loader is active (vitest, or `node --import tsx`).

import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AlgorithmDefinition } from '../sim/algo/contract.js';

/** This folder: capsules/ from source, dist/capsules/ once built; each algorithm's module sits in its subfolder. */
const HERE = dirname(fileURLToPath(import.meta.url));
const INDEX = ['index.js', 'index.mjs', 'index.ts'];

export class AlgorithmLoadError extends Error {}

function indexIn(dir: string): string | undefined {
  return INDEX.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/** The shipped algorithms' names, in name order. */
export function algorithmNames(): string[] {
  return readdirSync(HERE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && indexIn(join(HERE, d.name)) !== undefined)
    .map((d) => d.name)
    .sort();
}

/** A NAME or a path: a path has a slash in it, or starts with a dot. */
export function isFolderPath(spec: string): boolean {
  return spec.includes('/') || spec.includes('\\') || spec.startsWith('.');
}

function check(found: unknown, where: string): AlgorithmDefinition {
  const a = (found as { algorithm?: Partial<AlgorithmDefinition> } | null)?.algorithm;
  if (typeof a !== 'object' || a === null) throw new AlgorithmLoadError(`${where}: exports no \`algorithm\` object`);
  if (typeof a.name !== 'string' || a.name === '') throw new AlgorithmLoadError(`${where}: algorithm.name must be a non-empty string`);
  if (typeof a.defaultTopology !== 'string') throw new AlgorithmLoadError(`${where}: algorithm.defaultTopology must be a topology spec such as 'ring:10'`);
  if (typeof a.tick !== 'function') throw new AlgorithmLoadError(`${where}: algorithm.tick must be a function (request) => report`);
  if (a.full !== undefined && typeof a.full !== 'function') throw new AlgorithmLoadError(`${where}: algorithm.full must be a function when given`);
  return a as AlgorithmDefinition;
}

async function loadFrom(file: string): Promise<AlgorithmDefinition> {
  let found: unknown;
  try {
    found = await import(pathToFileURL(file).href);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const hint = file.endsWith('.ts') ? ' (Node 20 loads .ts only with a loader: `node --import tsx`, or compile it to index.js)' : '';
    throw new AlgorithmLoadError(`${file}: cannot load: ${why}${hint}`);
  }
  return check(found, file);
}

/** A shipped algorithm by name. */
export async function shippedAlgorithm(name: string): Promise<AlgorithmDefinition> {
  const file = indexIn(join(HERE, name));
  if (file === undefined || !/^[a-z0-9_-]+$/i.test(name)) throw new AlgorithmLoadError(`no algorithm '${name}'; shipped: ${algorithmNames().join(', ')}`);
  return loadFrom(file);
}

/** An algorithm folder anywhere: its definition and the folder, where its capsule sources are. */
export async function folderAlgorithm(path: string): Promise<{ definition: AlgorithmDefinition; dir: string }> {
  const dir = resolve(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AlgorithmLoadError(`${path}: no such algorithm folder`);
  const file = indexIn(dir);
  if (file === undefined) throw new AlgorithmLoadError(`${path}: no ${INDEX.join(', ')} exporting \`algorithm\` in it`);
  return { definition: await loadFrom(file), dir };
}
