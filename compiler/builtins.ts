// TinyScript's built-in functions: our instruction set's operations under function names (ASVM's
// functions were whatever its VM was built with; TINYSCRIPT.md). One table: the checker takes
// arities and argument kinds from it, the code generator the instructions, the README its list.
// Arguments are pushed left to right, then `code` runs.

/** What an argument must be: any value, the handler's buffer, or an integer constant in a range. */
export type Param =
  | { readonly kind: 'value'; readonly name: string }
  /** The buffer's name; `push` says whether the buffer (pushm) goes on the stack for the code. */
  | { readonly kind: 'buffer'; readonly name: string; readonly push: boolean }
  | { readonly kind: 'const'; readonly name: string; readonly min: number; readonly max: number };

/** One instruction of a built-in's code; `operand` 'arg' takes the (first) constant argument. */
export interface BuiltinOp {
  readonly name: string;
  readonly operand?: number | 'arg';
  /** It leaves this context's message buffer on top of the stack (for the peephole optimiser). */
  readonly buffer?: boolean;
}

export interface Builtin {
  readonly name: string;
  readonly params: readonly Param[];
  readonly returns: boolean;
  readonly code: readonly BuiltinOp[];
  readonly doc: string;
}

const v = (name: string): Param => ({ kind: 'value', name });
const buf: Param = { kind: 'buffer', name: 'b', push: true };
const bufName: Param = { kind: 'buffer', name: 'b', push: false };
const k = (name: string, min: number, max: number): Param => ({ kind: 'const', name, min, max });
const op = (name: string, operand?: number | 'arg', buffer?: boolean): BuiltinOp => ({ name, operand, buffer });

function fn(name: string, params: Param[], returns: boolean, code: BuiltinOp[], doc: string): Builtin {
  return { name, params, returns, code, doc };
}

export const BUILTINS: readonly Builtin[] = [
  fn('led', [v('v')], false, [op('putled')], 'set the LEDs: bits 0-2 red/green/yellow, bits 3-4 the mode (0 set, 1 off, 2 on, 3 toggle) (`putled`)'),
  fn('sense', [v('sensor')], true, [op('sense')], 'wait for and return a sensor reading (`sense`)'),
  fn('cast', [v('reading')], true, [op('cast')], 'a sensor reading as a plain value (`cast`)'),
  fn('rand', [], true, [op('rand')], 'a 16-bit random number (`rand`)'),
  fn('id', [], true, [op('id')], "this mote's id (`id`)"),
  fn('abs', [v('v')], true, [op('abs')], 'absolute value (`abs`)'),
  fn('shiftl', [v('v'), v('n')], true, [op('shiftl')], 'v shifted left n bits (`shiftl`)'),
  fn('shiftr', [v('v'), v('n')], true, [op('shiftr')], 'v shifted right n bits, keeping the sign (`shiftr`)'),
  fn('bclear', [buf], false, [op('clear', undefined, true), op('pop')], 'empty the buffer (`pushm clear`)'),
  fn('send', [buf], false, [op('send')], 'send the buffer toward the base station and wait until sent (`send`)'),
  fn('sendto', [buf, v('address')], false, [op('sendr')], 'send the buffer to a mote (65535: broadcast) and wait (`sendr`)'),
  fn('uart', [buf], false, [op('uart')], 'write the buffer to the serial port (`uart`)'),
  fn('received', [bufName], false, [op('movm', undefined, true), op('pop')], 'copy the last received message into the buffer (`movm`)'),
  fn('getbyte', [buf, k('i', 0, 7)], true, [op('getmb', 'arg')], 'byte i (0-7) of the buffer (`getmb`)'),
  fn('setbyte', [buf, k('i', 0, 7), v('v')], false, [op('setmb', 'arg', true), op('pop')], 'set byte i (0-7) of the buffer (`setmb`)'),
  fn('msrc', [], true, [op('msrc')], 'the sender of the last message this mote received (`msrc`)'),
  fn('nbrs', [v('d')], true, [op('nbrs')], 'how many neighbours: d = 0 the motes this one sends to, 1 those it hears (`nbrs`)'),
  fn('nbr', [v('i'), v('d')], true, [op('nbr')], 'neighbour i (0 = lowest id) of direction d, -1 if none (`nbr`)'),
  fn('nbri', [v('id'), v('d')], true, [op('nbri')], "a mote's index among the direction-d neighbours, -1 if none (`nbri`)"),
  fn('forw', [], false, [op('forw')], 'broadcast this capsule to the neighbours and wait (`forw`)'),
  fn('forwo', [v('type')], false, [op('forwo')], 'broadcast capsule type n (0-3 sub0..3, 4 clock, 5 send, 6 receive, 7 once) and wait (`forwo`)'),
  fn('call', [k('n', 0, 3)], false, [op('call', 'arg')], 'call subroutine capsule n (0-3) (`call`)'),
  fn('clockf', [v('n')], false, [op('clockf')], 'fire the clock handler n times a second, 0 stops it (`clockf`)'),
  fn('clockc', [v('n')], false, [op('clockc')], 'fire the clock handler every n 1/1024 s, 0 stops it (`clockc`)'),
  fn('heap', [v('n')], true, [op('getvi')], 'heap word n (0-15), traps outside (`getvi`)'),
  fn('setheap', [v('n'), v('v')], false, [op('swap'), op('setvi')], 'store v in heap word n (0-15), traps outside (`setvi`)'),
  fn('err', [], false, [op('err')], 'stop with an error trap (`err`)'),
  fn('halt', [], false, [op('halt')], 'end this handler now (`halt`)'),
];

const BY_NAME = new Map(BUILTINS.map((b) => [b.name, b]));

/** Built-in names are matched case-insensitively, as keywords are. */
export function builtinByName(name: string): Builtin | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** How a built-in is called, for error messages: `led(v)`. */
export function signature(b: Builtin): string {
  return `${b.name}(${b.params.map((p) => p.name).join(', ')})`;
}
