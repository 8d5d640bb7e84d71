// Pass one of the assembler: each line into labels and at most one statement, laid out at byte
// offsets. Instruction sizes depend only on the mnemonic (no automatic widening), so label values
// are final here and pass two can resolve forward references.

import { CAPSULE_TYPES, EXTENDED_MAX_BYTES, MAX_VERSION, isCapsuleType, type CapsuleType } from '../vm/capsule.js';
import { OPCODES, instructionLength, opcodeByName, type OpcodeRow } from '../vm/opcodes.js';
import { lexLine, type Token } from './lex.js';
import { IDENTIFIER, describeOperand, parseNumber } from './operands.js';
import { didYouMean } from './suggest.js';

export type Fail = (line: number, col: number, message: string) => void;

/** An instruction, or a `.byte` when row is null. */
export interface Item {
  readonly pc: number;
  readonly line: number;
  readonly col: number;
  readonly row: OpcodeRow | null;
  readonly operand: Token | undefined;
  readonly length: number;
  /** Its operand count was wrong (already reported); encode a placeholder. */
  readonly broken: boolean;
}

export interface Parsed {
  readonly items: Item[];
  readonly labels: Map<string, number>;
  type?: CapsuleType;
  version?: number;
  name?: string;
  noverify: boolean;
}

const DIRECTIVES = ['capsule', 'version', 'name', 'byte', 'noverify'];
/** Capsule types listed contexts first, as people think of them (CAPSULE_TYPES is wire order). */
const TYPE_LIST = [...CAPSULE_TYPES.slice(4), ...CAPSULE_TYPES.slice(0, 4)].join(', ');
const MNEMONICS = OPCODES.map((row) => row.name);

export function parseLines(lines: readonly string[], fail: Fail): Parsed {
  const parsed: Parsed = { items: [], labels: new Map(), noverify: false };
  const labelLines = new Map<string, number>();
  const headerLines = new Map<string, number>();
  let pc = 0;
  lines.forEach((text, index) => {
    const line = index + 1;
    const lexed = lexLine(text);
    if (!lexed.ok) return fail(line, lexed.col, lexed.message);
    const tokens = lexed.tokens;
    let k = 0;
    for (; tokens[k]?.kind === 'word' && tokens[k + 1]?.kind === 'colon'; k += 2) {
      const { text: name, col } = tokens[k];
      const first = labelLines.get(name);
      if (!IDENTIFIER.test(name)) fail(line, col, `bad label name '${name}': a letter or _, then letters, digits or _`);
      else if (first !== undefined) fail(line, col, `duplicate label '${name}' (first defined at line ${first})`);
      else {
        labelLines.set(name, line);
        parsed.labels.set(name, pc);
      }
    }
    const head = tokens[k];
    if (head === undefined) return;
    const rest = tokens.slice(k + 1);
    if (head.kind !== 'word') return fail(line, head.col, `unexpected '${head.text}'`);
    const item = head.text.startsWith('.')
      ? directive(parsed, headerLines, head, rest, line, pc, fail)
      : instruction(head, rest, line, pc, fail);
    if (item !== undefined) {
      parsed.items.push(item);
      pc += item.length;
    }
  });
  return parsed;
}

function instruction(head: Token, rest: Token[], line: number, pc: number, fail: Fail): Item | undefined {
  const row = opcodeByName(head.text);
  if (row === undefined) {
    const word = head.text.toLowerCase();
    if (!IDENTIFIER.test(word)) return void fail(line, head.col, `expected an instruction, found '${head.text}'`);
    const hint = didYouMean(word, MNEMONICS) || (rest.length === 0 ? ' (a label ends with a colon)' : '');
    return void fail(line, head.col, `unknown instruction '${head.text}'${hint}`);
  }
  const broken = !operandCount(row.name, row.operand === 'none' ? 0 : 1, describeOperand(row), head, rest, line, fail);
  return { pc, line, col: head.col, row, operand: rest[0], length: instructionLength(row), broken };
}

/** Checks that `what` has exactly `count` (0 or 1) operands; reports and returns false otherwise. */
function operandCount(what: string, count: 0 | 1, meaning: string, head: Token, rest: Token[], line: number, fail: Fail): boolean {
  if (count === 0 && rest.length > 0) fail(line, rest[0].col, `${what} takes no operand`);
  else if (count === 1 && rest.length === 0) fail(line, head.col + head.text.length, `${what} needs ${meaning}`);
  else if (count === 1 && rest.length > 1) fail(line, rest[1].col, `${what} takes one operand; unexpected '${rest[1].text}'`);
  else return true;
  return false;
}

function directive(
  parsed: Parsed,
  headerLines: Map<string, number>,
  head: Token,
  rest: Token[],
  line: number,
  pc: number,
  fail: Fail,
): Item | undefined {
  const name = head.text.slice(1).toLowerCase();
  if (!DIRECTIVES.includes(name)) {
    return void fail(line, head.col, `unknown directive '${head.text}'${didYouMean(`.${name}`, DIRECTIVES.map((d) => `.${d}`))}`);
  }
  if (name === 'byte') {
    const ok = operandCount('.byte', 1, 'a byte (0..255)', head, rest, line, fail);
    return { pc, line, col: head.col, row: null, operand: rest[0], length: 1, broken: !ok };
  }
  const first = headerLines.get(name);
  if (first !== undefined) return void fail(line, head.col, `duplicate .${name} (first at line ${first}); one capsule per file`);
  headerLines.set(name, line);
  const meaning = { capsule: `a capsule type (${TYPE_LIST})`, version: `a version (0..${MAX_VERSION})`, name: 'a name' }[name];
  if (!operandCount(`.${name}`, meaning === undefined ? 0 : 1, meaning ?? '', head, rest, line, fail)) return;
  const operand = rest[0];
  if (name === 'noverify') parsed.noverify = true;
  else if (name === 'capsule') {
    const type = operand.text.toLowerCase();
    if (operand.kind === 'word' && isCapsuleType(type)) parsed.type = type;
    else fail(line, operand.col, `unknown capsule type '${operand.text}'; expected one of ${TYPE_LIST}`);
  } else if (name === 'version') {
    const version = operand.kind === 'word' ? parseNumber(operand.text) : undefined;
    if (version !== undefined && version >= 0 && version <= MAX_VERSION) parsed.version = version;
    else fail(line, operand.col, `.version takes a number 0..${MAX_VERSION}, not '${operand.text}'`);
  } else if (operand.kind === 'string') parsed.name = operand.value;
  else if (operand.kind === 'word') parsed.name = operand.text;
  else fail(line, operand.col, `.name takes a word or a "quoted string", not '${operand.text}'`);
  return undefined;
}

/** The capsule-too-large error, placed on the first item that crosses the limit. */
export function layoutError(items: readonly Item[], size: number): { line: number; col: number; message: string } | undefined {
  const item = items.find((i) => i.pc + i.length > EXTENDED_MAX_BYTES);
  if (item === undefined) return undefined;
  return { line: item.line, col: item.col, message: `capsule is ${size} bytes; the limit is ${EXTENDED_MAX_BYTES} (this line ends at byte ${item.pc + item.length})` };
}
