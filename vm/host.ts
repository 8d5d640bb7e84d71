// The only way the VM touches hardware. sim/ supplies an emulated mote; vm/single-host.ts a
// minimal one. Split-phase operations start here and finish when the host calls the VM back
// (Vm.senseDone / Vm.sendDone), as TinyOS commands finish with events.

import type { CapsuleType, ContextName } from './capsule.js';

export interface TrapRecord {
  /** Simulated time in nanoseconds, supplied by the host. */
  readonly t: number;
  readonly capsule: string;
  readonly pc: number;
  readonly reason: TrapReason;
}

export type TrapReason =
  | 'stack overflow'
  | 'stack underflow'
  | 'return stack overflow'
  | 'bad opcode'
  | 'bad jump'
  | 'type error'
  | 'division by zero'
  | 'bad message field'
  | 'no such capsule'
  | 'bad sensor'
  | 'bad heap index'
  | 'err'
  /** The AVR mote's firmware itself failed (stack into the statics, runaway code, an emulator error): pc is the AVR's. */
  | 'firmware fault';

/** Neighbour-table directions for `nbrs`, `nbr` and `nbri`. */
export const OUTGOING = 0;
export const INCOMING = 1;

export interface VmHost {
  readonly moteId: number;
  /** Simulated time in nanoseconds (for trap records). */
  now(): number;
  /** A 16-bit value from the mote's seeded random stream. */
  random16(): number;
  /** The LEDs as a 3-bit number: red = 1, green = 2, yellow = 4. */
  setLeds(leds: number): void;
  /** Start a reading; false when the sensor is busy (the VM retries the instruction). */
  startSense(context: ContextName, sensor: number): boolean;
  /** Start a send of payload[0..length); dest 0xffff broadcasts; routed = Maté `send`. False when busy. */
  startSend(context: ContextName, dest: number, payload: Uint8Array, length: number, routed: boolean): boolean;
  /** Broadcast the installed capsule of this type number; false when busy. */
  startForward(context: ContextName, capsuleType: number): boolean;
  /** Clock context period in nanoseconds; 0 stops the clock. */
  setClockPeriod(nanoseconds: number): void;
  trap(record: TrapRecord): void;
  /**
   * The neighbour table in ascending id order: direction OUTGOING the motes this one sends to,
   * INCOMING the motes it hears (they differ on one-way links). Return a kept array, not a new one:
   * `nbr` reads it on the interpreter's fast path. Optional: a host without it has no neighbours.
   */
  neighbours?(direction: number): ArrayLike<number>;
  /** The serial port: `uart` wrote payload[0..length). Optional: a host without it drops the bytes. */
  uart?(context: ContextName, payload: Uint8Array, length: number): void;
}

/**
 * The trace mode's callback: before each instruction, the trace line (context, disassembly, stack),
 * the capsule executing and its pc, so that a caller can add the source line (mote run --trace).
 */
export type Tracer = (line: string, capsule: CapsuleType, pc: number) => void;
