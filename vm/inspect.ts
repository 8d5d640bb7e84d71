// Plain snapshots of the VM's RAM for dashboards, tests and `mote run --trace` (nothing here is
// on the interpreter's hot path).

import {
  CAPSULE_TYPES, CONTEXTS, HEAP_WORDS, OPERAND_STACK_DEPTH, PAYLOAD_BYTES, RETURN_STACK_DEPTH,
  type CapsuleType, type ContextName,
} from './capsule.js';
import {
  BLOCKED, HEAP_BASE, IDLE, RUNNING, SHARED_SLOT, TAG_MESSAGE, TAG_READING, TAG_VALUE, WAITING,
  type Memory,
} from './memory.js';
import { formatInstruction } from './format.js';

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

export function operandAt(memory: Memory, slot: number, owner: number): OperandSnapshot {
  const tag = memory.tags[slot];
  const value = memory.values[slot];
  if (tag === TAG_VALUE) return { type: 'value', value };
  if (tag === TAG_MESSAGE) return { type: 'message', value: memory.messageLength[owner] };
  return { type: 'reading', value, sensor: tag - TAG_READING };
}

/** One operand as the trace prints it: `12`, a reading `s3:512`, a message `msg(4)`. */
export function formatOperand(operand: OperandSnapshot): string {
  if (operand.type === 'value') return String(operand.value);
  if (operand.type === 'message') return `msg(${operand.value})`;
  return `s${operand.sensor}:${operand.value}`;
}

export function stackOf(memory: Memory, context: number, depth: number): OperandSnapshot[] {
  const base = context * OPERAND_STACK_DEPTH;
  return Array.from({ length: depth }, (_, i) => operandAt(memory, base + i, context));
}

type Counters = Pick<VmSnapshot, 'leds' | 'lastSource' | 'cycles' | 'instructions'>;

export function snapshot(memory: Memory, counters: Counters): VmSnapshot {
  const contexts = CONTEXTS.map((name, c): ContextSnapshot => {
    const state = STATE_NAMES[memory.state[c]];
    const returnStack = Array.from({ length: memory.rsp[c] }, (_, k) => ({
      capsule: CAPSULE_TYPES[memory.returnCapsule[c * RETURN_STACK_DEPTH + k]],
      pc: memory.returnPc[c * RETURN_STACK_DEPTH + k],
    }));
    const start = c * PAYLOAD_BYTES;
    return {
      name,
      state,
      pc: memory.pc[c],
      capsule: state === 'idle' ? null : CAPSULE_TYPES[memory.capsule[c]],
      stack: stackOf(memory, c, memory.sp[c]),
      returnStack,
      message: Array.from(memory.messages.subarray(start, start + memory.messageLength[c])),
    };
  });
  const heap = Array.from({ length: HEAP_WORDS }, (_, n) => operandAt(memory, HEAP_BASE + n, 0));
  return { contexts, heap, shared: operandAt(memory, SHARED_SLOT, 0), ...counters };
}

/** A trace line: context, the instruction (format.ts) and the operand stack before it runs. */
export function traceLine(memory: Memory, context: number, code: Uint8Array, pc: number, sp: number): string {
  const stack = stackOf(memory, context, sp).map(formatOperand).join(' ');
  return `${CONTEXTS[context].padEnd(8)}${formatInstruction(code, pc).text.padEnd(28)}[${stack}]`;
}
