// Plain snapshots of the VM's RAM for dashboards, tests and `mote run --trace` (nothing here is
// on the interpreter's hot path).

import {
  CAPSULE_TYPES, CONTEXTS, HEAP_WORDS, OPERAND_STACK_DEPTH, PAYLOAD_BYTES, RETURN_STACK_DEPTH,
  type CapsuleType, type ContextName,
} from './capsule.js';
import { formatInstruction } from './format.js';
import { BLOCKED, HEAP_BASE, IDLE, RUNNING, SHARED_SLOT, TAG_MESSAGE, TAG_READING, TAG_VALUE, WAITING } from './memory.js';
import {
  I16_VALUES, U16_PC, U16_RETURN_PC, U8_CAPSULE, U8_MESSAGE_LENGTH, U8_MESSAGES, U8_RETURN_CAPSULE, U8_RSP, U8_SP, U8_STATE,
  U8_TAGS, type VmPool,
} from './pool.js';

export interface OperandSnapshot {
  readonly type: 'value' | 'reading' | 'message';
  /** The 16-bit value; for a message, its length in bytes. */
  readonly value: number;
  /** The sensor a reading came from. */
  readonly sensor?: number;
}

export type ContextState = 'idle' | 'running' | 'waiting' | 'blocked';

export interface ContextSnapshot {
  readonly name: ContextName;
  readonly state: ContextState;
  readonly pc: number;
  /** The capsule executing (a subroutine while called); null when idle. */
  readonly capsule: CapsuleType | null;
  readonly stack: OperandSnapshot[];
  readonly returnStack: { capsule: CapsuleType; pc: number }[];
  /** The context's message buffer, up to its length. */
  readonly message: number[];
}

export interface VmSnapshot {
  readonly contexts: ContextSnapshot[];
  readonly heap: OperandSnapshot[];
  readonly shared: OperandSnapshot;
  readonly leds: number;
  /** Source address of the last message delivered or forwarded to this mote. */
  readonly lastSource: number;
  readonly cycles: number;
  readonly instructions: number;
}

const STATE_NAMES: Record<number, ContextState> = {
  [IDLE]: 'idle', [RUNNING]: 'running', [WAITING]: 'waiting', [BLOCKED]: 'blocked',
};

/** Where one VM's RAM is: its pool and the byte offset of its block. */
interface Ram {
  readonly pool: VmPool;
  readonly block: number;
}

export function operandAt(ram: Ram, slot: number, owner: number): OperandSnapshot {
  const { pool, block } = ram;
  const tag = pool.u8[block + U8_TAGS + slot];
  const value = pool.i16[((block + I16_VALUES) >> 1) + slot];
  if (tag === TAG_VALUE) return { type: 'value', value };
  if (tag === TAG_MESSAGE) return { type: 'message', value: pool.u8[block + U8_MESSAGE_LENGTH + owner] };
  return { type: 'reading', value, sensor: tag - TAG_READING };
}

/** One operand as the trace prints it: `12`, a reading `s3:512`, a message `msg(4)`. */
export function formatOperand(operand: OperandSnapshot): string {
  if (operand.type === 'value') return String(operand.value);
  if (operand.type === 'message') return `msg(${operand.value})`;
  return `s${operand.sensor}:${operand.value}`;
}

export function stackOf(ram: Ram, context: number, depth: number): OperandSnapshot[] {
  const base = context * OPERAND_STACK_DEPTH;
  return Array.from({ length: depth }, (_, i) => operandAt(ram, base + i, context));
}

type Counters = Pick<VmSnapshot, 'leds' | 'lastSource' | 'cycles' | 'instructions'>;

export function snapshot(pool: VmPool, block: number, counters: Counters): VmSnapshot {
  const ram = { pool, block };
  const u8 = pool.u8;
  const contexts = CONTEXTS.map((name, c): ContextSnapshot => {
    const state = STATE_NAMES[u8[block + U8_STATE + c]];
    const returnStack = Array.from({ length: u8[block + U8_RSP + c] }, (_, k) => ({
      capsule: CAPSULE_TYPES[u8[block + U8_RETURN_CAPSULE + c * RETURN_STACK_DEPTH + k]],
      pc: pool.u16[((block + U16_RETURN_PC) >> 1) + c * RETURN_STACK_DEPTH + k],
    }));
    const start = block + U8_MESSAGES + c * PAYLOAD_BYTES;
    return {
      name,
      state,
      pc: pool.u16[((block + U16_PC) >> 1) + c],
      capsule: state === 'idle' ? null : CAPSULE_TYPES[u8[block + U8_CAPSULE + c]],
      stack: stackOf(ram, c, u8[block + U8_SP + c]),
      returnStack,
      message: Array.from(u8.subarray(start, start + u8[block + U8_MESSAGE_LENGTH + c])),
    };
  });
  const heap = Array.from({ length: HEAP_WORDS }, (_, n) => operandAt(ram, HEAP_BASE + n, 0));
  return { contexts, heap, shared: operandAt(ram, SHARED_SLOT, 0), ...counters };
}

/** A trace line: context, the instruction (format.ts) and the operand stack before it runs. */
export function traceLine(pool: VmPool, block: number, context: number, code: Uint8Array, pc: number, sp: number): string {
  const stack = stackOf({ pool, block }, context, sp).map(formatOperand).join(' ');
  return `${CONTEXTS[context].padEnd(8)}${formatInstruction(code, pc).text.padEnd(28)}[${stack}]`;
}
