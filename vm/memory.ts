// The VM's RAM (SPEC 7): every context's operand and return stacks, message buffers, the heap
// and the shared variable, carved out of one flat allocation as Maté kept them in static frames.
// Operands are a 16-bit value plus a one-byte type tag, stored side by side in typed arrays.

import { CONTEXTS, HEAP_WORDS, OPERAND_STACK_DEPTH, PAYLOAD_BYTES, RETURN_STACK_DEPTH } from './capsule.js';

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
/** Message buffer slots: one per context, then the last received message (for `movm`). */
export const LAST_RECEIVED = CONTEXT_COUNT;

export class Memory {
  readonly bytes: Uint8Array;
  readonly pc: Int32Array;
  readonly returnPc: Int32Array;
  readonly values: Int16Array;
  readonly tags: Uint8Array;
  readonly sp: Uint8Array;
  readonly rsp: Uint8Array;
  readonly returnCapsule: Uint8Array;
  /** Capsule type number each context is executing (a subroutine while called). */
  readonly capsule: Uint8Array;
  readonly state: Uint8Array;
  readonly wait: Uint8Array;
  readonly waitSensor: Uint8Array;
  readonly messages: Uint8Array;
  readonly messageLength: Uint8Array;
  /** messages[slot * PAYLOAD_BYTES ..] as views, made once so send needs no allocation. */
  readonly messageViews: readonly Uint8Array[];

  constructor() {
    const slots = SHARED_SLOT + 1;
    const messageSlots = CONTEXT_COUNT + 1;
    // Widest element types first so every view is aligned.
    const layout = {
      pc: CONTEXT_COUNT * 4,
      returnPc: CONTEXT_COUNT * RETURN_STACK_DEPTH * 4,
      values: slots * 2,
      tags: slots,
      sp: CONTEXT_COUNT,
      rsp: CONTEXT_COUNT,
      returnCapsule: CONTEXT_COUNT * RETURN_STACK_DEPTH,
      capsule: CONTEXT_COUNT,
      state: CONTEXT_COUNT,
      wait: CONTEXT_COUNT,
      waitSensor: CONTEXT_COUNT,
      messages: messageSlots * PAYLOAD_BYTES,
      messageLength: messageSlots,
    };
    const total = Object.values(layout).reduce((sum, n) => sum + n, 0);
    const buffer = new ArrayBuffer(total);
    let offset = 0;
    const take = (n: number): number => {
      const at = offset;
      offset += n;
      return at;
    };
    this.bytes = new Uint8Array(buffer);
    this.pc = new Int32Array(buffer, take(layout.pc), CONTEXT_COUNT);
    this.returnPc = new Int32Array(buffer, take(layout.returnPc), CONTEXT_COUNT * RETURN_STACK_DEPTH);
    this.values = new Int16Array(buffer, take(layout.values), slots);
    this.tags = new Uint8Array(buffer, take(layout.tags), slots);
    this.sp = new Uint8Array(buffer, take(layout.sp), CONTEXT_COUNT);
    this.rsp = new Uint8Array(buffer, take(layout.rsp), CONTEXT_COUNT);
    this.returnCapsule = new Uint8Array(buffer, take(layout.returnCapsule), CONTEXT_COUNT * RETURN_STACK_DEPTH);
    this.capsule = new Uint8Array(buffer, take(layout.capsule), CONTEXT_COUNT);
    this.state = new Uint8Array(buffer, take(layout.state), CONTEXT_COUNT);
    this.wait = new Uint8Array(buffer, take(layout.wait), CONTEXT_COUNT);
    this.waitSensor = new Uint8Array(buffer, take(layout.waitSensor), CONTEXT_COUNT);
    this.messages = new Uint8Array(buffer, take(layout.messages), messageSlots * PAYLOAD_BYTES);
    this.messageLength = new Uint8Array(buffer, take(layout.messageLength), messageSlots);
    this.messageViews = Array.from({ length: messageSlots }, (_, slot) =>
      this.messages.subarray(slot * PAYLOAD_BYTES, (slot + 1) * PAYLOAD_BYTES),
    );
  }

  /** Power loss: everything back to zero. */
  clear(): void {
    this.bytes.fill(0);
  }

  /** Copy a payload into a message slot, clamped to the buffer; returns the length kept. */
  load(slot: number, payload: Uint8Array, length: number): number {
    const n = Math.max(0, Math.min(Math.trunc(length) || 0, payload.length, PAYLOAD_BYTES));
    this.messages.set(payload.subarray(0, n), slot * PAYLOAD_BYTES);
    this.messageLength[slot] = n;
    return n;
  }

  copyMessage(from: number, to: number): number {
    const n = this.messageLength[from];
    this.messages.copyWithin(to * PAYLOAD_BYTES, from * PAYLOAD_BYTES, from * PAYLOAD_BYTES + n);
    this.messageLength[to] = n;
    return n;
  }
}
