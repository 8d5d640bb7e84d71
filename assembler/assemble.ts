// The assembler: Maté-style source text to a capsule (SPEC 7), in two passes. Pass one parses each
// line (labels, an instruction or a directive) and lays out byte offsets, which are fixed by the
// mnemonic alone; pass two resolves operands and encodes. Every mistake in the file is collected as
// an AsmError (STYLE 5); nothing here throws. A capsule that assembles is then checked by the
// verifier, whose findings come back as errors on their source lines, unless `.noverify` asks for
// the bytes as written (for capsules that must fault on purpose, and disassembled broken ones).
//
// Syntax, one statement a line:   [label:]... [mnemonic [operand] | directive [operand]] [# or ; comment]
//   mnemonics (case-insensitive) and operand kinds come from vm/opcodes.ts; numbers are decimal,
//   negative decimal or hex (0x1f, -0x10); a label's value is its byte offset, usable wherever a
//   number is (jump targets are absolute byte offsets; `pushc loop` then `jumps` also works).
//   .capsule TYPE   clock (default), send, receive, once, sub0..sub3
//   .version N      32-bit unsigned; default 1, so a first install beats an empty slot (version 0)
//   .name NAME      a word or a JSON string; default: the file's base name without extension
//   .byte N         one raw byte (0..255), for bytes that are not instructions
//   .noverify       skip the verifier

import type { Capsule, CapsuleType } from '../vm/capsule.js';
import { encodeInstruction } from './decode.js';
import { layoutError, parseLines, type Fail, type Item, type Parsed } from './parse.js';
import { IDENTIFIER, parseNumber, rangeError } from './operands.js';
import type { AsmError } from './errors.js';
import { didYouMean } from './suggest.js';
import { verify } from './verify.js';

export interface SourceMapEntry {
  /** Byte offset of an instruction or `.byte`. */
  readonly pc: number;
  readonly line: number;
  readonly col: number;
}

export type AssembleResult =
  | {
      readonly ok: true;
      readonly capsule: Capsule;
      /** Instructions, not counting `.byte` lines. */
      readonly instructions: number;
      readonly sourceMap: SourceMapEntry[];
      readonly labels: Record<string, number>;
    }
  | { readonly ok: false; readonly errors: AsmError[] };

export function assemble(source: string, file = '<input>'): AssembleResult {
  // LF, CRLF and old-Mac CR alike (issue 19: a CR-only file read as one comment line).
  const lines = source.split(/\r\n|\r|\n/);
  const errors: AsmError[] = [];
  const fail: Fail = (line, col, message) => {
    errors.push({ file, line, col, message: cutQuoted(message), source: lines[line - 1] ?? '' });
  };
  const parsed = parseLines(lines, fail);
  const size = parsed.items.reduce((sum, item) => sum + item.length, 0);
  const tooLarge = layoutError(parsed.items, size);
  if (tooLarge !== undefined) fail(tooLarge.line, tooLarge.col, tooLarge.message);
  const bytes: number[] = [];
  for (const item of parsed.items) bytes.push(...encodeItem(item, parsed, fail));
  const type: CapsuleType = parsed.type ?? 'clock';
  const code = Uint8Array.from(bytes);
  if (errors.length === 0 && !parsed.noverify) {
    for (const e of verify({ type, code }).errors) {
      const item = itemAt(parsed.items, e.pc);
      fail(item?.line ?? 1, item?.col ?? 1, e.message);
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || a.col - b.col);
    return { ok: false, errors };
  }
  const capsule: Capsule = { type, version: parsed.version ?? 1, name: parsed.name ?? defaultName(file), code };
  return {
    ok: true,
    capsule,
    instructions: parsed.items.filter((item) => item.row !== null).length,
    sourceMap: parsed.items.map(({ pc, line, col }) => ({ pc, line, col })),
    labels: Object.fromEntries(parsed.labels),
  };
}

/** The bytes of one item; a placeholder of the right length when its operand is wrong. */
function encodeItem(item: Item, parsed: Parsed, fail: Fail): number[] {
  const { row, operand } = item;
  const filler = new Array<number>(item.length).fill(0);
  if (item.broken) return filler;
  if (operand === undefined) return row === null ? filler : encodeInstruction(row, 0);
  const what = row === null ? '.byte' : row.name;
  if (operand.kind !== 'word') {
    fail(item.line, operand.col, `${what} takes a number or a label, not '${operand.text}'`);
    return filler;
  }
  const value = resolve(operand.text, parsed.labels);
  if (typeof value === 'string') {
    fail(item.line, operand.col, value);
    return filler;
  }
  const shown = parseNumber(operand.text) === undefined ? `'${operand.text}' (${value})` : operand.text;
  const range = row === null ? byteRangeError(value, shown) : rangeError(row, value, shown);
  if (range !== undefined) {
    fail(item.line, operand.col, range);
    return filler;
  }
  return row === null ? [value] : encodeInstruction(row, value);
}

/** A number, or the message saying why the text is not one. */
function resolve(text: string, labels: ReadonlyMap<string, number>): number | string {
  const number = parseNumber(text);
  if (number !== undefined) return number;
  if (!IDENTIFIER.test(text)) return `'${text}' is not a number or a label`;
  const label = labels.get(text);
  if (label !== undefined) return label;
  return `undefined label '${text}'${didYouMean(text, labels.keys())}`;
}

function byteRangeError(value: number, shown: string): string | undefined {
  return value >= 0 && value <= 0xff ? undefined : `.byte takes 0..255; ${shown} does not fit`;
}

/** The item whose bytes include pc (the size-limit error points past the last byte). */
function itemAt(items: readonly Item[], pc: number): Item | undefined {
  let found: Item | undefined;
  for (const item of items) if (item.pc <= pc) found = item;
  return found;
}

function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, '') || base;
}

/** Longest quoted token an error message repeats. */
const MAX_QUOTED = 60;

/** A quoted token of the source longer than MAX_QUOTED is cut (binary input can make one of any length). */
function cutQuoted(message: string): string {
  return message.replace(/'([^']{61,})'/g, (_, token: string) => `'${token.slice(0, MAX_QUOTED)}...' (${token.length} characters)`);
}
