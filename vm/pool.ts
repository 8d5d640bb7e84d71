// The RAM of many VMs in one ArrayBuffer. Each VM owns one fixed block laid out as Maté kept its
// static frames (SPEC 7: four contexts with 16-deep operand stacks and 8-deep return stacks, a
// 16-word heap, the shared variable, 29-byte message buffers), read through five typed views over
// the whole buffer. A million VMs are a million blocks, not eighteen million typed-array objects,
// and the bytes one VM touches on a clock firing sit in a few adjacent cache lines. Installed code
// is kept once per distinct byte string and shared by every VM that runs it.

import { CAPSULE_TYPES, PAYLOAD_BYTES, RETURN_STACK_DEPTH, type Capsule } from './capsule.js';
import { instructionBoundaries, predecode } from './dispatch.js';
import { CONTEXT_COUNT, MESSAGE_SLOTS, SLOTS } from './memory.js';

// Block layout, byte offsets from the block's start: wider fields first so every view is aligned,
// and the fields a clock firing touches early. A field of a VM whose block starts at byte b is at
// index (b + OFFSET) / (its element size) of its view: see the helpers at the bottom.

/** float64 counters; they survive a reboot (everything from RAM_START on is cleared). */
export const F64_CYCLES = 0;
export const F64_INSTRUCTIONS = 8;
export const F64_EPOCH = 16;
/** Source address of the last message delivered or forwarded. */
export const F64_RECEIVED = 24;
export const RAM_START = 32;
/** int32 code id per capsule type; 0: none installed. */
export const I32_CODE = 32;
/** uint16 pc per context: code reaches a mote in capsules of at most 128 bytes (EXTENDED_MAX_BYTES). */
export const U16_PC = I32_CODE + 4 * CAPSULE_TYPES.length;
/** Bytes per context: state, sp, rsp, the capsule type executing, what it waits for, the sensor. */
export const U8_STATE = U16_PC + 2 * CONTEXT_COUNT;
export const U8_SP = U8_STATE + CONTEXT_COUNT;
export const U8_RSP = U8_SP + CONTEXT_COUNT;
export const U8_CAPSULE = U8_RSP + CONTEXT_COUNT;
export const U8_WAIT = U8_CAPSULE + CONTEXT_COUNT;
export const U8_WAIT_SENSOR = U8_WAIT + CONTEXT_COUNT;
export const U8_LEDS = U8_WAIT_SENSOR + CONTEXT_COUNT;
export const U8_ERROR_BLINK = U8_LEDS + 1;
/** The context that took the last turn (round-robin). */
export const U8_LAST = U8_ERROR_BLINK + 1;
export const U8_MESSAGE_LENGTH = U8_LAST + 1;
/** Return stacks: context x RETURN_STACK_DEPTH + depth, the capsule type and the uint16 pc. */
export const U8_RETURN_CAPSULE = U8_MESSAGE_LENGTH + MESSAGE_SLOTS;
export const U16_RETURN_PC = align(U8_RETURN_CAPSULE + CONTEXT_COUNT * RETURN_STACK_DEPTH, 2);
/** int16 operand values by memory.ts slot number, then their one-byte tags by the same number. */
export const I16_VALUES = U16_RETURN_PC + 2 * CONTEXT_COUNT * RETURN_STACK_DEPTH;
export const U8_TAGS = I16_VALUES + 2 * SLOTS;
/** Message buffers: slot x PAYLOAD_BYTES. */
export const U8_MESSAGES = U8_TAGS + SLOTS;
/** Bytes per VM (592 with the SPEC 7 sizes). */
export const BLOCK_BYTES = align(U8_MESSAGES + MESSAGE_SLOTS * PAYLOAD_BYTES, 8);

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

const TYPES = CAPSULE_TYPES.length;

export class VmPool {
  /** Replaced when the pool grows: read them from the pool, never keep them across calls. */
  f64: Float64Array;
  i32: Int32Array;
  u16: Uint16Array;
  i16: Int16Array;
  u8: Uint8Array;
  /** The Capsule objects installed, as handed to install: VM index x 8 + type. */
  capsules: (Capsule | undefined)[];
  /** Shared code by id (0: none): a private copy of the bytes, their instruction starts, and the decoded words the interpreter runs. */
  readonly codes: (Uint8Array | undefined)[] = [undefined];
  readonly bounds: (Uint8Array | undefined)[] = [undefined];
  readonly decoded: (Int32Array | undefined)[] = [undefined];
  private readonly codeIds = new Map<string, number>();
  private size = 0;
  private capacity: number;

  /**
   * `capacity` VMs fit before the first growth. Growth doubles but stops once at `expected` (how
   * many VMs the owner means to make, e.g. one per mote), so a pool that fills up wastes nothing.
   */
  constructor(capacity = 1, private readonly expected = Infinity) {
    this.capacity = Math.max(1, Math.floor(capacity));
    const buffer = new ArrayBuffer(this.capacity * BLOCK_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.u8 = new Uint8Array(buffer);
    this.capsules = new Array<Capsule | undefined>(this.capacity * TYPES).fill(undefined);
  }

  /** VMs allocated so far. */
  get count(): number {
    return this.size;
  }

  /** A fresh, zeroed block for one more VM; its index. */
  allocate(): number {
    if (this.size === this.capacity) this.grow();
    const vm = this.size++;
    this.u8[vm * BLOCK_BYTES + U8_LAST] = CONTEXT_COUNT - 1;
    return vm;
  }

  /** Power loss: the VM's RAM and installed code are gone; its counters stay. */
  clear(vm: number): void {
    const b = vm * BLOCK_BYTES;
    this.u8.fill(0, b + RAM_START, b + BLOCK_BYTES);
    this.capsules.fill(undefined, vm * TYPES, vm * TYPES + TYPES);
  }

  /** The id of this code, shared by every VM that installs the same bytes (copied on first sight). */
  codeId(code: Uint8Array): number {
    const key = bytesKey(code);
    let id = this.codeIds.get(key);
    if (id === undefined) {
      const copy = code.slice();
      id = this.codes.length;
      this.codes.push(copy);
      this.bounds.push(instructionBoundaries(copy));
      this.decoded.push(predecode(copy));
      this.codeIds.set(key, id);
    }
    return id;
  }

  /** Live view of one of a VM's message buffers, for the host (which copies what it keeps). */
  messageView(vm: number, buffer: number): Uint8Array {
    const at = vm * BLOCK_BYTES + U8_MESSAGES + buffer * PAYLOAD_BYTES;
    return this.u8.subarray(at, at + PAYLOAD_BYTES);
  }

  /** Copies a payload into a message buffer, clamped to it; returns the length kept. */
  load(vm: number, buffer: number, payload: Uint8Array, length: number): number {
    const b = vm * BLOCK_BYTES;
    const n = Math.max(0, Math.min(Math.trunc(length) || 0, payload.length, PAYLOAD_BYTES));
    this.u8.set(payload.subarray(0, n), b + U8_MESSAGES + buffer * PAYLOAD_BYTES);
    this.u8[b + U8_MESSAGE_LENGTH + buffer] = n;
    return n;
  }

  copyMessage(vm: number, from: number, to: number): number {
    const b = vm * BLOCK_BYTES;
    const u8 = this.u8;
    const n = u8[b + U8_MESSAGE_LENGTH + from];
    const source = b + U8_MESSAGES + from * PAYLOAD_BYTES;
    u8.copyWithin(b + U8_MESSAGES + to * PAYLOAD_BYTES, source, source + n);
    u8[b + U8_MESSAGE_LENGTH + to] = n;
    return n;
  }

  private grow(): void {
    const doubled = this.capacity * 2;
    const capacity = this.capacity < this.expected && doubled > this.expected ? this.expected : doubled;
    const buffer = new ArrayBuffer(capacity * BLOCK_BYTES);
    const u8 = new Uint8Array(buffer);
    u8.set(this.u8);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.u8 = u8;
    // A new array of the exact size: pushing would leave up to half its length unused.
    const capsules = new Array<Capsule | undefined>(capacity * TYPES).fill(undefined);
    for (let k = 0; k < this.capsules.length; k++) capsules[k] = this.capsules[k];
    this.capsules = capsules;
    this.capacity = capacity;
  }
}

/** The bytes as a string (one char per byte), built in chunks that stay under the argument limit. */
function bytesKey(code: Uint8Array): string {
  let key = '';
  for (let i = 0; i < code.length; i += 4096) key += String.fromCharCode(...code.subarray(i, i + 4096));
  return key;
}
