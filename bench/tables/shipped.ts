// The shipped capsules (capsules/), found on disk so a new one is measured without being listed here:
// each top-level NAME.mate with its subroutines NAME_subN.mate is one program; each folder is one of the
// lecture's algorithms (issue 6), run by `mote algo` when it has a runner. Sizes are the assembled
// bytes and instructions; costs come from running them (duty-cycle.ts, algorithms.ts).

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { algorithmCapsules, ALGORITHMS, type Algorithm } from '../../cli/commands/algo.js';
import { loadCapsule } from '../../cli/load-capsule.js';
import { packageRoot } from '../../cli/paths.js';
import type { Capsule } from '../../vm/capsule.js';
import { instructionBoundaries } from '../../vm/dispatch.js';

export interface ShippedProgram {
  /** The program's name: the file or folder name without extension. */
  readonly name: string;
  /** Paths under capsules/, in install order. */
  readonly files: readonly string[];
  readonly capsules: readonly Capsule[];
  /** The `mote algo` runner of a folder, if it has one (it installs shippedAlgorithm(name)). */
  readonly algorithm?: Algorithm;
}

const CAPSULES_DIR = join(packageRoot, 'capsules');

const SUB = /^(.+)_sub(\d)\.mate$/;

/** Top-level programs: NAME.mate and its NAME_subN.mate files (installed first, so `call` finds them). */
function programs(entries: readonly string[]): ShippedProgram[] {
  const sources = entries.filter((f) => f.endsWith('.mate')).sort();
  return sources
    .filter((f) => !SUB.test(f))
    .map((main) => {
      const name = main.slice(0, -'.mate'.length);
      const files = [...sources.filter((f) => SUB.exec(f)?.[1] === name), main];
      return { name, files, capsules: files.map((f) => loadCapsule(join(CAPSULES_DIR, f)).capsule) };
    });
}

function isAlgorithm(name: string): name is Algorithm {
  return (ALGORITHMS as readonly string[]).includes(name);
}

/** Algorithm folders: their own capsules, for sizes (`mote algo` may install more: aggregate borrows tree's beacon handler). */
function folders(entries: readonly string[]): ShippedProgram[] {
  return entries
    .filter((f) => statSync(join(CAPSULES_DIR, f)).isDirectory())
    .sort()
    .flatMap((name) => {
      const files = readdirSync(join(CAPSULES_DIR, name)).filter((f) => f.endsWith('.mate')).sort();
      if (files.length === 0) return [];
      const program = { name, files: files.map((f) => `${name}/${f}`), capsules: algorithmCapsules(name) };
      return [isAlgorithm(name) ? { ...program, algorithm: name } : program];
    });
}

export function shippedPrograms(): { programs: ShippedProgram[]; algorithms: ShippedProgram[] } {
  const entries = readdirSync(CAPSULES_DIR);
  return { programs: programs(entries), algorithms: folders(entries) };
}

/** Code bytes and instructions of a program, all its capsules together. */
export function sizeOf(capsules: readonly Capsule[]): { bytes: number; instructions: number } {
  let bytes = 0;
  let instructions = 0;
  for (const c of capsules) {
    bytes += c.code.length;
    instructions += instructionBoundaries(c.code).reduce((a, b) => a + b, 0);
  }
  return { bytes, instructions };
}
