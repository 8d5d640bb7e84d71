// Source places for compiled TinyScript capsules at run time: a pc of a loaded capsule to
// `file:line:col` and the line's text, for `mote run --trace` and for traps. Capsules without a
// source map (assembly, capsule files written before `mote compile` kept the map) have no places.

import { basename } from 'node:path';
import type { CapsuleType } from '../vm/capsule.js';
import type { LoadedCapsule } from './load-capsule.js';

export interface SourcePlaces {
  /** `file:line:col` of the instruction at pc of a capsule type, or undefined. */
  at(type: CapsuleType, pc: number): string | undefined;
  /** The same, found by the capsule's name (trap records carry the name). */
  atNamed(name: string, pc: number): string | undefined;
  /** `file:line` (the file's base name) by the capsule's name: short, for the dashboard's log. */
  lineNamed(name: string, pc: number): string | undefined;
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
  const ambiguous = namesWithTwoCodes(loaded);
  for (const l of loaded) {
    if (l.sourceMap === undefined) continue;
    const mapped = { file: l.sourceFile ?? l.file, loaded: l, lines: (l.source ?? '').split(/\r\n|\r|\n/) };
    byType.set(l.capsule.type, mapped);
    if (!ambiguous.has(l.capsule.name)) byName.set(l.capsule.name, mapped);
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
    lineNamed: (name, pc) => {
      const p = place(byName.get(name), pc);
      return p && `${basename(p.file)}:${p.line}`;
    },
    beside: (type, pc) => {
      const p = place(byType.get(type), pc);
      return p === undefined ? '' : `  ! ${basename(p.file)}:${p.line}  ${p.text}`;
    },
  };
}

/**
 * Names that loaded capsules with different code share (`mote sim --load a.mate --inject b.tinyscript`
 * of one name): a trap record names its capsule only by name, so a pc there could be either's.
 */
function namesWithTwoCodes(loaded: readonly LoadedCapsule[]): Set<string> {
  const codes = new Map<string, Uint8Array>();
  const ambiguous = new Set<string>();
  for (const { capsule } of loaded) {
    const seen = codes.get(capsule.name);
    if (seen !== undefined && Buffer.compare(seen, capsule.code) !== 0) ambiguous.add(capsule.name);
    codes.set(capsule.name, capsule.code);
  }
  return ambiguous;
}
