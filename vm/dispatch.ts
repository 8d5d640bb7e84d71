// Per-byte dispatch tables for the interpreter, all derived from the OPCODES table (vm/opcodes.ts),
// in the spirit of Lua's lopcodes.h, and the decoded words the interpreter (vm/interpret.ts) runs.

import { OPERAND_STACK_DEPTH } from './capsule.js';
import { DECODE, OPCODES } from './opcodes.js';

/**
 * The interpreter's handler for each mnemonic; the index is the `case` number in Vm's dispatch
 * switch (literal cases let V8 build a jump table). 0 is reserved for bytes that are not opcodes.
 */
export const HANDLERS = [
  'bad opcode', 'halt', 'reset', 'copy', 'pop', 'swap', 'depth', 'err', 'ret', 'jumps',
  'jump', 'jumpc', 'blezw', 'call', 'and', 'or', 'not', 'shiftr', 'shiftl', 'add',
  'sub', 'inv', 'eq', 'neq', 'lt', 'gt', 'lte', 'gte', 'mod', 'div',
  'mul', 'abs', 'land', 'lor', 'lnot', 'rand', 'pushb', 'pushw', 'id', 'gets',
  'sets', 'putled', 'sense', 'cast', 'clockf', 'clockc', 'pushm', 'movm', 'clear', 'send',
  'sendr', 'forw', 'forwo', 'getms', 'getmb', 'setms', 'setmb', 'getvar', 'setvar', 'blez',
  'pushc', 'msrc', 'nbrs', 'nbr', 'nbri', 'uart', 'getvi', 'setvi',
] as const;

/** Mnemonics in OPCODES that have no handler (empty when the interpreter covers the table). */
export const UNHANDLED: readonly string[] = OPCODES.map((row) => row.name).filter(
  (name) => !(HANDLERS as readonly string[]).includes(name),
);

const perByte = <T extends Uint8Array | Int16Array>(table: T, f: (row: (typeof OPCODES)[number], b: number) => number): T => {
  for (let b = 0; b < 256; b++) {
    const index = DECODE[b];
    if (index >= 0) table[b] = f(OPCODES[index], b);
  }
  return table;
};

/** Handler number per byte (0: not an opcode). */
export const HANDLER = perByte(new Uint8Array(256), (row) => (HANDLERS as readonly string[]).indexOf(row.name));
/** Instruction length in bytes (1 for a byte that is not an opcode, so the verifier's walk advances). */
export const LENGTH = perByte(new Uint8Array(256).fill(1), (row) => 1 + row.trailing);
/** Fewest operands the instruction needs (its pops). */
export const MIN_SP = perByte(new Uint8Array(256), (row) => row.pops);
/** Most operands it may start with so that its pushes fit. */
export const MAX_SP = perByte(new Uint8Array(256).fill(OPERAND_STACK_DEPTH), (row) =>
  OPERAND_STACK_DEPTH - Math.max(0, row.pushes - row.pops),
);
/** Mask of the operand embedded in the opcode byte. */
export const EMBED_MASK = perByte(new Uint8Array(256), (row) => (1 << row.embed) - 1);

/** Marks instruction starts (1), found by the linear sweep from 0; branch targets must land on one. */
export function instructionBoundaries(code: Uint8Array): Uint8Array {
  const boundaries = new Uint8Array(code.length);
  for (let pc = 0; pc < code.length; pc += LENGTH[code[pc]]) boundaries[pc] = 1;
  return boundaries;
}

/**
 * How many of the top operands must be numbers (a value or a reading, never a message): checked
 * before dispatch, so a message there is a type error. `add` and the message operations check
 * their own operands.
 */
const NUMERIC_OPERANDS: Readonly<Record<string, number>> = {
  not: 1, inv: 1, abs: 1, lnot: 1, cast: 1, jumps: 1, jumpc: 1, blezw: 1, blez: 1, sets: 1,
  setvar: 1, putled: 1, sense: 1, clockf: 1, clockc: 1, forwo: 1, sendr: 1, setms: 1, setmb: 1,
  and: 2, or: 2, shiftr: 2, shiftl: 2, sub: 2, eq: 2, neq: 2, lt: 2, gt: 2, lte: 2, gte: 2,
  mod: 2, div: 2, mul: 2, land: 2, lor: 2, nbrs: 1, nbr: 2, nbri: 2, getvi: 1, setvi: 2,
};
export const NUMERIC = perByte(new Uint8Array(256), (row) => NUMERIC_OPERANDS[row.name] ?? 0);

/** Handlers past the mnemonics', made by predecode: an instruction its capsule cuts off, and the end of the code. */
export const CUT_OFF = HANDLERS.length;
export const END_OF_CODE = HANDLERS.length + 1;
/**
 * Fields of a decoded word (see predecode), low bit first: the opcode byte (costs are indexed by it),
 * the handler, the instruction's length, its pops, whether it grows the stack by one (no instruction
 * grows it by more), how many of its top operands must be numbers, and its operand as a 10-bit signed
 * number (embedded bits, the trailing byte, a branch target or -1 where the target is not an
 * instruction start; pushw's word is read from the code, it does not fit).
 */
export const WORD_HANDLER = 8;
export const WORD_LENGTH = 15;
export const WORD_POPS = 17;
export const WORD_GROWS = 19;
export const WORD_NUMERIC = 20;
export const WORD_OPERAND = 22;

/**
 * The code as the interpreter reads it, decoded once per distinct capsule: one int32 per byte
 * position pc for the instruction that starts there (fields above), so the loop reads one word and
 * no table but the cost. One more word past the end holds END_OF_CODE, so running off the end
 * needs no test of its own. An instruction cut off by the end keeps its byte and stack bounds (they
 * are checked first) with the CUT_OFF handler.
 */
export function predecode(code: Uint8Array): Int32Array {
  const len = code.length;
  const bounds = instructionBoundaries(code);
  const words = new Int32Array(len + 1);
  for (let pc = 0; pc < len; pc++) {
    const b = code[pc];
    const index = DECODE[b];
    if (index < 0) {
      words[pc] = b | (1 << WORD_LENGTH); // handler 0: not an opcode
      continue;
    }
    const row = OPCODES[index];
    const cut = pc + LENGTH[b] > len;
    let operand = 0;
    if (row.embed > 0) operand = b & EMBED_MASK[b];
    else if (row.trailing === 1 && !cut) operand = code[pc + 1];
    if (row.operand === 'target' && (operand >= len || bounds[operand] === 0)) operand = -1;
    words[pc] =
      b |
      ((cut ? CUT_OFF : HANDLER[b]) << WORD_HANDLER) |
      (LENGTH[b] << WORD_LENGTH) |
      (row.pops << WORD_POPS) |
      ((row.pushes > row.pops ? 1 : 0) << WORD_GROWS) |
      ((cut ? 0 : NUMERIC[b]) << WORD_NUMERIC) |
      (operand << WORD_OPERAND);
  }
  words[len] = END_OF_CODE << WORD_HANDLER;
  return words;
}
