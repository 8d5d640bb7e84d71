// The VM's RAM as the program sees it (SPEC 7): every context's operand stack, the heap and the
// shared variable as numbered operand slots, the message buffers, and the codes of states, tags and
// waits. Operands are a 16-bit value plus a one-byte type tag. Where the bytes live: vm/pool.ts.

import { CONTEXTS, HEAP_WORDS, OPERAND_STACK_DEPTH } from './capsule.js';

export const CONTEXT_COUNT = CONTEXTS.length;

/** Operand type tags. A reading carries its sensor: tag = TAG_READING + sensor. */
export const TAG_VALUE = 0;
export const TAG_READING = 1;
export const TAG_MESSAGE = 255;
/** Largest sensor id a reading tag can carry; `sense` traps 'bad sensor' above it. */
export const MAX_SENSOR = TAG_MESSAGE - TAG_READING - 1;

/** Context states. BLOCKED: a split-phase start was refused (busy); retried on the next run(). */
export const IDLE = 0;
export const RUNNING = 1;
export const WAITING = 2;
export const BLOCKED = 3;

/** What a WAITING context waits for. */
export const WAIT_SENSE = 1;
export const WAIT_SEND = 2;

/** Slot layout of `values`/`tags`: the operand stacks, then the heap, then the shared variable. */
export const HEAP_BASE = CONTEXT_COUNT * OPERAND_STACK_DEPTH;
export const SHARED_SLOT = HEAP_BASE + HEAP_WORDS;
export const SLOTS = SHARED_SLOT + 1;
/** Message buffer slots: one per context, then the last received message (for `movm`). */
export const LAST_RECEIVED = CONTEXT_COUNT;
export const MESSAGE_SLOTS = CONTEXT_COUNT + 1;
