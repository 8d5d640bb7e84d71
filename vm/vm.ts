// The VM's public face: Maté's programming model (Levis & Culler, ASPLOS 2002; SPEC 7). Capsules
// are installed here and events start contexts here; interpret.ts runs them (costs: see the top of
// interpret.ts) and effects.ts reports faults as trap records. The host never sees an exception.
// The VM's RAM is a block in a VmPool (vm/pool.ts): its own, or one shared by a whole network.

import * as capsuleLimits from './capsule.js';
import type { Capsule, CapsuleType, ContextName } from './capsule.js';
import type { Tracer, VmHost } from './host.js';
import { snapshot, type VmSnapshot } from './inspect.js';
import { restartClockStack } from './effects.js';
import { interpret } from './interpret.js';
import * as memoryLayout from './memory.js';
import { costTable, type CostProfile } from './opcodes.js';
import * as blockLayout from './pool.js';
import { VmPool } from './pool.js';
import { sharedUsers } from './shared-use.js';
import * as vmState from './state.js';
import { VmState } from './state.js';

// Imported bindings are live, so V8 reloads one (and checks it is initialised) on every use;
// module-level consts fold into the compiled code. The hot paths read these copies.
const { CAPSULE_TYPES, CONTEXTS, OPERAND_STACK_DEPTH, RETURN_STACK_DEPTH } = capsuleLimits;
const {
  BLOCKED, CONTEXT_COUNT, IDLE, LAST_RECEIVED, RUNNING, TAG_READING, WAIT_SEND, WAIT_SENSE, WAITING,
} = memoryLayout;
const {
  F64_CYCLES, F64_EPOCH, F64_INSTRUCTIONS, F64_RECEIVED, I16_VALUES, I32_CODE, U16_PC, U8_CAPSULE,
  U8_ERROR_BLINK, U8_LAST, U8_LEDS, U8_RETURN_CAPSULE, U8_RSP, U8_SP, U8_STATE, U8_TAGS, U8_WAIT,
  U8_WAIT_SENSOR,
} = blockLayout;
const { ERROR_LEDS } = vmState;

export { ERROR_LEDS } from './state.js';
export { VmPool } from './pool.js';

export interface VmOptions {
  profile?: CostProfile;
  /** Called before each instruction with its context, disassembly and the operand stack. */
  trace?: Tracer;
  /** Keep the VM's RAM in this pool (one per network); default: a pool of its own. */
  pool?: VmPool;
}

/** Maté's default clock: once a second (SPEC 7). Hosts start with it; a new clock capsule restores it. */
export const DEFAULT_CLOCK_PERIOD_NS = 1_000_000_000;

const CLOCK = CONTEXTS.indexOf('clock');
const SEND = CONTEXTS.indexOf('send');
const RECEIVE = CONTEXTS.indexOf('receive');
const ONCE = CONTEXTS.indexOf('once');
/** Each context runs the capsule of its own name. */
const CONTEXT_CAPSULE = CONTEXTS.map((name) => CAPSULE_TYPES.indexOf(name));

/** One cost table per profile, shared by every VM (read-only). */
const COSTS = new Map<CostProfile, Uint32Array>();

function costsOf(profile: CostProfile): Uint32Array {
  let table = COSTS.get(profile);
  if (table === undefined) COSTS.set(profile, (table = costTable(profile)));
  return table;
}

export class Vm extends VmState {
  private executing = false;
  /** Bit c: context c's handler uses the heap or shared variable, so it runs holding the lock (shared-use.ts). */
  private locking = 0;
  /** Bit c: context c was started while another locking context was mid-run; it starts when that one ends. */
  private pending = 0;

  constructor(host: VmHost, options: VmOptions = {}) {
    const pool = options.pool ?? new VmPool();
    super(host, costsOf(options.profile ?? 'mate'), options.trace, pool, pool.allocate());
  }

  /** Cycles charged since construction. */
  get cycles(): number {
    return this.pool.f64[(this.base + F64_CYCLES) >> 3];
  }

  /** Instructions dispatched since construction (a refused split-phase retry counts each try). */
  get instructions(): number {
    return this.pool.f64[(this.base + F64_INSTRUCTIONS) >> 3];
  }

  /** Some context can run now (a blocked one retries on the next run()). */
  get ready(): boolean {
    const u8 = this.pool.u8;
    const at = this.base + U8_STATE;
    for (let c = 0; c < CONTEXT_COUNT; c++) if (u8[at + c] === RUNNING || u8[at + c] === BLOCKED) return true;
    return false;
  }

  /** The receive context is idle: a message delivered now starts it rather than being dropped. */
  get receiveIdle(): boolean {
    return this.idle(RECEIVE);
  }

  capsule(type: CapsuleType): Capsule | undefined {
    const t = CAPSULE_TYPES.indexOf(type);
    return t < 0 ? undefined : this.pool.capsules[this.index * CAPSULE_TYPES.length + t];
  }

  /**
   * Store a capsule, replacing the one of its type. Every context executing it or with it on its
   * return stack halts (its code is gone). A clock capsule empties the clock stack, pushes 0 and
   * restores the 1 s clock; a once capsule starts the once context. New code ends the error blink.
   */
  install(capsule: Capsule): void {
    const type = CAPSULE_TYPES.indexOf(capsule.type);
    if (type < 0) return;
    this.bumpEpoch();
    const p = this.pool;
    const b = this.base;
    const id = p.codeId(capsule.code);
    p.capsules[this.index * CAPSULE_TYPES.length + type] = capsule;
    p.i32[((b + I32_CODE) >> 2) + type] = id;
    for (let c = 0; c < CONTEXT_COUNT; c++) {
      if (p.u8[b + U8_STATE + c] !== IDLE && this.uses(c, type)) p.u8[b + U8_STATE + c] = IDLE;
      if (CONTEXT_CAPSULE[c] === type) this.pending &= ~(1 << c);
    }
    const users = sharedUsers(CAPSULE_TYPES.map((t) => this.capsule(t)?.code));
    this.locking = 0;
    for (let c = 0; c < CONTEXT_COUNT; c++) if ((users >> CONTEXT_CAPSULE[c]) & 1) this.locking |= 1 << c;
    if (type === CONTEXT_CAPSULE[CLOCK]) {
      restartClockStack(p, b);
      this.host.setClockPeriod(DEFAULT_CLOCK_PERIOD_NS);
    }
    if (this.pool.u8[b + U8_ERROR_BLINK] !== 0) {
      this.pool.u8[b + U8_ERROR_BLINK] = 0;
      this.setLeds(0);
    }
    if (type === CONTEXT_CAPSULE[ONCE]) this.start(ONCE);
    this.startPending();
  }

  /** The clock timer fired: start the clock context at 0, or restart it there if still running. */
  fireClock(): void {
    this.bumpEpoch();
    const u8 = this.pool.u8;
    if (u8[this.base + U8_ERROR_BLINK] !== 0) this.setLeds(u8[this.base + U8_LEDS] ^ ERROR_LEDS);
    this.start(CLOCK);
  }

  /**
   * A message arrived. It becomes the last received message (for movm) and, unless the receive
   * context is still busy with the previous one (then it is dropped there), that context's buffer.
   */
  deliver(payload: Uint8Array, length: number, source: number): void {
    const p = this.pool;
    this.bumpEpoch();
    p.f64[(this.base + F64_RECEIVED) >> 3] = source;
    p.load(this.index, LAST_RECEIVED, payload, length);
    if (this.idle(RECEIVE) && this.start(RECEIVE)) p.copyMessage(this.index, LAST_RECEIVED, RECEIVE);
  }

  /** A routed message to pass on: the send context gets it in its buffer and runs (dropped if busy). */
  forwardRouted(payload: Uint8Array, length: number, source: number): void {
    const p = this.pool;
    this.bumpEpoch();
    p.f64[(this.base + F64_RECEIVED) >> 3] = source;
    if (this.idle(SEND) && this.start(SEND)) p.load(this.index, SEND, payload, length);
  }

  /** A sensor reading finished: the waiting context gets it, tagged with its sensor. */
  senseDone(context: ContextName, reading: number): void {
    const p = this.pool;
    const b = this.base;
    const c = CONTEXTS.indexOf(context);
    this.bumpEpoch();
    if (c < 0 || p.u8[b + U8_STATE + c] !== WAITING || p.u8[b + U8_WAIT + c] !== WAIT_SENSE) return;
    const sp = p.u8[b + U8_SP + c];
    if (sp >= OPERAND_STACK_DEPTH) return;
    p.u8[b + U8_SP + c] = sp + 1;
    const slot = c * OPERAND_STACK_DEPTH + sp;
    p.i16[((b + I16_VALUES) >> 1) + slot] = reading;
    p.u8[b + U8_TAGS + slot] = TAG_READING + p.u8[b + U8_WAIT_SENSOR + c];
    p.u8[b + U8_STATE + c] = RUNNING;
  }

  /** A send or capsule broadcast finished. */
  sendDone(context: ContextName): void {
    const u8 = this.pool.u8;
    const b = this.base;
    const c = CONTEXTS.indexOf(context);
    this.bumpEpoch();
    if (c >= 0 && u8[b + U8_STATE + c] === WAITING && u8[b + U8_WAIT + c] === WAIT_SEND) u8[b + U8_STATE + c] = RUNNING;
  }

  /** Power loss: contexts, stacks, heap, shared variable, LEDs and capsules are gone. */
  reboot(): void {
    this.bumpEpoch();
    this.pool.clear(this.index);
    this.pool.u8[this.base + U8_LAST] = CONTEXT_COUNT - 1;
    this.locking = 0;
    this.pending = 0;
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
    const p = this.pool;
    return snapshot(p, this.base, {
      leds: p.u8[this.base + U8_LEDS],
      lastSource: p.f64[(this.base + F64_RECEIVED) >> 3],
      cycles: this.cycles,
      instructions: this.instructions,
    });
  }

  private execute(budget: number, maxSteps: number): number {
    if (this.executing) return 0; // a host callback called run(): refuse rather than nest
    this.executing = true;
    let spent = 0;
    try {
      spent = interpret(this, budget, maxSteps);
      // The lock's holder ended: the context waiting for it starts and runs on in what is left.
      while (this.startPending() && maxSteps === Infinity && spent < budget) spent += interpret(this, budget - spent, maxSteps);
    } finally {
      this.executing = false;
    }
    return spent;
  }

  private bumpEpoch(): void {
    this.pool.f64[(this.base + F64_EPOCH) >> 3]++;
  }

  /**
   * Start a context at 0 on its capsule, if installed. The clock keeps its operand stack. A context
   * that takes the lock waits (pending) while another that holds it is mid-run (ASVM, shared-use.ts).
   */
  private start(c: number): boolean {
    const type = CONTEXT_CAPSULE[c];
    const p = this.pool;
    const b = this.base;
    if (p.i32[((b + I32_CODE) >> 2) + type] === 0) return false;
    const u8 = p.u8;
    if ((this.locking >> c) & 1) {
      for (let d = 0; d < CONTEXT_COUNT; d++) {
        if (d !== c && (this.locking >> d) & 1 && u8[b + U8_STATE + d] !== IDLE) {
          this.pending |= 1 << c;
          return true;
        }
      }
    }
    this.pending &= ~(1 << c);
    u8[b + U8_CAPSULE + c] = type;
    p.u16[((b + U16_PC) >> 1) + c] = 0;
    u8[b + U8_RSP + c] = 0;
    u8[b + U8_WAIT + c] = 0;
    u8[b + U8_STATE + c] = RUNNING;
    if (c !== CLOCK) u8[b + U8_SP + c] = 0;
    return true;
  }

  /** Context c has no handler running or waiting to start. */
  private idle(c: number): boolean {
    return this.pool.u8[this.base + U8_STATE + c] === IDLE && ((this.pending >> c) & 1) === 0;
  }

  /** Starts the first context waiting for the lock, if no holder is mid-run now; true if one started. */
  private startPending(): boolean {
    if (this.pending === 0) return false; // the usual case, after every run
    for (let c = 0; c < CONTEXT_COUNT; c++) {
      if (((this.pending >> c) & 1) === 0) continue;
      if (!this.start(c)) {
        this.pending &= ~(1 << c); // its code is gone
        continue;
      }
      return ((this.pending >> c) & 1) === 0; // still pending: the holder is mid-run
    }
    return false;
  }

  /** Context c is executing this capsule type or will return into it. */
  private uses(c: number, type: number): boolean {
    const u8 = this.pool.u8;
    const b = this.base;
    if (u8[b + U8_CAPSULE + c] === type) return true;
    const depth = u8[b + U8_RSP + c];
    for (let k = 0; k < depth; k++) if (u8[b + U8_RETURN_CAPSULE + c * RETURN_STACK_DEPTH + k] === type) return true;
    return false;
  }
}
