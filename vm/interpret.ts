// The dispatch loop: Maté's round-robin over ready contexts (one instruction per turn; a context
// alone runs without rescheduling), each instruction decoded through the per-byte tables derived
// from the opcode table (vm/dispatch.ts) and executed by one case of a switch on its handler.
//
// Costs. Every instruction is charged costTable(profile)[byte] exactly once, after dispatch (the
// line `cycles += cost[b]` below). Each figure's origin is the costNote column of vm/opcodes.ts:
// `lean` is each instruction's own cycles on the firmware (firmware/, vm_exec measured on avr8js;
// vm/lean-costs.ts); `mate` is SPEC 7's lean figure + MATE_OVERHEAD (task-per-instruction,
// calibrated on `and` = 469) or the paper's own figure where it reports one (and 469, rand 435,
// sense 946 + the ADC's 396, send 20,000 + the radio's 665,000). Only data-dependent extras are
// charged inline: a taken branch (the profile's, at cost[TAKEN_OFFSET + byte]) and movm's payload copy (8 cycles a byte, SPEC 3 "byte copy"). Split-phase
// latencies belong to the hardware: the host starts them after the issuing instruction's cost
// and calls back when done, so issue-to-resume = dispatch cost + host latency.
//
// Speed: each capsule is decoded once into words (vm/dispatch.ts predecode) that carry the handler,
// length, stack bounds and operand, so an instruction costs one word read, a few shifts and the cost
// lookup; operands live in the VM's block of a pool (vm/pool.ts), indexed from a few bases computed
// once per call; pc and sp in locals; the switch has literal cases so V8 builds a jump table;
// anything that touches the host or changes the context leaves the loop through effects.ts after
// the charge, but for halt (it ends the context here) and putled (it sets the LEDs from here and
// carries on when it can: a clock capsule's usual last effect).

import * as capsuleLimits from './capsule.js';
import * as dispatchTables from './dispatch.js';
import * as exits from './effects.js';
import { traceLine } from './inspect.js';
import * as memoryLayout from './memory.js';
import * as blockLayout from './pool.js';
import type { VmState } from './state.js';

// Imported bindings are live, so V8 reloads one (and checks it is initialised) on every use; in
// this loop that cost a quarter of its speed. Module-level consts fold into the compiled code, so
// the loop reads these copies.
const { CAPSULE_TYPES, HEAP_WORDS, OPERAND_STACK_DEPTH, PAYLOAD_BYTES } = capsuleLimits;
const { END_OF_CODE, WORD_GROWS, WORD_HANDLER, WORD_LENGTH, WORD_NUMERIC, WORD_OPERAND, WORD_POPS } = dispatchTables;
const {
  leave, ledsAfter, X_BAD_JUMP, X_BAD_OPCODE, X_BAD_SENSOR, X_CALL, X_CLOCK, X_DIVIDE, X_END, X_ERR, X_FIELD, X_FORWARD,
  X_HEAP_INDEX, X_LEDS, X_NO_CAPSULE, X_OVERFLOW, X_RETURN, X_SEND, X_SENDR, X_SENSE, X_TYPE, X_UART, X_UNDERFLOW,
} = exits;
const {
  BLOCKED, CONTEXT_COUNT, HEAP_BASE, IDLE, LAST_RECEIVED, MAX_SENSOR, RUNNING, SHARED_SLOT, TAG_MESSAGE, TAG_VALUE,
} = memoryLayout;
const {
  F64_CYCLES, F64_EPOCH, F64_INSTRUCTIONS, F64_RECEIVED, I16_VALUES, I32_CODE, U16_PC, U8_CAPSULE, U8_LAST, U8_LEDS,
  U8_MESSAGE_LENGTH, U8_MESSAGES, U8_SP, U8_STATE, U8_TAGS,
} = blockLayout;

/** The most cycles or steps one turn counts in int32 before the loop takes stock. */
const TURN_MAX = 0x40000000;
/** movm's copy: SPEC 3, a byte copy is 8 cycles. */
const BYTE_COPY_CYCLES = 8;
/** The neighbour table of a host that has none. */
const NO_NEIGHBOURS: ArrayLike<number> = [];

/** Run ready contexts until budget cycles or maxSteps instructions; returns the cycles charged. See the top of this file. */
export function interpret(s: VmState, budget: number, maxSteps: number): number {
  const p = s.pool;
  const block = s.base;
  const cyclesAt = (block + F64_CYCLES) >> 3;
  const epochAt = (block + F64_EPOCH) >> 3;
  const instructionsAt = (block + F64_INSTRUCTIONS) >> 3;
  const stateAt = block + U8_STATE;
  for (let c = 0; c < CONTEXT_COUNT; c++) if (p.u8[stateAt + c] === BLOCKED) p.u8[stateAt + c] = RUNNING;
  // This VM's operand slot 0 in the int16 view, and the distance from a slot's value to its tag.
  const v0 = (block + I16_VALUES) >> 1;
  const td = block + U8_TAGS - v0;
  const codeAt = (block + I32_CODE) >> 2;
  const host = s.host;
  const cost = s.cost;
  const trace = s.trace;
  const instructions = p.f64[instructionsAt];
  const startCycles = p.f64[cyclesAt];
  const limit = startCycles + budget;
  let cycles = startCycles;
  let steps = 0;
  while (cycles < limit && steps < maxSteps) {
    // The views, read again after every exit: a host callback may have grown the pool.
    const u8 = p.u8;
    const values = p.i16;
    const tags = u8;
    // Round robin: the first ready context after the one that went last.
    const last = u8[block + U8_LAST];
    let c = -1;
    let ready = 0;
    for (let k = 1; k <= CONTEXT_COUNT; k++) {
      const x = last + k < CONTEXT_COUNT ? last + k : last + k - CONTEXT_COUNT;
      if (u8[stateAt + x] === RUNNING) {
        if (c < 0) c = x;
        ready++;
      }
    }
    if (c < 0) break;
    const scanned = p.f64[epochAt];
    u8[block + U8_LAST] = c;
    const id = p.i32[codeAt + u8[block + U8_CAPSULE + c]];
    const code = p.codes[id];
    const bounds = p.bounds[id];
    const words = p.decoded[id];
    if (code === undefined || bounds === undefined || words === undefined) {
      u8[stateAt + c] = IDLE;
      continue;
    }
    const len = code.length;
    const base = v0 + c * OPERAND_STACK_DEPTH;
    const message = block + U8_MESSAGES + c * PAYLOAD_BYTES;
    const lengthAt = block + U8_MESSAGE_LENGTH + c;
    const pcAt = ((block + U16_PC) >> 1) + c;
    const spAt = block + U8_SP + c;
    // This turn's allowance as small integers: the loop counts spent cycles and done steps up to
    // them (int compares; the float totals are brought up to date when the turn ends).
    const turnCycles = cycles;
    const turnSteps = steps;
    const cycleRoom = Math.min(Math.ceil(limit - cycles), TURN_MAX) | 0;
    const stepRoom = ready === 1 ? Math.min(maxSteps - steps, TURN_MAX) | 0 : 1;
    let spent = 0;
    let done = 0;
    let halted = false;
    let pc = p.u16[pcAt];
    let sp = u8[spAt];
    run: for (;;) {
      // One decoded word (vm/dispatch.ts predecode) holds everything the checks and the handler need.
      const word = words[pc];
      const b = word & 0xff;
      const handler = (word >> WORD_HANDLER) & 0x7f;
      const operand = word >> WORD_OPERAND;
      const numeric = (word >> WORD_NUMERIC) & 3;
      if (trace !== undefined && handler !== END_OF_CODE) trace(traceLine(p, block, c, code, pc, sp), CAPSULE_TYPES[u8[block + U8_CAPSULE + c]], pc);
      let next = pc + ((word >> WORD_LENGTH) & 3);
      let exit = 0;
      let arg = 0;
      const i = base + sp; // first free slot; the top is i - 1
      if (sp < ((word >> WORD_POPS) & 3)) exit = X_UNDERFLOW;
      else if (sp > OPERAND_STACK_DEPTH - ((word >> WORD_GROWS) & 1)) exit = X_OVERFLOW;
      else if (numeric !== 0 && (tags[td + i - 1] === TAG_MESSAGE || (numeric === 2 && tags[td + i - 2] === TAG_MESSAGE)))
        exit = X_TYPE;
      else {
        switch (handler) {
          case 69: // END_OF_CODE: ran off the end; the context halts; no instruction, no charge
            p.u16[pcAt] = pc;
            u8[spAt] = sp;
            u8[stateAt + c] = IDLE;
            break run;
          case 68: // CUT_OFF: its operand bytes are cut off
          case 0: // not an opcode
            exit = X_BAD_OPCODE;
            break;
          case 1: // halt
            exit = X_END;
            break;
          case 2: // reset
            sp = 0;
            break;
          case 3: // copy
            values[i] = values[i - 1];
            tags[td + i] = tags[td + i - 1];
            sp++;
            break;
          case 4: // pop
            sp--;
            break;
          case 5: { // swap
            const v = values[i - 1];
            const t = tags[td + i - 1];
            values[i - 1] = values[i - 2];
            tags[td + i - 1] = tags[td + i - 2];
            values[i - 2] = v;
            tags[td + i - 2] = t;
            break;
          }
          case 6: // depth
            values[i] = sp;
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 7: // err
            exit = X_ERR;
            break;
          case 8: // ret
            exit = X_RETURN;
            break;
          case 9: { // jumps
            const target = values[i - 1];
            if (target < 0 || target >= len || bounds[target] === 0) exit = X_BAD_JUMP;
            else {
              sp--;
              next = target;
            }
            break;
          }
          case 10: // jump (operand -1: not an instruction start)
            if (operand < 0) exit = X_BAD_JUMP;
            else next = operand;
            break;
          case 11: // jumpc
          case 12: // blezw
          case 59: { // blez
            const value = values[i - 1];
            const taken = handler === 11 ? value !== 0 : value <= 0;
            if (!taken) {
              sp--;
              break;
            }
            if (operand < 0) exit = X_BAD_JUMP;
            else {
              sp--;
              next = operand;
              spent += cost[256 + b]; // TAKEN_OFFSET: the profile's taken extra
            }
            break;
          }
          case 13: // call
            exit = X_CALL;
            arg = operand;
            break;
          case 14: // and
            values[i - 2] &= values[i - 1];
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 15: // or
            values[i - 2] |= values[i - 1];
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 16: // not
            values[i - 1] = ~values[i - 1];
            tags[td + i - 1] = TAG_VALUE;
            break;
          case 17: { // shiftr: arithmetic; counts past 15 fill with the sign
            const n = values[i - 1] & 0xffff;
            values[i - 2] >>= n > 15 ? 15 : n;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          }
          case 18: { // shiftl: counts past 15 give 0
            const n = values[i - 1] & 0xffff;
            values[i - 2] = n > 15 ? 0 : values[i - 2] << n;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          }
          case 19: { // add: polymorphic (SPEC 7)
            const ta = tags[td + i - 2];
            const tb = tags[td + i - 1];
            if (ta === TAG_MESSAGE || tb === TAG_MESSAGE) {
              // Anything added to a message appends it as a little-endian word.
              const length = u8[lengthAt];
              if (ta === tb) exit = X_TYPE;
              else if (length + 2 > PAYLOAD_BYTES) exit = X_FIELD;
              else {
                const appended = ta === TAG_MESSAGE ? values[i - 1] : values[i - 2];
                u8[message + length] = appended;
                u8[message + length + 1] = appended >> 8;
                u8[lengthAt] = length + 2;
                values[i - 2] = c;
                tags[td + i - 2] = TAG_MESSAGE;
                sp--;
              }
            } else if (ta !== TAG_VALUE && tb !== TAG_VALUE && ta !== tb) {
              exit = X_TYPE; // readings of two different sensors
            } else {
              // value + value, or a reading adjusted by a value (or by a reading of its sensor)
              values[i - 2] += values[i - 1];
              tags[td + i - 2] = ta | tb;
              sp--;
            }
            break;
          }
          case 20: // sub
            values[i - 2] -= values[i - 1];
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 21: // inv
            values[i - 1] = -values[i - 1];
            tags[td + i - 1] = TAG_VALUE;
            break;
          case 22: // eq
            values[i - 2] = values[i - 2] === values[i - 1] ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 23: // neq
            values[i - 2] = values[i - 2] !== values[i - 1] ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 24: // lt
            values[i - 2] = values[i - 2] < values[i - 1] ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 25: // gt
            values[i - 2] = values[i - 2] > values[i - 1] ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 26: // lte
            values[i - 2] = values[i - 2] <= values[i - 1] ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 27: // gte
            values[i - 2] = values[i - 2] >= values[i - 1] ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 28: // mod: C's %, the sign follows the dividend
          case 29: { // div: truncated toward zero
            const divisor = values[i - 1];
            if (divisor === 0) {
              exit = X_DIVIDE;
              break;
            }
            values[i - 2] = handler === 28 ? values[i - 2] % divisor : (values[i - 2] / divisor) | 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          }
          case 30: // mul
            values[i - 2] = Math.imul(values[i - 2], values[i - 1]);
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 31: // abs
            values[i - 1] = Math.abs(values[i - 1]);
            tags[td + i - 1] = TAG_VALUE;
            break;
          case 32: // land
            values[i - 2] = values[i - 2] !== 0 && values[i - 1] !== 0 ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 33: // lor
            values[i - 2] = values[i - 2] !== 0 || values[i - 1] !== 0 ? 1 : 0;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          case 34: // lnot
            values[i - 1] = values[i - 1] === 0 ? 1 : 0;
            tags[td + i - 1] = TAG_VALUE;
            break;
          case 35: // rand
            values[i] = host.random16();
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 36: // pushb
            values[i] = operand;
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 37: // pushw: its word does not fit a decoded operand (the Int16Array store wraps 0x8000-0xffff)
            values[i] = code[pc + 1] | (code[pc + 2] << 8);
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 38: // id
            values[i] = host.moteId;
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 39: // gets
            values[i] = values[v0 + SHARED_SLOT];
            tags[td + i] = tags[td + v0 + SHARED_SLOT];
            sp++;
            break;
          case 40: // sets
            values[v0 + SHARED_SLOT] = values[i - 1];
            tags[td + v0 + SHARED_SLOT] = tags[td + i - 1];
            sp--;
            break;
          case 41: // putled
            exit = X_LEDS;
            arg = values[i - 1];
            sp--;
            break;
          case 42: { // sense
            const sensor = values[i - 1];
            if (sensor < 0 || sensor > MAX_SENSOR) exit = X_BAD_SENSOR;
            else {
              exit = X_SENSE;
              arg = sensor;
            }
            break;
          }
          case 43: // cast
            tags[td + i - 1] = TAG_VALUE;
            break;
          case 44: { // clockf: n firings a second
            const n = values[i - 1] & 0xffff;
            exit = X_CLOCK;
            arg = n === 0 ? 0 : Math.floor(1e9 / n);
            sp--;
            break;
          }
          case 45: // clockc: every n binary milliseconds (1/1024 s)
            exit = X_CLOCK;
            arg = Math.floor(((values[i - 1] & 0xffff) * 1e9) / 1024);
            sp--;
            break;
          case 46: // pushm
            values[i] = c;
            tags[td + i] = TAG_MESSAGE;
            sp++;
            break;
          case 47: // movm: the copy is a data-dependent extra
            spent += BYTE_COPY_CYCLES * p.copyMessage(s.index, LAST_RECEIVED, c);
            values[i] = c;
            tags[td + i] = TAG_MESSAGE;
            sp++;
            break;
          case 48: // clear
            if (tags[td + i - 1] !== TAG_MESSAGE) exit = X_TYPE;
            else u8[lengthAt] = 0;
            break;
          case 49: // send
            if (tags[td + i - 1] !== TAG_MESSAGE) exit = X_TYPE;
            else exit = X_SEND;
            break;
          case 50: // sendr
            if (tags[td + i - 2] !== TAG_MESSAGE) exit = X_TYPE;
            else {
              exit = X_SENDR;
              arg = values[i - 1] & 0xffff;
            }
            break;
          case 51: // forw: the capsule this context is executing
            exit = X_FORWARD;
            arg = u8[block + U8_CAPSULE + c];
            break;
          case 52: { // forwo
            const type = values[i - 1];
            if (type < 0 || type >= CAPSULE_TYPES.length || p.i32[codeAt + type] === 0) exit = X_NO_CAPSULE;
            else {
              exit = X_FORWARD;
              arg = type;
            }
            break;
          }
          case 53: // getms: 16-bit field n, bytes 2n and 2n + 1
          case 54: { // getmb: byte n
            const wide = handler === 53;
            const at = wide ? 2 * operand : operand;
            if (tags[td + i - 1] !== TAG_MESSAGE) exit = X_TYPE;
            else if (at + (wide ? 2 : 1) > u8[lengthAt]) exit = X_FIELD;
            else {
              values[i - 1] = wide
                ? u8[message + at] | (u8[message + at + 1] << 8)
                : u8[message + at];
              tags[td + i - 1] = TAG_VALUE;
            }
            break;
          }
          case 55: // setms
          case 56: { // setmb: writing past the end extends the message, zero-filled
            const wide = handler === 55;
            const at = wide ? 2 * operand : operand;
            const end = at + (wide ? 2 : 1);
            if (tags[td + i - 2] !== TAG_MESSAGE) {
              exit = X_TYPE;
              break;
            }
            if (end > u8[lengthAt]) {
              u8.fill(0, message + u8[lengthAt], message + at);
              u8[lengthAt] = end;
            }
            u8[message + at] = values[i - 1];
            if (wide) u8[message + at + 1] = values[i - 1] >> 8;
            sp--;
            break;
          }
          case 57: { // getvar
            const slot = v0 + HEAP_BASE + operand;
            values[i] = values[slot];
            tags[td + i] = tags[td + slot];
            sp++;
            break;
          }
          case 58: { // setvar
            const slot = v0 + HEAP_BASE + operand;
            values[slot] = values[i - 1];
            tags[td + slot] = tags[td + i - 1];
            sp--;
            break;
          }
          case 60: // pushc
            values[i] = operand;
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 61: // msrc
            values[i] = p.f64[(block + F64_RECEIVED) >> 3];
            tags[td + i] = TAG_VALUE;
            sp++;
            break;
          case 62: // nbrs
            values[i - 1] = (host.neighbours?.(values[i - 1]) ?? NO_NEIGHBOURS).length;
            tags[td + i - 1] = TAG_VALUE;
            break;
          case 63: { // nbr: pop d, pop i
            const table = host.neighbours?.(values[i - 1]) ?? NO_NEIGHBOURS;
            const k = values[i - 2];
            values[i - 2] = k >= 0 && k < table.length ? table[k] : -1;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          }
          case 64: { // nbri: pop d, pop an id
            const table = host.neighbours?.(values[i - 1]) ?? NO_NEIGHBOURS;
            const id = values[i - 2];
            let k = table.length - 1;
            while (k >= 0 && (table[k] << 16) >> 16 !== id) k--; // ids compare as 16-bit values
            values[i - 2] = k;
            tags[td + i - 2] = TAG_VALUE;
            sp--;
            break;
          }
          case 65: // uart
            if (tags[td + i - 1] !== TAG_MESSAGE) exit = X_TYPE;
            else {
              exit = X_UART;
              sp--;
            }
            break;
          case 66: { // getvi
            const n = values[i - 1];
            if (n < 0 || n >= HEAP_WORDS) exit = X_HEAP_INDEX;
            else {
              values[i - 1] = values[v0 + HEAP_BASE + n];
              tags[td + i - 1] = tags[td + v0 + HEAP_BASE + n];
            }
            break;
          }
          case 67: { // setvi: pop n, pop a value
            const n = values[i - 1];
            if (n < 0 || n >= HEAP_WORDS) exit = X_HEAP_INDEX;
            else {
              values[v0 + HEAP_BASE + n] = values[i - 2];
              tags[td + v0 + HEAP_BASE + n] = tags[td + i - 2];
              sp -= 2;
            }
            break;
          }
        }
      }
      spent += cost[b]; // the one place an instruction is charged (see the top of this file)
      done++;
      if (exit === 0) {
        pc = next;
        if (spent < cycleRoom && done < stepRoom) continue;
        p.u16[pcAt] = pc;
        u8[spAt] = sp;
        break;
      }
      p.u16[pcAt] = pc;
      u8[spAt] = sp;
      if (exit === X_END) {
        // halt: the context ends, with nothing for the host to do. If it was the only one ready and
        // nothing has called into the VM since (the epoch would have moved), none is left to run.
        u8[stateAt + c] = IDLE;
        halted = ready === 1 && p.f64[epochAt] === scanned;
        break;
      }
      p.f64[cyclesAt] = turnCycles + spent;
      p.f64[instructionsAt] = instructions + turnSteps + done;
      const epoch = p.f64[epochAt];
      if (exit === X_LEDS) {
        p.u16[pcAt] = next;
        s.setLeds(ledsAfter(u8[block + U8_LEDS], arg));
      } else leave(s, c, b, exit, arg, pc, next);
      // putled touched only the LEDs: unless the host called back into the VM (its epoch moved) or
      // grew the pool, carry on here; the round robin would pick this context again anyway.
      if (exit === X_LEDS && p.f64[epochAt] === epoch && p.u8 === u8 && spent < cycleRoom && done < stepRoom) {
        pc = next;
        continue;
      }
      break;
    }
    cycles = turnCycles + spent;
    steps = turnSteps + done;
    if (halted) break;
  }
  p.f64[cyclesAt] = cycles;
  p.f64[instructionsAt] = instructions + steps;
  return cycles - startCycles;
}
