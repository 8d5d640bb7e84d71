// The memory the firmware (firmware/*.c) and the AVR mote (sim/avr/) share, defined once: the
// mailbox at 0x0100 and the VM's RAM at 0x0200 of the ATmega128's SRAM, field by field. The C
// structs in firmware/vm_tables.h are generated from these lists (tools/firmware/header.ts); the
// TypeScript side reads and writes the same offsets. AVR has no alignment, so an offset is the sum
// of the sizes before it. Event, effect and state codes are here too, for both sides.

import { CAPSULE_TYPES, CONTEXTS, EXTENDED_MAX_BYTES, HEAP_WORDS, OPERAND_STACK_DEPTH, PAYLOAD_BYTES, RETURN_STACK_DEPTH } from '../../vm/capsule.js';
import { MESSAGE_SLOTS, SLOTS } from '../../vm/memory.js';

export type FieldType = 'uint8_t' | 'int16_t' | 'uint16_t';
export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** Array length; 1 for a scalar. */
  readonly count: number;
  readonly doc: string;
}

const f = (name: string, type: FieldType, count: number, doc: string): Field => ({ name, type, count, doc });
const bytes = (type: FieldType): number => (type === 'uint8_t' ? 1 : 2);

/** Data addresses (SRAM starts at 0x0100 on the ATmega128; the compiler's .data starts at DATA_START). */
export const MAILBOX_ADDRESS = 0x0100;
export const VM_RAM_ADDRESS = 0x0200;
export const DATA_START = 0x0500;
/** The doorbell: a data address the ATmega128 leaves reserved (extended I/O 0x9E-0xFF). */
export const DOORBELL_ADDRESS = 0x00ff;
/** PORTA (I/O 0x1B, data 0x3B): LEDs on PA0-PA2 as on the Mica (active high here). */
export const LED_PORT_ADDRESS = 0x3b;
/** Interrupt vectors (ATmega128 datasheet, table 23), in words: INT0 (host events) and TIMER1 COMPA (the clock). */
export const EVENT_VECTOR = 2;
export const CLOCK_VECTOR = 24;

export const MAILBOX: readonly Field[] = [
  f('event', 'uint8_t', 1, 'host to mote: the event INT0 announces (EV_*)'),
  f('context', 'uint8_t', 1, 'host to mote: the context of senseDone/sendDone'),
  f('type', 'uint8_t', 1, 'host to mote: capsule type of an install'),
  f('length', 'uint8_t', 1, 'host to mote: bytes in data'),
  f('value', 'uint16_t', 1, 'host to mote: a reading, or the source of a message'),
  f('locking', 'uint8_t', 1, 'host to mote: bit c, context c takes the shared-state lock (vm/shared-use.ts)'),
  f('data', 'uint8_t', EXTENDED_MAX_BYTES, 'host to mote: capsule code or message payload'),
  f('moteId', 'uint16_t', 1, 'host to mote: this mote\'s id, read at boot'),
  f('outContext', 'uint8_t', 1, 'mote to host: the context of an effect'),
  f('outArg', 'uint16_t', 1, 'mote to host: sensor, destination, capsule type, clock n, or query operand'),
  f('outArg2', 'uint16_t', 1, 'mote to host: routed flag, clock mode, trap reason, or second query operand'),
  f('outPc', 'uint16_t', 1, 'mote to host: the pc of a trap'),
  f('outCapsule', 'uint8_t', 1, 'mote to host: the capsule type of a trap'),
  f('result', 'uint16_t', 1, 'host to mote: the answer to a query or start'),
];

export const VM_RAM: readonly Field[] = [
  f('state', 'uint8_t', CONTEXTS.length, 'context states (ST_*)'),
  f('pc', 'uint16_t', CONTEXTS.length, 'context program counters'),
  f('sp', 'uint8_t', CONTEXTS.length, 'operand stack depths'),
  f('rsp', 'uint8_t', CONTEXTS.length, 'return stack depths'),
  f('capsule', 'uint8_t', CONTEXTS.length, 'capsule type each context executes'),
  f('wait', 'uint8_t', CONTEXTS.length, 'what a waiting context waits for (WAIT_*)'),
  f('waitSensor', 'uint8_t', CONTEXTS.length, 'the sensor a context waits for'),
  f('values', 'int16_t', SLOTS, 'operand slots: the stacks (context x 16), the heap, the shared variable'),
  f('tags', 'uint8_t', SLOTS, 'their type tags (TAG_*)'),
  f('retCapsule', 'uint8_t', CONTEXTS.length * RETURN_STACK_DEPTH, 'return stacks: capsule'),
  f('retPc', 'uint16_t', CONTEXTS.length * RETURN_STACK_DEPTH, 'return stacks: pc'),
  f('msgLength', 'uint8_t', MESSAGE_SLOTS, 'message lengths: one per context, then the last received'),
  f('msg', 'uint8_t', MESSAGE_SLOTS * PAYLOAD_BYTES, 'message buffers'),
  f('codeLength', 'uint8_t', CAPSULE_TYPES.length, 'installed capsule lengths'),
  f('installed', 'uint8_t', 1, 'bit t: a capsule of type t is installed'),
  f('leds', 'uint8_t', 1, 'the LEDs (red 1, green 2, yellow 4)'),
  f('blink', 'uint8_t', 1, 'the error blink is on'),
  f('last', 'uint8_t', 1, 'the context that ran last (round robin)'),
  f('locking', 'uint8_t', 1, 'bit c: context c takes the shared-state lock'),
  f('pending', 'uint8_t', 1, 'bit c: context c waits for the lock to start'),
  f('lastSource', 'uint16_t', 1, 'source of the last message delivered or forwarded'),
  f('taskHead', 'uint8_t', 1, 'scheduler: next task to run'),
  f('taskCount', 'uint8_t', 1, 'scheduler: tasks queued'),
  f('tasks', 'uint8_t', 8, 'scheduler: the FIFO of posted tasks'),
];

/** Byte offset of every field, in order. */
export function offsets(fields: readonly Field[]): Record<string, number> {
  const out: Record<string, number> = {};
  let at = 0;
  for (const field of fields) {
    out[field.name] = at;
    at += bytes(field.type) * field.count;
  }
  return out;
}

export function sizeOf(fields: readonly Field[]): number {
  return fields.reduce((n, field) => n + bytes(field.type) * field.count, 0);
}

/** Events the host announces with INT0 (the mailbox's `event`). */
export const EVENTS = { install: 1, deliver: 2, forwardRouted: 3, senseDone: 4, sendDone: 5, unblock: 6 } as const;
/** Effects the firmware rings the doorbell with. */
export const EFFECTS = {
  sense: 1, send: 2, forward: 3, clock: 4, trap: 5, uart: 6, rand: 7, neighbours: 8, ack: 9, booted: 10,
} as const;
/** Clock modes of the clock effect: Maté's default, clockf n, clockc n. */
export const CLOCK_MODES = { default: 0, perSecond: 1, binaryMillis: 2 } as const;
/** Queries of the neighbours effect: nbrs, nbr, nbri. */
export const NEIGHBOUR_QUERIES = { count: 0, at: 1, index: 2 } as const;

export const LIMITS = { OPERAND_STACK_DEPTH, RETURN_STACK_DEPTH, HEAP_WORDS, PAYLOAD_BYTES, EXTENDED_MAX_BYTES } as const;
