// The bytecode interpreter: Maté's programming model (Levis & Culler, ASPLOS 2002; SPEC 7) run
// from the OPCODES table (vm/opcodes.ts) through the per-byte tables in vm/dispatch.ts.
//
// Costs. Every instruction is charged costTable(profile)[byte] exactly once, after dispatch (the
// line `cycles += cost[b]` below). Each figure's origin is the costNote column of vm/opcodes.ts:
// `lean` is the avr-gcc switch interpreter measured cycle-accurately (SPEC 7, second table);
// `mate` is lean + MATE_OVERHEAD (task-per-instruction, calibrated on `and` = 469) or the paper's
// own figure where it reports one (and 469, rand 435, sense 946 + the ADC's 396, send 20,000 +
// the radio's 665,000). Only data-dependent extras are charged inline: a taken branch
// (row.taken) and movm's payload copy (8 cycles a byte, SPEC 3 "byte copy"). Split-phase
// latencies belong to the hardware: the host starts them after the issuing instruction's cost
// and calls back when done, so issue-to-resume = dispatch cost + host latency.
//
// Scheduling is Maté's: ready contexts take turns one instruction at a time; a context alone
// runs without rescheduling. Faults never throw: the context stops and host.trap gets a record.

import { CAPSULE_TYPES, CONTEXTS, OPERAND_STACK_DEPTH, PAYLOAD_BYTES, RETURN_STACK_DEPTH } from './capsule.js';
import type { Capsule, CapsuleType, ContextName } from './capsule.js';
import { EMBED_MASK, HANDLER, instructionBoundaries, LENGTH, MAX_SP, MIN_SP, NUMERIC, TAKEN } from './dispatch.js';
import { formatInstruction } from './format.js';
import { formatOperand, snapshot, stackOf, type VmSnapshot } from './inspect.js';
import {
  BLOCKED, CONTEXT_COUNT, HEAP_BASE, IDLE, LAST_RECEIVED, MAX_SENSOR, Memory, RUNNING, SHARED_SLOT,
  TAG_MESSAGE, TAG_READING, TAG_VALUE, WAIT_SEND, WAIT_SENSE, WAITING,
} from './memory.js';
import { costTable, type CostProfile } from './opcodes.js';
import type { TrapReason, VmHost } from './host.js';

export interface VmOptions {
  profile?: CostProfile;
  /** Called before each instruction with its context, disassembly and the operand stack. */
  trace?: (line: string) => void;
}

/** Maté's default clock: once a second (SPEC 7). Hosts start with it; a new clock capsule restores it. */
export const DEFAULT_CLOCK_PERIOD_NS = 1_000_000_000;
/** The LEDs a fault lights, then toggles on every clock firing until new code arrives (Maté's error blink). */
export const ERROR_LEDS = 7;

const CLOCK = CONTEXTS.indexOf('clock');
const SEND = CONTEXTS.indexOf('send');
const RECEIVE = CONTEXTS.indexOf('receive');
const ONCE = CONTEXTS.indexOf('once');
/** Each context runs the capsule of its own name. */
const CONTEXT_CAPSULE = CONTEXTS.map((name) => CAPSULE_TYPES.indexOf(name));
const CLOCK_CAPSULE = CONTEXT_CAPSULE[CLOCK];
const ONCE_CAPSULE = CONTEXT_CAPSULE[ONCE];
/** A routed `send` goes toward the base station; the host's routing picks the hop. */
const BASE_STATION = 0;
const BYTE_COPY_CYCLES = 8;

/** How an instruction leaves the fast path: a trap (1 + index in TRAPS) or an effect. */
const TRAPS: readonly TrapReason[] = [
  'stack overflow', 'stack underflow', 'return stack overflow', 'bad opcode', 'bad jump',
  'type error', 'division by zero', 'bad message field', 'no such capsule', 'bad sensor', 'err',
];
const trapExit = (reason: TrapReason): number => 1 + TRAPS.indexOf(reason);
const X_OVERFLOW = trapExit('stack overflow');
const X_UNDERFLOW = trapExit('stack underflow');
const X_BAD_OPCODE = trapExit('bad opcode');
const X_BAD_JUMP = trapExit('bad jump');
const X_TYPE = trapExit('type error');
const X_DIVIDE = trapExit('division by zero');
const X_FIELD = trapExit('bad message field');
const X_NO_CAPSULE = trapExit('no such capsule');
const X_BAD_SENSOR = trapExit('bad sensor');
const X_ERR = trapExit('err');
const X_END = TRAPS.length + 1;
const X_LEDS = X_END + 1;
const X_CLOCK = X_END + 2;
const X_CALL = X_END + 3;
const X_RETURN = X_END + 4;
const X_SENSE = X_END + 5;
const X_SEND = X_END + 6;
const X_SENDR = X_END + 7;
const X_FORWARD = X_END + 8;

export class Vm {
  private readonly memory = new Memory();
  private readonly cost: Uint32Array;
  private readonly trace: ((line: string) => void) | undefined;
  private readonly capsules: (Capsule | undefined)[] = new Array<Capsule | undefined>(CAPSULE_TYPES.length);
  private readonly codes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(CAPSULE_TYPES.length);
  private readonly bounds: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(CAPSULE_TYPES.length);
  private cyclesTotal = 0;
  private instructionsTotal = 0;
  private leds = 0;
  private errorBlink = false;
  /** The context that took the last turn (round-robin). */
  private last = CONTEXT_COUNT - 1;
  /** Bumped by every call from outside; a host callback that changed the VM shows up here. */
  private epoch = 0;
  private executing = false;
  /** Source address of the last message delivered or forwarded to this mote. */
  private received = 0;

  constructor(
    private readonly host: VmHost,
    options: VmOptions = {},
  ) {
    this.cost = costTable(options.profile ?? 'mate');
    this.trace = options.trace;
  }

  /** Cycles charged since construction. */
  get cycles(): number {
    return this.cyclesTotal;
  }

  /** Instructions dispatched since construction (a refused split-phase retry counts each try). */
  get instructions(): number {
    return this.instructionsTotal;
  }

  /** Some context can run now (a blocked one retries on the next run()). */
  get ready(): boolean {
    const state = this.memory.state;
    for (let c = 0; c < CONTEXT_COUNT; c++) if (state[c] === RUNNING || state[c] === BLOCKED) return true;
    return false;
  }

  capsule(type: CapsuleType): Capsule | undefined {
    return this.capsules[CAPSULE_TYPES.indexOf(type)];
  }

  /**
   * Store a capsule, replacing the one of its type. Every context executing it or with it on its
   * return stack halts (its code is gone). A clock capsule empties the clock stack, pushes 0 and
   * restores the 1 s clock; a once capsule starts the once context. New code ends the error blink.
   */
  install(capsule: Capsule): void {
    const type = CAPSULE_TYPES.indexOf(capsule.type);
    if (type < 0) return;
    this.epoch++;
    const m = this.memory;
    const code = capsule.code.slice();
    this.capsules[type] = capsule;
    this.codes[type] = code;
    this.bounds[type] = instructionBoundaries(code);
    for (let c = 0; c < CONTEXT_COUNT; c++) {
      if (m.state[c] !== IDLE && this.uses(c, type)) m.state[c] = IDLE;
    }
    if (type === CLOCK_CAPSULE) {
      const base = CLOCK * OPERAND_STACK_DEPTH;
      m.values[base] = 0;
      m.tags[base] = TAG_VALUE;
      m.sp[CLOCK] = 1;
      this.host.setClockPeriod(DEFAULT_CLOCK_PERIOD_NS);
    }
    if (this.errorBlink) {
      this.errorBlink = false;
      this.setLeds(0);
    }
    if (type === ONCE_CAPSULE) this.start(ONCE);
  }

  /** The clock timer fired: start the clock context at 0, or restart it there if still running. */
  fireClock(): void {
    this.epoch++;
    if (this.errorBlink) this.setLeds(this.leds ^ ERROR_LEDS);
    this.start(CLOCK);
  }

  /** A message arrived: it becomes the last received message and, unless the receive context is busy (then it is dropped), that context's buffer and run. */
  deliver(payload: Uint8Array, length: number, source: number): void {
    this.epoch++;
    this.received = source;
    this.memory.load(LAST_RECEIVED, payload, length);
    if (this.memory.state[RECEIVE] === IDLE && this.start(RECEIVE)) this.memory.copyMessage(LAST_RECEIVED, RECEIVE);
  }

  /** A routed message to pass on: the send context gets it in its buffer and runs (dropped if busy). */
  forwardRouted(payload: Uint8Array, length: number, source: number): void {
    this.epoch++;
    this.received = source;
    if (this.memory.state[SEND] === IDLE && this.start(SEND)) this.memory.load(SEND, payload, length);
  }

  /** A sensor reading finished: the waiting context gets it, tagged with its sensor. */
  senseDone(context: ContextName, reading: number): void {
    this.epoch++;
    const c = CONTEXTS.indexOf(context);
    const m = this.memory;
    if (c < 0 || m.state[c] !== WAITING || m.wait[c] !== WAIT_SENSE || m.sp[c] >= OPERAND_STACK_DEPTH) return;
    const slot = c * OPERAND_STACK_DEPTH + m.sp[c]++;
    m.values[slot] = reading;
    m.tags[slot] = TAG_READING + m.waitSensor[c];
    m.state[c] = RUNNING;
  }

  /** A send or capsule broadcast finished. */
  sendDone(context: ContextName): void {
    this.epoch++;
    const c = CONTEXTS.indexOf(context);
    const m = this.memory;
    if (c >= 0 && m.state[c] === WAITING && m.wait[c] === WAIT_SEND) m.state[c] = RUNNING;
  }

  /** Power loss: contexts, stacks, heap, shared variable, LEDs and capsules are gone. */
  reboot(): void {
    this.epoch++;
    this.memory.clear();
    this.capsules.fill(undefined);
    this.codes.fill(undefined);
    this.bounds.fill(undefined);
    this.leds = 0;
    this.errorBlink = false;
    this.last = CONTEXT_COUNT - 1;
  }

  /** Run ready contexts until none is ready or budgetCycles are spent (overshoot: one instruction). */
  run(budgetCycles: number): number {
    return this.execute(budgetCycles, Infinity);
  }

  /** Execute exactly one instruction of the next ready context; returns its cycles. */
  step(): number {
    return this.execute(Infinity, 1);
  }

  /** A plain copy of the VM's state, for dashboards, tests and traces. */
  inspect(): VmSnapshot {
    return snapshot(this.memory, {
      leds: this.leds,
      lastSource: this.received,
      cycles: this.cyclesTotal,
      instructions: this.instructionsTotal,
    });
  }

  private start(c: number): boolean {
    const type = CONTEXT_CAPSULE[c];
    if (this.codes[type] === undefined) return false;
    const m = this.memory;
    m.capsule[c] = type;
    m.pc[c] = 0;
    m.rsp[c] = 0;
    m.wait[c] = 0;
    m.state[c] = RUNNING;
    if (c !== CLOCK) m.sp[c] = 0;
    return true;
  }

  private uses(c: number, type: number): boolean {
    const m = this.memory;
    if (m.capsule[c] === type) return true;
    for (let k = 0; k < m.rsp[c]; k++) if (m.returnCapsule[c * RETURN_STACK_DEPTH + k] === type) return true;
    return false;
  }

  private setLeds(leds: number): void {
    this.leds = leds & 7;
    this.host.setLeds(this.leds);
  }

  private execute(budget: number, maxSteps: number): number {
    if (this.executing) return 0; // a host callback called run(): refuse rather than nest
    this.executing = true;
    const before = this.cyclesTotal;
    try {
      this.interpret(before + budget, maxSteps);
    } finally {
      this.executing = false;
    }
    return this.cyclesTotal - before;
  }

  private interpret(limit: number, maxSteps: number): void {
    const m = this.memory;
    const state = m.state;
    for (let c = 0; c < CONTEXT_COUNT; c++) if (state[c] === BLOCKED) state[c] = RUNNING;
    const values = m.values;
    const tags = m.tags;
    const messages = m.messages;
    const messageLength = m.messageLength;
    const cost = this.cost;
    const trace = this.trace;
    const instructions = this.instructionsTotal;
    let cycles = this.cyclesTotal;
    let steps = 0;
    while (cycles < limit && steps < maxSteps) {
      // Round robin: the first ready context after the one that went last.
      let c = -1;
      let ready = 0;
      for (let k = 1; k <= CONTEXT_COUNT; k++) {
        const x = (this.last + k) % CONTEXT_COUNT;
        if (state[x] === RUNNING) {
          if (c < 0) c = x;
          ready++;
        }
      }
      if (c < 0) break;
      this.last = c;
      const code = this.codes[m.capsule[c]];
      const bounds = this.bounds[m.capsule[c]];
      if (code === undefined || bounds === undefined) {
        state[c] = IDLE;
        continue;
      }
      const len = code.length;
      const base = c * OPERAND_STACK_DEPTH;
      const message = c * PAYLOAD_BYTES;
      const stepLimit = ready === 1 ? maxSteps : steps + 1;
      let pc = m.pc[c];
      let sp = m.sp[c];
      for (;;) {
        if (pc >= len) {
          // Ran off the end: the context halts; no instruction, no charge.
          m.pc[c] = pc;
          m.sp[c] = sp;
          state[c] = IDLE;
          break;
        }
        const b = code[pc];
        if (trace !== undefined) this.traceInstruction(trace, c, code, pc, sp);
        let next = pc + LENGTH[b];
        let exit = 0;
        let arg = 0;
        const i = base + sp; // first free slot; the top is i - 1
        if (sp < MIN_SP[b]) exit = X_UNDERFLOW;
        else if (sp > MAX_SP[b]) exit = X_OVERFLOW;
        else if (next > len) exit = X_BAD_OPCODE; // its operand bytes are cut off
        else if (NUMERIC[b] !== 0 && (tags[i - 1] === TAG_MESSAGE || (NUMERIC[b] === 2 && tags[i - 2] === TAG_MESSAGE)))
          exit = X_TYPE;
        else {
          switch (HANDLER[b]) {
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
              tags[i] = tags[i - 1];
              sp++;
              break;
            case 4: // pop
              sp--;
              break;
            case 5: { // swap
              const v = values[i - 1];
              const t = tags[i - 1];
              values[i - 1] = values[i - 2];
              tags[i - 1] = tags[i - 2];
              values[i - 2] = v;
              tags[i - 2] = t;
              break;
            }
            case 6: // depth
              values[i] = sp;
              tags[i] = TAG_VALUE;
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
            case 10: { // jump
              const target = code[pc + 1];
              if (target >= len || bounds[target] === 0) exit = X_BAD_JUMP;
              else next = target;
              break;
            }
            case 11: // jumpc
            case 12: // blezw
            case 59: { // blez
              const handler = HANDLER[b];
              const value = values[i - 1];
              const taken = handler === 11 ? value !== 0 : value <= 0;
              if (!taken) {
                sp--;
                break;
              }
              const target = handler === 59 ? b & EMBED_MASK[b] : code[pc + 1];
              if (target >= len || bounds[target] === 0) exit = X_BAD_JUMP;
              else {
                sp--;
                next = target;
                cycles += TAKEN[b];
              }
              break;
            }
            case 13: // call
              exit = X_CALL;
              arg = b & EMBED_MASK[b];
              break;
            case 14: // and
              values[i - 2] &= values[i - 1];
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 15: // or
              values[i - 2] |= values[i - 1];
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 16: // not
              values[i - 1] = ~values[i - 1];
              tags[i - 1] = TAG_VALUE;
              break;
            case 17: { // shiftr: arithmetic; counts past 15 fill with the sign
              const n = values[i - 1] & 0xffff;
              values[i - 2] >>= n > 15 ? 15 : n;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            }
            case 18: { // shiftl: counts past 15 give 0
              const n = values[i - 1] & 0xffff;
              values[i - 2] = n > 15 ? 0 : values[i - 2] << n;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            }
            case 19: { // add: polymorphic (SPEC 7)
              const ta = tags[i - 2];
              const tb = tags[i - 1];
              if (ta === TAG_MESSAGE || tb === TAG_MESSAGE) {
                // Anything added to a message appends it as a little-endian word.
                const length = messageLength[c];
                if (ta === tb) exit = X_TYPE;
                else if (length + 2 > PAYLOAD_BYTES) exit = X_FIELD;
                else {
                  const word = ta === TAG_MESSAGE ? values[i - 1] : values[i - 2];
                  messages[message + length] = word;
                  messages[message + length + 1] = word >> 8;
                  messageLength[c] = length + 2;
                  values[i - 2] = c;
                  tags[i - 2] = TAG_MESSAGE;
                  sp--;
                }
              } else if (ta !== TAG_VALUE && tb !== TAG_VALUE && ta !== tb) {
                exit = X_TYPE; // readings of two different sensors
              } else {
                // value + value, or a reading adjusted by a value (or by a reading of its sensor)
                values[i - 2] += values[i - 1];
                tags[i - 2] = ta | tb;
                sp--;
              }
              break;
            }
            case 20: // sub
              values[i - 2] -= values[i - 1];
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 21: // inv
              values[i - 1] = -values[i - 1];
              tags[i - 1] = TAG_VALUE;
              break;
            case 22: // eq
              values[i - 2] = values[i - 2] === values[i - 1] ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 23: // neq
              values[i - 2] = values[i - 2] !== values[i - 1] ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 24: // lt
              values[i - 2] = values[i - 2] < values[i - 1] ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 25: // gt
              values[i - 2] = values[i - 2] > values[i - 1] ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 26: // lte
              values[i - 2] = values[i - 2] <= values[i - 1] ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 27: // gte
              values[i - 2] = values[i - 2] >= values[i - 1] ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 28: // mod: C's %, the sign follows the dividend
            case 29: { // div: truncated toward zero
              const divisor = values[i - 1];
              if (divisor === 0) {
                exit = X_DIVIDE;
                break;
              }
              values[i - 2] = HANDLER[b] === 28 ? values[i - 2] % divisor : (values[i - 2] / divisor) | 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            }
            case 30: // mul
              values[i - 2] = Math.imul(values[i - 2], values[i - 1]);
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 31: // abs
              values[i - 1] = Math.abs(values[i - 1]);
              tags[i - 1] = TAG_VALUE;
              break;
            case 32: // land
              values[i - 2] = values[i - 2] !== 0 && values[i - 1] !== 0 ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 33: // lor
              values[i - 2] = values[i - 2] !== 0 || values[i - 1] !== 0 ? 1 : 0;
              tags[i - 2] = TAG_VALUE;
              sp--;
              break;
            case 34: // lnot
              values[i - 1] = values[i - 1] === 0 ? 1 : 0;
              tags[i - 1] = TAG_VALUE;
              break;
            case 35: // rand
              values[i] = this.host.random16();
              tags[i] = TAG_VALUE;
              sp++;
              break;
            case 36: // pushb
              values[i] = code[pc + 1];
              tags[i] = TAG_VALUE;
              sp++;
              break;
            case 37: // pushw (the Int16Array store wraps 0x8000-0xffff to negatives)
              values[i] = code[pc + 1] | (code[pc + 2] << 8);
              tags[i] = TAG_VALUE;
              sp++;
              break;
            case 38: // id
              values[i] = this.host.moteId;
              tags[i] = TAG_VALUE;
              sp++;
              break;
            case 39: // gets
              values[i] = values[SHARED_SLOT];
              tags[i] = tags[SHARED_SLOT];
              sp++;
              break;
            case 40: // sets
              values[SHARED_SLOT] = values[i - 1];
              tags[SHARED_SLOT] = tags[i - 1];
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
              tags[i - 1] = TAG_VALUE;
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
              tags[i] = TAG_MESSAGE;
              sp++;
              break;
            case 47: // movm: the copy is a data-dependent extra
              cycles += BYTE_COPY_CYCLES * m.copyMessage(LAST_RECEIVED, c);
              values[i] = c;
              tags[i] = TAG_MESSAGE;
              sp++;
              break;
            case 48: // clear
              if (tags[i - 1] !== TAG_MESSAGE) exit = X_TYPE;
              else messageLength[c] = 0;
              break;
            case 49: // send
              if (tags[i - 1] !== TAG_MESSAGE) exit = X_TYPE;
              else exit = X_SEND;
              break;
            case 50: // sendr
              if (tags[i - 2] !== TAG_MESSAGE) exit = X_TYPE;
              else {
                exit = X_SENDR;
                arg = values[i - 1] & 0xffff;
              }
              break;
            case 51: // forw: the capsule this context is executing
              exit = X_FORWARD;
              arg = m.capsule[c];
              break;
            case 52: { // forwo
              const type = values[i - 1];
              if (type < 0 || type >= CAPSULE_TYPES.length || this.codes[type] === undefined) exit = X_NO_CAPSULE;
              else {
                exit = X_FORWARD;
                arg = type;
              }
              break;
            }
            case 53: // getms: 16-bit field n, bytes 2n and 2n + 1
            case 54: { // getmb: byte n
              const wide = HANDLER[b] === 53;
              const at = wide ? 2 * (b & EMBED_MASK[b]) : b & EMBED_MASK[b];
              if (tags[i - 1] !== TAG_MESSAGE) exit = X_TYPE;
              else if (at + (wide ? 2 : 1) > messageLength[c]) exit = X_FIELD;
              else {
                values[i - 1] = wide
                  ? messages[message + at] | (messages[message + at + 1] << 8)
                  : messages[message + at];
                tags[i - 1] = TAG_VALUE;
              }
              break;
            }
            case 55: // setms
            case 56: { // setmb: writing past the end extends the message, zero-filled
              const wide = HANDLER[b] === 55;
              const at = wide ? 2 * (b & EMBED_MASK[b]) : b & EMBED_MASK[b];
              const end = at + (wide ? 2 : 1);
              if (tags[i - 2] !== TAG_MESSAGE) {
                exit = X_TYPE;
                break;
              }
              if (end > messageLength[c]) {
                messages.fill(0, message + messageLength[c], message + at);
                messageLength[c] = end;
              }
              messages[message + at] = values[i - 1];
              if (wide) messages[message + at + 1] = values[i - 1] >> 8;
              sp--;
              break;
            }
            case 57: { // getvar
              const slot = HEAP_BASE + (b & EMBED_MASK[b]);
              values[i] = values[slot];
              tags[i] = tags[slot];
              sp++;
              break;
            }
            case 58: { // setvar
              const slot = HEAP_BASE + (b & EMBED_MASK[b]);
              values[slot] = values[i - 1];
              tags[slot] = tags[i - 1];
              sp--;
              break;
            }
            case 60: // pushc
              values[i] = b & EMBED_MASK[b];
              tags[i] = TAG_VALUE;
              sp++;
              break;
          }
        }
        cycles += cost[b]; // the one place an instruction is charged (see the top of this file)
        steps++;
        if (exit === 0) {
          pc = next;
          if (cycles < limit && steps < stepLimit) continue;
          m.pc[c] = pc;
          m.sp[c] = sp;
          break;
        }
        m.pc[c] = pc;
        m.sp[c] = sp;
        this.cyclesTotal = cycles;
        this.instructionsTotal = instructions + steps;
        this.leave(c, b, exit, arg, pc, next);
        break;
      }
    }
    this.cyclesTotal = cycles;
    this.instructionsTotal = instructions + steps;
  }

  /** The slow path: traps, host effects, calls and split-phase starts, after the charge. */
  private leave(c: number, b: number, exit: number, arg: number, pc: number, next: number): void {
    const m = this.memory;
    if (exit < X_END) {
      this.fault(c, pc, TRAPS[exit - 1]);
      return;
    }
    switch (exit) {
      case X_END:
        m.state[c] = IDLE;
        return;
      case X_LEDS: {
        // putled: low 3 bits pick the LEDs; bits 3-4: 0 set, 1 off, 2 on, 3 toggle.
        const pick = arg & 7;
        const operation = (arg >> 3) & 3;
        m.pc[c] = next;
        if (operation === 0) this.setLeds(pick);
        else if (operation === 1) this.setLeds(this.leds & ~pick);
        else if (operation === 2) this.setLeds(this.leds | pick);
        else this.setLeds(this.leds ^ pick);
        return;
      }
      case X_CLOCK:
        m.pc[c] = next;
        this.host.setClockPeriod(arg);
        return;
      case X_CALL: {
        const depth = m.rsp[c];
        if (this.codes[arg] === undefined) this.fault(c, pc, 'no such capsule');
        else if (depth >= RETURN_STACK_DEPTH) this.fault(c, pc, 'return stack overflow');
        else {
          m.returnCapsule[c * RETURN_STACK_DEPTH + depth] = m.capsule[c];
          m.returnPc[c * RETURN_STACK_DEPTH + depth] = next;
          m.rsp[c] = depth + 1;
          m.capsule[c] = arg;
          m.pc[c] = 0;
        }
        return;
      }
      case X_RETURN: {
        const depth = m.rsp[c];
        if (depth === 0) {
          m.state[c] = IDLE; // ret with nobody to return to ends the context
          return;
        }
        m.rsp[c] = depth - 1;
        m.capsule[c] = m.returnCapsule[c * RETURN_STACK_DEPTH + depth - 1];
        m.pc[c] = m.returnPc[c * RETURN_STACK_DEPTH + depth - 1];
        return;
      }
      default:
        this.startSplitPhase(c, b, exit, arg, pc, next);
    }
  }

  /**
   * sense, send, sendr, forw, forwo. The context pops its operands and waits; if the host is busy
   * it undoes that and blocks, to retry the same instruction on the next run().
   */
  private startSplitPhase(c: number, b: number, exit: number, arg: number, pc: number, next: number): void {
    const m = this.memory;
    const name = CONTEXTS[c];
    m.sp[c] -= MIN_SP[b];
    m.pc[c] = next;
    m.state[c] = WAITING;
    m.wait[c] = exit === X_SENSE ? WAIT_SENSE : WAIT_SEND;
    m.waitSensor[c] = exit === X_SENSE ? arg : 0;
    const epoch = ++this.epoch;
    let started: boolean;
    if (exit === X_SENSE) started = this.host.startSense(name, arg);
    else if (exit === X_FORWARD) started = this.host.startForward(name, arg);
    else started = this.host.startSend(name, exit === X_SEND ? BASE_STATION : arg, m.messageViews[c], m.messageLength[c], exit === X_SEND);
    if (started || this.epoch !== epoch) return; // started, or the host changed the VM meanwhile
    m.sp[c] += MIN_SP[b];
    m.pc[c] = pc;
    m.state[c] = BLOCKED;
  }

  /** Stop the context, report the trap, light the error LEDs (they blink on each clock firing). */
  private fault(c: number, pc: number, reason: TrapReason): void {
    const capsule = this.capsules[this.memory.capsule[c]];
    this.memory.state[c] = IDLE;
    this.errorBlink = true;
    this.setLeds(ERROR_LEDS);
    this.host.trap({ t: this.host.now(), capsule: capsule?.name ?? '', pc, reason });
  }

  private traceInstruction(trace: (line: string) => void, c: number, code: Uint8Array, pc: number, sp: number): void {
    const stack = stackOf(this.memory, c, sp).map(formatOperand).join(' ');
    trace(`${CONTEXTS[c].padEnd(8)}${formatInstruction(code, pc).text.padEnd(28)}[${stack}]`);
  }
}
