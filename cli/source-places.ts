// Source places for compiled TinyScript capsules at run time: a pc of a loaded capsule to
// `file:line:col` and the line's text, for `mote run --trace` and for traps. Capsules without a
// source map (assembly, capsule files) have no places.

import { basename } from 'node:path';
import type { CapsuleType } from '../vm/capsule.js';
import type { LoadedCapsule } from './load-capsule.js';

export interface SourcePlaces {
  /** `file:line:col` of the instruction at pc of a capsule type, or undefined. */
  at(type: CapsuleType, pc: number): string | undefined;
  /** The same, found by the capsule's name (trap records carry the name). */
  atNamed(name: string, pc: number): string | undefined;
  /** `! file:line  text` for the end of a trace line, or ''. */
  beside(type: CapsuleType, pc: number): string;
}

interface Mapped {
  readonly file: string;
  readonly loaded: LoadedCapsule;
  readonly lines: string[];
}

export function sourcePlaces(loaded: readonly (LoadedCapsule & { file: string })[]): SourcePlaces {
  const byType = new Map<CapsuleType, Mapped>();
  const byName = new Map<string, Mapped>();
  for (const l of loaded) {
    if (l.sourceMap === undefined) continue;
    const mapped = { file: l.file, loaded: l, lines: (l.source ?? '').split(/\r\n|\r|\n/) };
    byType.set(l.capsule.type, mapped);
    byName.set(l.capsule.name, mapped);
  }
  const place = (m: Mapped | undefined, pc: number): { line: number; col: number; file: string; text: string } | undefined => {
    const entry = m?.loaded.sourceMap?.find((e) => e.pc === pc) ?? [...(m?.loaded.sourceMap ?? [])].reverse().find((e) => e.pc <= pc);
    if (m === undefined || entry === undefined) return undefined;
    return { file: m.file, line: entry.line, col: entry.col, text: (m.lines[entry.line - 1] ?? '').replace(/!.*$/, '').trim() };
  };
  return {
    at: (type, pc) => {
      const p = place(byType.get(type), pc);
      return p && `${p.file}:${p.line}:${p.col}`;
    },
    atNamed: (name, pc) => {
      const p = place(byName.get(name), pc);
      return p && `${p.file}:${p.line}:${p.col}`;
    },
    beside: (type, pc) => {
      const p = place(byType.get(type), pc);
      return p === undefined ? '' : `  ! ${basename(p.file)}:${p.line}  ${p.text}`;
    },
  };
}
