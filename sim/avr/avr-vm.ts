// The VM as AVR machine code: firmware/build/mote.hex running on avr8js's ATmega128 (wokwi/avr8js),
// behind the same surface as vm/vm.ts's Vm, so a host drives either alike. Host events (install, a
// message, the clock, the end of a sense or a send) are written to the mailbox and raised as
// interrupts (INT0; TIMER1 COMPA for the clock) at an instruction boundary of the VM; the firmware's
// effects ring the doorbell (sim/avr/layout.ts, firmware/README.md) and are answered at once. Cycles are
// the CPU's own, counted as avr8js counts them (sim/avr/core.ts runs its instructions): nothing here is a table. The firmware pauses in vm_pick, between
// two VM instructions; it counts one instruction at each entry of vm_exec. A firmware fault (its stack
// into the statics, a runaway, anything avr8js throws) becomes a 'firmware fault' trap with the AVR's
// pc, and this mote stops until it reboots: nothing reaches the host as an exception.

import { CPU } from 'avr8js';
import { CAPSULE_TYPES, CONTEXTS, PAYLOAD_BYTES, type Capsule, type CapsuleType, type ContextName } from '../../vm/capsule.js';
import type { TrapReason, VmHost } from '../../vm/host.js';
import { snapshot, type VmSnapshot } from '../../vm/inspect.js';
import { BLOCKED, CONTEXT_COUNT, IDLE, RUNNING, SLOTS } from '../../vm/memory.js';
import { TRAPS } from '../../vm/effects.js';
import {
  I16_VALUES, U16_PC, U16_RETURN_PC, U8_CAPSULE, U8_MESSAGE_LENGTH, U8_MESSAGES, U8_RETURN_CAPSULE, U8_RSP, U8_SP, U8_STATE, U8_TAGS,
  VmPool,
} from '../../vm/pool.js';
import { sharedUsers } from '../../vm/shared-use.js';
import { DEFAULT_CLOCK_PERIOD_NS } from '../../vm/vm.js';
import { AvrCore } from './core.js';
import { firmwareImage, type FirmwareImage } from './image.js';
import {
  CLOCK_MODES, CLOCK_VECTOR, DOORBELL_ADDRESS, EFFECTS, EVENT_VECTOR, EVENTS, LED_PORT_ADDRESS, MAILBOX, MAILBOX_ADDRESS,
  NEIGHBOUR_QUERIES, offsets, VM_RAM, VM_RAM_ADDRESS,
} from './layout.js';

/** ATmega128: 4 KB of SRAM (SPEC 1). */
const SRAM_BYTES = 4096;
/** AVR SLEEP. */
const SLEEP_OPCODE = 0x9588;
/** The watchdog: this many cycles without reaching an instruction boundary or sleep is a runaway (0.25 s at 4 MHz). */
export const WATCHDOG_CYCLES = 1_000_000;
/** ATmega128 interrupt flags and enables as avr8js wants them: EIFR/EIMSK bit 0 (INT0), TIFR/TIMSK bit 4 (OCF1A/OCIE1A). */
const EVENT_INTERRUPT = { address: EVENT_VECTOR, flagRegister: 0x58, flagMask: 1, enableRegister: 0x59, enableMask: 1 };
const CLOCK_INTERRUPT = { address: CLOCK_VECTOR, flagRegister: 0x56, flagMask: 0x10, enableRegister: 0x57, enableMask: 0x10 };

const MB = offsets(MAILBOX);
const RAM = offsets(VM_RAM);
const mb = (name: string): number => MAILBOX_ADDRESS + MB[name];
const ram = (name: string): number => VM_RAM_ADDRESS + RAM[name];
const CONTEXT_CAPSULE = CONTEXTS.map((name) => CAPSULE_TYPES.indexOf(name));

export interface AvrVmOptions {
  image?: FirmwareImage;
  /** Execute with sim/avr/core.ts's decoded instructions (default) or with avr8js's avrInstruction alone. */
  decoded?: boolean;
}

export class AvrVm {
  readonly cpu: CPU;
  private readonly core: AvrCore;
  private readonly execPc: number;
  private readonly pickPc: number;
  private readonly sleepPc: number;
  private readonly bssEnd: number;
  private readonly capsules: (Capsule | undefined)[] = new Array(CAPSULE_TYPES.length).fill(undefined);
  /** Events written to the mailbox one at a time: each loads it and raises its interrupt. */
  private readonly queue: (() => void)[] = [];
  private inFlight = false;
  private executing = false;
  private dead = false;
  private booted = false;
  private count = 0;
  /** When the event in flight was raised (cycles). */
  private raisedAt = 0;
  /** Cycles run outside run() (events, boot), charged by the next run(). */
  private owed = 0;
  private readonly pool = new VmPool();

  constructor(readonly host: VmHost, options: AvrVmOptions = {}) {
    const image = options.image ?? firmwareImage();
    this.cpu = new CPU(image.flash, SRAM_BYTES);
    this.execPc = image.record.vmExecWord;
    this.pickPc = image.record.vmPickWord;
    this.bssEnd = image.record.bssEnd;
    this.sleepPc = image.flash.indexOf(SLEEP_OPCODE);
    this.core = new AvrCore(this.cpu, { decoded: options.decoded });
    // The hot loop (core.run) stops where spin() looks: between VM instructions, at vm_exec, at SLEEP, and
    // after the doorbell (then the queue and the acknowledgement need a look).
    for (const pc of [this.execPc, this.pickPc, this.sleepPc]) this.core.watch(pc);
    this.cpu.writeHooks[DOORBELL_ADDRESS] = (value) => {
      this.core.stopped = true;
      this.effect(value);
      return true;
    };
    this.cpu.writeHooks[LED_PORT_ADDRESS] = (value) => {
      this.host.setLeds(value & 7);
      return false;
    };
    this.pool.allocate();
    this.boot();
  }

  /** CPU cycles executed since construction (awake; sleeping costs none). */
  get cycles(): number {
    return this.cpu.cycles;
  }

  /** VM instructions begun since construction (entries of vm_exec). */
  get instructions(): number {
    return this.count;
  }

  /** Whether the firmware died (a 'firmware fault' trap); it stays so until reboot(). */
  get faulted(): boolean {
    return this.dead;
  }

  get ready(): boolean {
    if (this.dead) return false;
    for (let c = 0; c < CONTEXT_COUNT; c++) {
      const s = this.cpu.data[ram('state') + c];
      if (s === RUNNING || s === BLOCKED) return true;
    }
    return false;
  }

  get receiveIdle(): boolean {
    const c = CONTEXTS.indexOf('receive');
    const d = this.cpu.data;
    return !this.dead && d[ram('state') + c] === IDLE && ((d[ram('pending')] >> c) & 1) === 0;
  }

  capsule(type: CapsuleType): Capsule | undefined {
    return this.capsules[CAPSULE_TYPES.indexOf(type)];
  }

  install(capsule: Capsule): void {
    const type = CAPSULE_TYPES.indexOf(capsule.type);
    if (type < 0) return;
    this.capsules[type] = capsule;
    const users = sharedUsers(this.capsules.map((c) => c?.code));
    let locking = 0;
    for (let c = 0; c < CONTEXT_COUNT; c++) if ((users >> CONTEXT_CAPSULE[c]) & 1) locking |= 1 << c;
    this.event(() => {
      this.cpu.data[mb('type')] = type;
      this.cpu.data[mb('locking')] = locking;
      this.writeData(capsule.code, capsule.code.length);
      return EVENTS.install;
    });
  }

  fireClock(): void {
    this.event(() => 0);
  }

  deliver(payload: Uint8Array, length: number, source: number): void {
    this.message(EVENTS.deliver, payload, length, source);
  }

  forwardRouted(payload: Uint8Array, length: number, source: number): void {
    this.message(EVENTS.forwardRouted, payload, length, source);
  }

  senseDone(context: ContextName, reading: number): void {
    this.event(() => {
      this.cpu.data[mb('context')] = CONTEXTS.indexOf(context) & 0xff;
      this.setWord(mb('value'), reading);
      return EVENTS.senseDone;
    });
  }

  sendDone(context: ContextName): void {
    this.event(() => {
      this.cpu.data[mb('context')] = CONTEXTS.indexOf(context) & 0xff;
      return EVENTS.sendDone;
    });
  }

  /** Power loss: the CPU resets and boots again; RAM and capsules are gone, counters stay. */
  reboot(): void {
    this.queue.length = 0;
    this.inFlight = false;
    this.capsules.fill(undefined);
    this.cpu.reset();
    this.cpu.data.fill(0);
    this.dead = false;
    this.boot();
  }

  /** Run until no context is ready or budgetCycles are spent (then at the next instruction boundary). */
  run(budgetCycles: number): number {
    return this.execute(budgetCycles, Infinity);
  }

  /** Execute one VM instruction of the next ready context; returns the cycles spent. */
  step(): number {
    return this.execute(Infinity, 1);
  }

  inspect(): VmSnapshot {
    const d = this.cpu.data;
    const p = this.pool;
    const word = (at: number): number => d[at] | (d[at + 1] << 8);
    for (let c = 0; c < CONTEXT_COUNT; c++) {
      p.u8[U8_STATE + c] = d[ram('state') + c];
      p.u16[(U16_PC >> 1) + c] = word(ram('pc') + 2 * c);
      p.u8[U8_SP + c] = d[ram('sp') + c];
      p.u8[U8_RSP + c] = d[ram('rsp') + c];
      p.u8[U8_CAPSULE + c] = d[ram('capsule') + c];
    }
    for (let k = 0; k < CONTEXT_COUNT * 8; k++) {
      p.u8[U8_RETURN_CAPSULE + k] = d[ram('retCapsule') + k];
      p.u16[(U16_RETURN_PC >> 1) + k] = word(ram('retPc') + 2 * k);
    }
    for (let s = 0; s < SLOTS; s++) {
      p.i16[(I16_VALUES >> 1) + s] = word(ram('values') + 2 * s);
      p.u8[U8_TAGS + s] = d[ram('tags') + s];
    }
    for (let m = 0; m <= CONTEXT_COUNT; m++) p.u8[U8_MESSAGE_LENGTH + m] = d[ram('msgLength') + m];
    p.u8.set(d.subarray(ram('msg'), ram('msg') + (CONTEXT_COUNT + 1) * PAYLOAD_BYTES), U8_MESSAGES);
    return snapshot(p, 0, { leds: d[ram('leds')], lastSource: word(ram('lastSource')), cycles: this.cycles, instructions: this.instructions });
  }

  // --- the CPU ------------------------------------------------------------------------------------

  private boot(): void {
    this.setWord(mb('moteId'), this.host.moteId);
    this.booted = false;
    this.spin(Infinity, Infinity);
    if (!this.booted && !this.dead) this.fault('firmware did not boot');
  }

  private message(kind: number, payload: Uint8Array, length: number, source: number): void {
    const n = Math.max(0, Math.min(Math.trunc(length) || 0, payload.length, PAYLOAD_BYTES));
    const bytes = payload.slice(0, n); // the host may reuse its buffer before the event is raised
    this.event(() => {
      this.setWord(mb('value'), source);
      this.writeData(bytes, n);
      return kind;
    });
  }

  /** Queue an event (load returns its INT0 kind, or 0 for the clock's timer); raise it now unless the CPU is running. */
  private event(load: () => number): void {
    if (this.dead) return;
    this.queue.push(() => {
      const kind = load();
      this.cpu.data[mb('event')] = kind;
      this.cpu.queueInterrupt(kind === 0 ? CLOCK_INTERRUPT : EVENT_INTERRUPT);
      this.inFlight = true;
      this.raisedAt = this.cpu.cycles;
      this.cpu.tick(); // taken at this instruction boundary
    });
    if (this.executing) return;
    const before = this.cpu.cycles;
    this.spin(-1, Infinity);
    this.owed += this.cpu.cycles - before;
  }

  private execute(budget: number, maxSteps: number): number {
    if (this.executing || this.dead) return 0;
    const d = this.cpu.data;
    let blocked = false;
    for (let c = 0; c < CONTEXT_COUNT; c++) if (d[ram('state') + c] === BLOCKED) blocked = true;
    if (blocked) this.event(() => EVENTS.unblock);
    const start = this.cpu.cycles;
    this.spin(start + budget, maxSteps);
    const spent = this.cpu.cycles - start + this.owed;
    this.owed = 0;
    return spent;
  }

  /**
   * Execute AVR instructions. Stops at vm_pick once `until` cycles have passed or `maxSteps` VM
   * instructions have begun; when the CPU sleeps with nothing queued; or, with `until` < 0, as soon as
   * every queued event is acknowledged.
   */
  private spin(until: number, maxSteps: number): void {
    const cpu = this.cpu;
    const { execPc, pickPc, sleepPc } = this;
    const taskCountAt = ram('taskCount');
    const tracer = this.tracer;
    let steps = 0;
    let progress = cpu.cycles;
    this.executing = true;
    try {
      for (;;) {
        if (!this.inFlight && this.queue.length > 0) (this.queue.shift() as () => void)();
        if (until < 0 && !this.inFlight) break;
        const pc = cpu.pc;
        if (pc === pickPc) {
          progress = cpu.cycles;
          this.pickTimes?.push(cpu.cycles);
          if (!this.inFlight && (steps >= maxSteps || cpu.cycles >= until)) break;
          if (cpu.SP < this.bssEnd) {
            this.fault('stack overflow into the statics');
            break;
          }
        } else if (pc === execPc) {
          steps++;
          this.count++;
        } else if (pc === sleepPc && cpu.data[taskCountAt] === 0 && cpu.nextInterrupt < 0 && cpu.interruptsEnabled) {
          if (!this.inFlight && this.queue.length === 0) break;
          if (this.inFlight) {
            this.fault('asleep with an event unacknowledged');
            break;
          }
          progress = cpu.cycles;
        }
        if (tracer !== undefined) tracer(pc, cpu.cycles, cpu.SP);
        // On until a watched address, a doorbell, or a few thousand instructions; one at a time when traced.
        this.core.run(tracer === undefined ? 4096 : 1);
        if (cpu.cycles - progress > WATCHDOG_CYCLES) {
          this.fault('watchdog: no instruction boundary for 0.25 s');
          break;
        }
        if (this.inFlight && cpu.cycles - this.raisedAt > WATCHDOG_CYCLES) {
          this.fault('watchdog: an event unacknowledged for 0.25 s');
          break;
        }
      }
    } catch (error) {
      this.fault(`emulator: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.executing = false;
    }
  }

  /** The doorbell: the firmware wants something of the host. */
  private effect(kind: number): void {
    const d = this.cpu.data;
    const context = CONTEXTS[d[mb('outContext')]] ?? 'once';
    const arg = this.word(mb('outArg'));
    const arg2 = this.word(mb('outArg2'));
    const host = this.host;
    let result = 0;
    switch (kind) {
      case EFFECTS.ack:
        this.inFlight = false;
        return;
      case EFFECTS.booted:
        this.booted = true;
        return;
      case EFFECTS.rand:
        result = host.random16();
        break;
      case EFFECTS.sense:
        result = host.startSense(context, arg) ? 1 : 0;
        break;
      case EFFECTS.send: {
        const c = d[mb('outContext')];
        const at = ram('msg') + c * PAYLOAD_BYTES;
        result = host.startSend(context, arg, d.subarray(at, at + PAYLOAD_BYTES), d[ram('msgLength') + c], arg2 === 1) ? 1 : 0;
        break;
      }
      case EFFECTS.forward:
        result = host.startForward(context, arg) ? 1 : 0;
        break;
      case EFFECTS.clock:
        host.setClockPeriod(clockPeriod(arg2, arg));
        return;
      case EFFECTS.uart: {
        const c = d[mb('outContext')];
        const at = ram('msg') + c * PAYLOAD_BYTES;
        host.uart?.(context, d.subarray(at, at + PAYLOAD_BYTES), d[ram('msgLength') + c]);
        return;
      }
      case EFFECTS.trap: {
        const reason: TrapReason = TRAPS[arg2 - 1] ?? 'firmware fault';
        const capsule = this.capsules[d[mb('outCapsule')]];
        host.trap({ t: host.now(), capsule: capsule?.name ?? '', pc: this.word(mb('outPc')), reason });
        return;
      }
      case EFFECTS.neighbours:
        result = neighbourQuery(host, d[mb('outContext')], (arg << 16) >> 16, (arg2 << 16) >> 16);
        break;
      default:
        this.fault(`unknown doorbell ${kind}`);
        return;
    }
    this.setWord(mb('result'), result);
  }

  private fault(why: string): void {
    if (this.dead) return;
    this.dead = true;
    this.queue.length = 0;
    this.inFlight = false;
    this.faultReason = why;
    this.host.trap({ t: this.host.now(), capsule: '', pc: this.cpu.pc * 2, reason: 'firmware fault' });
  }

  /** Why the firmware faulted, for traces and tests. */
  faultReason = '';

  /** When set, the CPU cycle count at every entry of vm_pick (between two VM instructions), for measurements. */
  pickTimes: number[] | undefined;

  /** When set, called before every AVR instruction with its pc (words), the cycle count and SP: for measurements. */
  tracer: ((pc: number, cycles: number, sp: number) => void) | undefined;

  private writeData(bytes: Uint8Array, length: number): void {
    this.cpu.data[mb('length')] = length;
    this.cpu.data.set(bytes.subarray(0, length), mb('data'));
  }

  private word(at: number): number {
    return this.cpu.data[at] | (this.cpu.data[at + 1] << 8);
  }

  private setWord(at: number, value: number): void {
    this.cpu.data[at] = value & 0xff;
    this.cpu.data[at + 1] = (value >> 8) & 0xff;
  }
}

/** The clock's period in ns, as vm/interpret.ts computes it for clockf n and clockc n. */
export function clockPeriod(mode: number, n: number): number {
  if (mode === CLOCK_MODES.perSecond) return n === 0 ? 0 : Math.floor(1e9 / n);
  if (mode === CLOCK_MODES.binaryMillis) return Math.floor((n * 1e9) / 1024);
  return DEFAULT_CLOCK_PERIOD_NS;
}

/** nbrs, nbr and nbri against the host's neighbour table, as vm/interpret.ts answers them. */
function neighbourQuery(host: VmHost, query: number, direction: number, operand: number): number {
  const table = host.neighbours?.(direction) ?? [];
  if (query === NEIGHBOUR_QUERIES.count) return table.length;
  if (query === NEIGHBOUR_QUERIES.at) return operand >= 0 && operand < table.length ? table[operand] : -1;
  let k = table.length - 1;
  while (k >= 0 && (table[k] << 16) >> 16 !== operand) k--;
  return k;
}
