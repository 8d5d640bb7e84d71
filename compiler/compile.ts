// The TinyScript compiler's pipeline: lex, parse, check (and fold), generate, optimise, lay out,
// assemble. Errors from every stage come back together, each with its place, sorted; nothing here
// throws for any input text. The bytes come from the project's assembler (assembler/assemble.ts),
// so a compiled capsule passes the same verifier as a hand-written one.

import { assemble } from '../assembler/assemble.js';
import type { AsmError } from '../assembler/errors.js';
import { EXTENDED_MAX_BYTES, MAX_VERSION, CAPSULE_TYPES, isCapsuleType, type Capsule, type CapsuleType } from '../vm/capsule.js';
import { check } from './check.js';
import { generate } from './codegen.js';
import { Diagnostics, type Loc } from './errors.js';
import { lex } from './lex.js';
import { assemblyText, layout, locAt, sourceMapOf } from './layout.js';
import { parse } from './parse.js';
import { optimise } from './peephole.js';

export interface CompileOptions {
  /** The file name errors and the default capsule name use. */
  readonly file?: string;
  /** Override the file's `handler` line. */
  readonly handler?: CapsuleType;
  /** Override the file's `version` line. */
  readonly version?: number;
  /** Constant folding and the peephole optimiser (default true). */
  readonly optimise?: boolean;
}

export interface SourcePlace {
  readonly pc: number;
  readonly line: number;
  readonly col: number;
}

export type CompileResult =
  | {
      readonly ok: true;
      readonly capsule: Capsule;
      readonly instructions: number;
      /** The generated assembly, the source lines as comments. */
      readonly asm: string;
      /** Every instruction's pc and the TinyScript place it came from. */
      readonly sourceMap: SourcePlace[];
    }
  | { readonly ok: false; readonly errors: AsmError[] };

const HANDLERS = CAPSULE_TYPES.join(', ');

export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const file = options.file ?? '<input>';
  const lines = source.split(/\r\n|\r|\n/);
  const d = new Diagnostics();
  const program = parse(lex(source, d), d);
  const { header } = program;

  let type: CapsuleType = options.handler ?? 'clock';
  if (options.handler === undefined && header.handler !== undefined) {
    if (isCapsuleType(header.handler.name)) type = header.handler.name;
    else d.error(header.handler.at, `unknown handler '${header.handler.name}': want one of ${HANDLERS}`);
  }
  let version = options.version ?? 1;
  if (options.version === undefined && header.version !== undefined) {
    if (header.version.value > MAX_VERSION) d.error(header.version.at, `version ${header.version.value} is too large (0..${MAX_VERSION})`);
    else version = header.version.value;
  }

  const optimising = options.optimise ?? true;
  const checked = check(program, d, { fold: optimising });
  const result = (): CompileResult => ({ ok: false, errors: rendered(d, file, lines) });
  if (d.failed) return result();
  const generated = generate(checked, type.startsWith('sub'), d);
  if (d.failed) return result();
  const placed = layout(optimising ? optimise(generated) : generated);
  if (placed.size > EXTENDED_MAX_BYTES) {
    const at = locAt(placed, EXTENDED_MAX_BYTES) ?? program.end;
    d.error(at, `the handler compiles to ${placed.size} bytes; a capsule holds at most ${EXTENDED_MAX_BYTES} (the code from here on does not fit)`);
    return result();
  }
  const name = defaultName(file);
  const asm = assemblyText(placed, { name, type, version, file }, lines);
  const assembled = assemble(asm, file);
  if (!assembled.ok) {
    // The verifier's findings (a stack that overflows, say), placed by pc on the TinyScript line.
    const pcs = placed.placed.map((p) => p.pc);
    for (const e of assembled.errors) d.error(locAt(placed, pcOfAsmLine(asm, e.line, pcs)) ?? program.end, e.message);
    return result();
  }
  return {
    ok: true,
    capsule: assembled.capsule,
    instructions: assembled.instructions,
    asm,
    sourceMap: sourceMapOf(placed),
  };
}

/** The pc of the instruction an assembly line holds (the instructions are in pc order, one a line). */
function pcOfAsmLine(asm: string, line: number, pcs: readonly number[]): number {
  const instructionLines = asm.split('\n').slice(0, line).filter((l) => l.trim() !== '' && !/^\s*[;.]/.test(l)).length;
  return pcs[Math.max(0, Math.min(pcs.length - 1, instructionLines - 1))] ?? 0;
}

function rendered(d: Diagnostics, file: string, lines: readonly string[]): AsmError[] {
  const seen = new Set<string>();
  return [...d.errors]
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .filter((e) => {
      const key = `${e.line}:${e.col}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((e: Loc & { message: string }) => ({ file, line: e.line, col: e.col, message: e.message, source: lines[e.line - 1] ?? '' }));
}

function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, '') || base;
}
