// The instruction set, defined once (after Lua's lopcodes.h). Mnemonics and programming model
// are Maté's (Levis & Culler, ASPLOS 2002); the encoding and the costs are ours, documented in
// SPEC section 7. The interpreter, assembler, disassembler, verifier, cost model and the
// README's instruction reference are all derived from OPCODES below.
//
// Encoding: one byte per instruction, Maté's three classes.
//   00oooooo            basic: 64 plain operations (a few take 1-2 trailing operand bytes)
//   010ooxxx            message field ops, 3-bit field index   (getms getmb setms setmb)
//   011oxxxx            heap ops, 4-bit variable index         (getvar setvar)
//   10xxxxxx            blez, 6-bit absolute jump target
//   11xxxxxx            pushc, 6-bit constant
// Wide forms (pushb, pushw, jump, jumpc, blezw) carry their operand in the following bytes,
// little-endian, for constants and jump targets that do not fit an embedded field.

/** What an operand means; decides how the assembler parses it and the disassembler prints it. */
export type OperandKind = 'none' | 'const' | 'target' | 'var' | 'field' | 'sub';

/** How control leaves an instruction; used by the verifier's flow analysis and the interpreter. */
export type Flow =
  | 'next' // falls through
  | 'branch' // conditional jump to the operand target, else falls through
  | 'jump' // unconditional jump to the operand target
  | 'dynamic' // jump to a target popped from the stack (checked at run time)
  | 'call' // call subroutine capsule n, return to the next instruction
  | 'return' // return to the caller, or end the context if there is none
  | 'stop' // ends the context (halt, err)
  | 'suspend'; // split-phase: the context waits for an event, then falls through

export interface OpcodeRow {
  readonly name: string;
  /** First byte value. An embedded operand of `embed` bits occupies code .. code + 2^embed - 1. */
  readonly code: number;
  readonly operand: OperandKind;
  /** Bits of operand embedded in the opcode byte (0 when none or trailing). */
  readonly embed: number;
  /** Trailing operand bytes (0, 1 or 2). */
  readonly trailing: number;
  /** Whether a trailing 2-byte operand is signed (pushw). */
  readonly signed?: boolean;
  readonly pops: number;
  readonly pushes: number;
  readonly flow: Flow;
  /** Cycles charged at dispatch, lean profile: avr-gcc switch interpreter (SPEC 7, second table). */
  readonly lean: number;
  /** Cycles charged at dispatch, mate profile: task-per-instruction Maté (SPEC 7, first table). */
  readonly mate: number;
  /** Extra cycles when a branch is taken (both profiles). */
  readonly taken?: number;
  /** Where the cost figures come from. */
  readonly costNote: string;
  readonly doc: string;
}

/**
 * Maté's task-per-instruction overhead over the lean interpreter: calibrated so that `and`
 * costs exactly its reported 469 cycles (469 - 77). Used for every operation that the Maté
 * paper did not measure; it is a post (10), a context switch (51) and Maté's per-instruction
 * bookkeeping (capsule lookup, stack bounds, the task re-post).
 */
export const MATE_OVERHEAD = 392;

/** Cycles of Maté's interpreter around a radio send (685,000 reported - 665,000 native). */
export const MATE_SEND_OVERHEAD = 20_000;

type Shape = Pick<OpcodeRow, 'operand' | 'embed' | 'trailing'>;
const NONE: Shape = { operand: 'none', embed: 0, trailing: 0 };
const CONST6: Shape = { operand: 'const', embed: 6, trailing: 0 };
const TARGET6: Shape = { operand: 'target', embed: 6, trailing: 0 };
const TARGET8: Shape = { operand: 'target', embed: 0, trailing: 1 };
const VAR4: Shape = { operand: 'var', embed: 4, trailing: 0 };
const FIELD3: Shape = { operand: 'field', embed: 3, trailing: 0 };
const SUB2: Shape = { operand: 'sub', embed: 2, trailing: 0 };

const SPEC = 'SPEC 7 lean table';
const ANALOG = (like: string): string => `lean: as ${like} (same AVR work); mate: lean + overhead`;

/** A row whose mate cost is the lean cost plus Maté's per-instruction overhead. */
function op(
  name: string,
  code: number,
  shape: Shape,
  pops: number,
  pushes: number,
  flow: Flow,
  lean: number,
  costNote: string,
  doc: string,
  extra: Partial<Pick<OpcodeRow, 'mate' | 'taken' | 'signed'>> = {},
): OpcodeRow {
  return { name, code, ...shape, pops, pushes, flow, lean, mate: lean + MATE_OVERHEAD, costNote, doc, ...extra };
}

export const OPCODES: readonly OpcodeRow[] = [
  // --- basic class: control and stack -------------------------------------------------
  op('halt', 0x00, NONE, 0, 0, 'stop', 40, 'lean: dispatch 37 + exit; mate: lean + overhead', 'end this context until its next event'),
  op('reset', 0x01, NONE, 0, 0, 'next', 45, 'lean: dispatch + stack pointer reset', 'empty the operand stack'),
  op('copy', 0x0a, NONE, 1, 2, 'next', 73, SPEC, 'duplicate the top of the stack'),
  op('pop', 0x0b, NONE, 1, 0, 'next', 43, SPEC, 'drop the top of the stack'),
  op('swap', 0x0c, NONE, 2, 2, 'next', 85, SPEC, 'exchange the top two operands'),
  op('depth', 0x2a, NONE, 0, 1, 'next', 65, ANALOG('pushc'), 'push the number of operands on the stack'),
  op('err', 0x29, NONE, 0, 0, 'stop', 45, ANALOG('reset'), 'raise an error trap: stop the context, blink the error LEDs'),
  op('ret', 0x25, NONE, 0, 0, 'return', 55, 'lean: dispatch + return-stack pop (as jump + 6)', 'return from a subroutine capsule'),
  op('jumps', 0x26, NONE, 1, 0, 'dynamic', 55, ANALOG('ret'), 'pop a target and jump to it'),
  op('jump', 0x31, TARGET8, 0, 0, 'jump', 49, SPEC, 'jump to the target'),
  op('jumpc', 0x32, TARGET8, 1, 0, 'branch', 59, 'lean: as blez', 'pop; jump to the target if the value is not zero', { taken: 9 }),
  op('blezw', 0x33, TARGET8, 1, 0, 'branch', 59, 'lean: as blez', 'pop; jump to the (wide) target if the value is <= 0', { taken: 9 }),
  op('call', 0x3c, SUB2, 0, 0, 'call', 60, 'lean: dispatch + return-stack push + capsule switch', 'call subroutine capsule n (0-3)'),

  // --- basic class: arithmetic and logic ----------------------------------------------------
  op('and', 0x02, NONE, 2, 1, 'next', 77, 'SPEC 7: Maté reported 469', 'bitwise and', { mate: 469 }),
  op('or', 0x03, NONE, 2, 1, 'next', 77, SPEC, 'bitwise or'),
  op('not', 0x04, NONE, 1, 1, 'next', 71, SPEC, 'bitwise not'),
  op('shiftr', 0x05, NONE, 2, 1, 'next', 85, 'lean: as swap (a loop of 16-bit shifts, mean)', 'pop n, pop a; push a >> n (arithmetic)'),
  op('shiftl', 0x06, NONE, 2, 1, 'next', 85, 'lean: as shiftr', 'pop n, pop a; push a << n'),
  op('add', 0x07, NONE, 2, 1, 'next', 77, SPEC, 'add; a reading plus a value adjusts the reading; anything added to a message appends it'),
  op('sub', 0x08, NONE, 2, 1, 'next', 77, SPEC, 'pop b, pop a; push a - b'),
  op('inv', 0x09, NONE, 1, 1, 'next', 71, ANALOG('not'), 'negate (additive inverse)'),
  op('eq', 0x0d, NONE, 2, 1, 'next', 84, SPEC, 'push 1 if a == b else 0'),
  op('neq', 0x0e, NONE, 2, 1, 'next', 84, ANALOG('eq'), 'push 1 if a != b else 0'),
  op('lt', 0x0f, NONE, 2, 1, 'next', 80, SPEC, 'pop b, pop a; push 1 if a < b'),
  op('gt', 0x10, NONE, 2, 1, 'next', 80, SPEC, 'pop b, pop a; push 1 if a > b'),
  op('lte', 0x11, NONE, 2, 1, 'next', 80, ANALOG('lt'), 'pop b, pop a; push 1 if a <= b'),
  op('gte', 0x12, NONE, 2, 1, 'next', 80, ANALOG('lt'), 'pop b, pop a; push 1 if a >= b'),
  op('mod', 0x13, NONE, 2, 1, 'next', 290, 'lean: add + avr-gcc __divmodhi4 (about 213 cycles)', 'pop b, pop a; push a mod b (traps on b = 0)'),
  op('div', 0x2c, NONE, 2, 1, 'next', 290, 'lean: as mod', 'pop b, pop a; push a / b truncated (traps on b = 0)'),
  op('mul', 0x2b, NONE, 2, 1, 'next', 90, 'lean: add + hardware MUL (16x16, 13 cycles)', 'multiply, wrapping to 16 bits'),
  op('abs', 0x2d, NONE, 1, 1, 'next', 75, ANALOG('lnot'), 'absolute value'),
  op('land', 0x14, NONE, 2, 1, 'next', 84, ANALOG('eq'), 'logical and: 1 if both are non-zero'),
  op('lor', 0x15, NONE, 2, 1, 'next', 84, ANALOG('eq'), 'logical or: 1 if either is non-zero'),
  op('lnot', 0x16, NONE, 1, 1, 'next', 75, ANALOG('not'), 'logical not: 1 if zero else 0'),
  op('rand', 0x17, NONE, 0, 1, 'next', 74, 'SPEC 7: Maté reported 435', 'push a 16-bit random number', { mate: 435 }),

  // --- basic class: constants and shared state ------------------------------------------
  op('pushb', 0x2f, { operand: 'const', embed: 0, trailing: 1 }, 0, 1, 'next', 70, 'lean: pushc + one more fetch', 'push an unsigned byte constant (0-255)'),
  op('pushw', 0x30, { operand: 'const', embed: 0, trailing: 2 }, 0, 1, 'next', 75, 'lean: pushc + two more fetches', 'push a 16-bit constant (-32768..65535)', { signed: true }),
  op('id', 0x18, NONE, 0, 1, 'next', 67, ANALOG('pushc'), "push this mote's id"),
  op('gets', 0x23, NONE, 0, 1, 'next', 71, ANALOG('getvar'), 'push the shared variable'),
  op('sets', 0x24, NONE, 1, 0, 'next', 72, ANALOG('setvar'), 'pop into the shared variable'),

  // --- basic class: hardware -----------------------------------------------------------------
  op('putled', 0x19, NONE, 1, 0, 'next', 53, SPEC, 'LEDs: low 3 bits pick red/green/yellow, bits 3-4 pick set/off/on/toggle'),
  op('sense', 0x1a, NONE, 1, 1, 'suspend', 90, 'lean: dispatch + ADC start; mate: 1342 reported - 396 native conversion', 'pop a sensor id; wait for and push its reading', { mate: 946 }),
  op('cast', 0x1b, NONE, 1, 1, 'next', 71, ANALOG('not'), 'turn a sensor reading into a plain value'),
  op('clockf', 0x27, NONE, 1, 0, 'next', 80, 'lean: dispatch + timer reprogram', 'pop n; fire the clock context n times a second (0 stops it)'),
  op('clockc', 0x28, NONE, 1, 0, 'next', 80, ANALOG('clockf'), 'pop n; fire the clock context every n binary milliseconds (1/1024 s; 0 stops it)'),

  // --- basic class: messages and radio ------------------------------------------------------
  op('pushm', 0x1c, NONE, 0, 1, 'next', 67, ANALOG('pushc'), "push this context's message buffer"),
  op('movm', 0x1d, NONE, 0, 1, 'next', 67, ANALOG('pushc') + '; plus the payload copy, 8 cycles a byte (SPEC 3), charged by the VM', "copy the last received message into this context's buffer and push it"),
  op('clear', 0x1e, NONE, 1, 1, 'next', 71, ANALOG('not'), 'empty the message on top of the stack'),
  op('send', 0x1f, NONE, 1, 0, 'suspend', 120, 'lean: dispatch + packet hand-off; mate: 685,000 - 665,000 (Maté sendr overhead)', 'pop a message; send it toward the base station and wait until sent', { mate: MATE_SEND_OVERHEAD }),
  op('sendr', 0x20, NONE, 2, 0, 'suspend', 120, 'as send; SPEC 7: Maté reported 685,000 in total', 'pop an address, pop a message; send it there (0xffff: broadcast) and wait until sent', { mate: MATE_SEND_OVERHEAD }),
  op('forw', 0x21, NONE, 0, 0, 'suspend', 120, 'as send', 'broadcast the running capsule to the neighbours and wait until sent', { mate: MATE_SEND_OVERHEAD }),
  op('forwo', 0x22, NONE, 1, 0, 'suspend', 120, 'as send', 'pop a capsule number (SPEC capsule types 0-7); broadcast that capsule and wait', { mate: MATE_SEND_OVERHEAD }),
  op('getms', 0x40, FIELD3, 1, 1, 'next', 71, ANALOG('getvar'), 'pop a message; push its 16-bit field n (bytes 2n, 2n+1)'),
  op('getmb', 0x48, FIELD3, 1, 1, 'next', 71, ANALOG('getvar'), 'pop a message; push its byte n'),
  op('setms', 0x50, FIELD3, 2, 1, 'next', 72, ANALOG('setvar'), 'pop a value, pop a message; set its 16-bit field n; push the message'),
  op('setmb', 0x58, FIELD3, 2, 1, 'next', 72, ANALOG('setvar'), 'pop a value, pop a message; set its byte n; push the message'),

  // --- basic class: neighbours, serial port, indexed heap (the lecture's algorithms, issue 6) ---------
  op('msrc', 0x35, NONE, 0, 1, 'next', 67, ANALOG('id'), 'push the source address of the last message delivered to this mote'),
  op('nbrs', 0x36, NONE, 1, 1, 'next', 71, 'lean: as getvar (one read of the neighbour table); mate: lean + overhead', 'pop d; push the number of neighbours: d = 0 the motes this one sends to, d = 1 the motes it hears'),
  op('nbr', 0x37, NONE, 2, 1, 'next', 77, 'lean: as add (an indexed read of the neighbour table); mate: lean + overhead', 'pop d, pop i; push neighbour i (0 = lowest id) of direction d, or -1 when there is none'),
  op('nbri', 0x38, NONE, 2, 1, 'next', 197, 'lean: dispatch 37 + a scan of a 16-entry table at 10 cycles an entry; mate: lean + overhead', 'pop d, pop an id; push its index among the direction-d neighbours, or -1 when it is not one'),
  op('uart', 0x39, NONE, 1, 0, 'next', 120, 'lean: as send (hands the buffer to the serial port); mate: lean + overhead', "pop a message; write it to the serial port (the testbed's log)"),
  op('getvi', 0x3a, NONE, 1, 1, 'next', 75, 'lean: getvar + a bounds check; mate: lean + overhead', 'pop n; push heap word n (traps outside 0-15)'),
  op('setvi', 0x3b, NONE, 2, 0, 'next', 76, 'lean: setvar + a bounds check; mate: lean + overhead', 'pop n, pop a value; store it in heap word n (traps outside 0-15)'),

  // --- heap, branch and constant classes ------------------------------------------------------
  op('getvar', 0x60, VAR4, 0, 1, 'next', 71, SPEC, 'push heap word n (0-15)'),
  op('setvar', 0x70, VAR4, 1, 0, 'next', 72, SPEC, 'pop into heap word n (0-15)'),
  op('blez', 0x80, TARGET6, 1, 0, 'branch', 59, 'SPEC 7: 59 not taken, 68 taken', 'pop; jump to the target (0-63) if the value is <= 0', { taken: 9 }),
  op('pushc', 0xc0, CONST6, 0, 1, 'next', 67, SPEC, 'push the constant n (0-63)'),
];

/** Cost profiles (SPEC 7): `mate` is the default, task-per-instruction as in the paper. */
export type CostProfile = 'mate' | 'lean';
export const COST_PROFILES: readonly CostProfile[] = ['mate', 'lean'];

/** Row index for every byte value, -1 where the byte is not an opcode. */
export const DECODE: Int16Array = (() => {
  const table = new Int16Array(256).fill(-1);
  OPCODES.forEach((row, index) => {
    for (let b = row.code; b < row.code + (1 << row.embed); b++) table[b] = index;
  });
  return table;
})();

const BY_NAME = new Map(OPCODES.map((row) => [row.name, row]));

export function opcodeByName(name: string): OpcodeRow | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Bytes an instruction occupies. */
export function instructionLength(row: OpcodeRow): number {
  return 1 + row.trailing;
}

/** Largest value an operand of this row can hold. */
export function operandRange(row: OpcodeRow): { min: number; max: number } {
  if (row.embed > 0) return { min: 0, max: (1 << row.embed) - 1 };
  if (row.trailing === 1) return { min: 0, max: 0xff };
  if (row.trailing === 2) return { min: -0x8000, max: 0xffff };
  return { min: 0, max: 0 };
}

/** Per-byte dispatch costs for a profile, indexed by the first byte (0 where not an opcode). */
export function costTable(profile: CostProfile): Uint32Array {
  const costs = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    const index = DECODE[b];
    if (index >= 0) costs[b] = OPCODES[index][profile];
  }
  return costs;
}
