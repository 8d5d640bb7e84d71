// How an instruction leaves the interpreter's fast path, after its cost is charged: a trap, or an
// effect on the host or on the context (LEDs, the clock, call and return, split-phase starts).
// Faults never throw (SPEC 7): the context stops and the host gets a trap record.

import * as capsuleLimits from './capsule.js';
import * as dispatchTables from './dispatch.js';
import type { TrapReason } from './host.js';
import * as memoryLayout from './memory.js';
import * as blockLayout from './pool.js';
import * as vmState from './state.js';
import { type VmState } from './state.js';

// Imported bindings are live, so V8 reloads one (and checks it is initialised) on every use;
// module-level consts fold into the compiled code. The hot paths read these copies.
const { CAPSULE_TYPES, CONTEXTS, OPERAND_STACK_DEPTH, RETURN_STACK_DEPTH } = capsuleLimits;
const { MIN_SP } = dispatchTables;
const { BLOCKED, IDLE, TAG_VALUE, WAIT_SEND, WAIT_SENSE, WAITING } = memoryLayout;
const {
  F64_EPOCH, I16_VALUES, I32_CODE, U16_PC, U8_TAGS, U16_RETURN_PC, U8_CAPSULE, U8_ERROR_BLINK, U8_MESSAGE_LENGTH,
  U8_RETURN_CAPSULE, U8_RSP, U8_SP, U8_STATE, U8_WAIT, U8_WAIT_SENSOR,
} = blockLayout;
const { ERROR_LEDS } = vmState;

/** A routed `send` goes toward the base station; the host's routing picks the hop. */
const BASE_STATION = 0;

/** Exit codes: 1 + the index of a trap reason, then the effects. 0 stays on the fast path. */
export const TRAPS: readonly TrapReason[] = [
  'stack overflow', 'stack underflow', 'return stack overflow', 'bad opcode', 'bad jump',
  'type error', 'division by zero', 'bad message field', 'no such capsule', 'bad sensor', 'bad heap index', 'err',
];
const trapExit = (reason: TrapReason): number => 1 + TRAPS.indexOf(reason);
export const X_OVERFLOW = trapExit('stack overflow');
export const X_UNDERFLOW = trapExit('stack underflow');
export const X_BAD_OPCODE = trapExit('bad opcode');
export const X_BAD_JUMP = trapExit('bad jump');
export const X_TYPE = trapExit('type error');
export const X_DIVIDE = trapExit('division by zero');
export const X_FIELD = trapExit('bad message field');
export const X_NO_CAPSULE = trapExit('no such capsule');
export const X_BAD_SENSOR = trapExit('bad sensor');
export const X_HEAP_INDEX = trapExit('bad heap index');
export const X_ERR = trapExit('err');
/** halt (handled in the loop itself). */
export const X_END = TRAPS.length + 1;
export const X_LEDS = X_END + 1;
export const X_CLOCK = X_END + 2;
export const X_CALL = X_END + 3;
export const X_RETURN = X_END + 4;
export const X_SENSE = X_END + 5;
export const X_SEND = X_END + 6;
export const X_SENDR = X_END + 7;
export const X_FORWARD = X_END + 8;
export const X_UART = X_END + 9;

/** putled's operand applied to the LEDs: low 3 bits pick them; bits 3-4: 0 set, 1 off, 2 on, 3 toggle. */
export function ledsAfter(leds: number, arg: number): number {
  const pick = arg & 7;
  const operation = (arg >> 3) & 3;
  if (operation === 0) return pick;
  if (operation === 1) return leds & ~pick;
  if (operation === 2) return leds | pick;
  return leds ^ pick;
}

/** The slow path: traps, host effects, calls and split-phase starts, after the charge (halt and putled stay in the loop). */
export function leave(s: VmState, c: number, b: number, exit: number, arg: number, pc: number, next: number): void {
  const p = s.pool;
  const block = s.base;
  const pcAt = ((block + U16_PC) >> 1) + c;
  if (exit < X_END) {
    fault(s, c, pc, TRAPS[exit - 1]);
    return;
  }
  switch (exit) {
    case X_CLOCK:
      p.u16[pcAt] = next;
      s.host.setClockPeriod(arg);
      return;
    case X_UART:
      p.u16[pcAt] = next;
      s.host.uart?.(CONTEXTS[c], p.messageView(s.index, c), p.u8[block + U8_MESSAGE_LENGTH + c]);
      return;
    case X_CALL: {
      const u8 = p.u8;
      const depth = u8[block + U8_RSP + c];
      if (p.i32[((block + I32_CODE) >> 2) + arg] === 0) fault(s, c, pc, 'no such capsule');
      else if (depth >= RETURN_STACK_DEPTH) fault(s, c, pc, 'return stack overflow');
      else {
        const k = c * RETURN_STACK_DEPTH + depth;
        u8[block + U8_RETURN_CAPSULE + k] = u8[block + U8_CAPSULE + c];
        p.u16[((block + U16_RETURN_PC) >> 1) + k] = next;
        u8[block + U8_RSP + c] = depth + 1;
        u8[block + U8_CAPSULE + c] = arg;
        p.u16[pcAt] = 0;
      }
      return;
    }
    case X_RETURN: {
      const u8 = p.u8;
      const depth = u8[block + U8_RSP + c];
      if (depth === 0) {
        u8[block + U8_STATE + c] = IDLE; // ret with nobody to return to ends the context
        return;
      }
      const k = c * RETURN_STACK_DEPTH + depth - 1;
      u8[block + U8_RSP + c] = depth - 1;
      u8[block + U8_CAPSULE + c] = u8[block + U8_RETURN_CAPSULE + k];
      p.u16[pcAt] = p.u16[((block + U16_RETURN_PC) >> 1) + k];
      return;
    }
    default:
      startSplitPhase(s, c, b, exit, arg, pc, next);
  }
}

/**
 * sense, send, sendr, forw, forwo. The context pops its operands and waits; if the host is busy
 * it undoes that and blocks, to retry the same instruction on the next run().
 */
function startSplitPhase(s: VmState, c: number, b: number, exit: number, arg: number, pc: number, next: number): void {
  const p = s.pool;
  const block = s.base;
  const name = CONTEXTS[c];
  const pcAt = ((block + U16_PC) >> 1) + c;
  const epochAt = (block + F64_EPOCH) >> 3;
  p.u8[block + U8_SP + c] -= MIN_SP[b];
  p.u16[pcAt] = next;
  p.u8[block + U8_STATE + c] = WAITING;
  p.u8[block + U8_WAIT + c] = exit === X_SENSE ? WAIT_SENSE : WAIT_SEND;
  p.u8[block + U8_WAIT_SENSOR + c] = exit === X_SENSE ? arg : 0;
  const epoch = ++p.f64[epochAt];
  let started: boolean;
  if (exit === X_SENSE) started = s.host.startSense(name, arg);
  else if (exit === X_FORWARD) started = s.host.startForward(name, arg);
  else {
    const length = p.u8[block + U8_MESSAGE_LENGTH + c];
    started = s.host.startSend(name, exit === X_SEND ? BASE_STATION : arg, p.messageView(s.index, c), length, exit === X_SEND);
  }
  // The host may have grown the pool: index it afresh.
  if (started || p.f64[epochAt] !== epoch) return; // started, or the host changed the VM meanwhile
  p.u8[block + U8_SP + c] += MIN_SP[b];
  p.u16[pcAt] = pc;
  p.u8[block + U8_STATE + c] = BLOCKED;
}

const CLOCK = CONTEXTS.indexOf('clock');

/** The clock context's operand stack as a new clock capsule leaves it: one 0 (SPEC: it persists between firings). */
export function restartClockStack(p: VmState['pool'], block: number): void {
  const slot = CLOCK * OPERAND_STACK_DEPTH;
  p.i16[((block + I16_VALUES) >> 1) + slot] = 0;
  p.u8[block + U8_TAGS + slot] = TAG_VALUE;
  p.u8[block + U8_SP + CLOCK] = 1;
}

/**
 * Stop the context, report the trap, light the error LEDs (they blink on each clock firing). A faulted
 * clock context's stack starts over as its capsule's install left it: the operands a trap left behind
 * would otherwise pile up firing after firing into a stack overflow that hides the first fault.
 */
function fault(s: VmState, c: number, pc: number, reason: TrapReason): void {
  const p = s.pool;
  const block = s.base;
  const capsule = p.capsules[s.index * CAPSULE_TYPES.length + p.u8[block + U8_CAPSULE + c]];
  p.u8[block + U8_STATE + c] = IDLE;
  if (c === CLOCK) restartClockStack(p, block);
  p.u8[block + U8_ERROR_BLINK] = 1;
  s.setLeds(ERROR_LEDS);
  s.host.trap({ t: s.host.now(), capsule: capsule?.name ?? '', pc, reason });
}
