// A run's parameters as a generated once capsule: `pushw value; setvar slot` per heap word, the way
// a mote is flashed with its configuration before deployment. Built from the opcode table alone, so
// the runners need no assembler (sim depends on vm only).

import type { Capsule } from '../../vm/capsule.js';
import { HEAP_WORDS } from '../../vm/capsule.js';
import { opcodeByName, type OpcodeRow } from '../../vm/opcodes.js';

function row(name: string): OpcodeRow {
  const found = opcodeByName(name);
  if (found === undefined) throw new Error(`the opcode table has no ${name}`);
  return found;
}

const PUSHW = row('pushw').code;
const SETVAR = row('setvar').code;

/** A once capsule that stores each value in its heap word (0-15; values wrap to 16 bits). */
export function configCapsule(words: readonly (readonly [slot: number, value: number])[]): Capsule {
  const code: number[] = [];
  for (const [slot, value] of words) {
    if (!(Number.isInteger(slot) && slot >= 0 && slot < HEAP_WORDS)) throw new RangeError(`heap word ${slot} is not 0-15`);
    code.push(PUSHW, value & 0xff, (value >> 8) & 0xff, SETVAR | slot);
  }
  return { type: 'once', version: 1, name: 'config', code: Uint8Array.from(code) };
}
