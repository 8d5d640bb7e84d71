// Shared shapes for the VM tests (STYLE 4): assemble a capsule, a host that records every call,
// and "install, then execute n instructions" returning the state the tests assert on.

import { assemble } from '../../assembler/assemble.js';
import type { Capsule, ContextName } from '../../vm/capsule.js';
import type { TrapRecord, VmHost } from '../../vm/host.js';
import type { ContextSnapshot, OperandSnapshot } from '../../vm/inspect.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { Vm } from '../../vm/vm.js';

/** Assemble source lines; a test that writes bad assembly fails here with the assembler's errors. */
export function capsule(...lines: string[]): Capsule {
  const result = assemble(lines.join('\n'), 'test.mate');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.capsule;
}

export class TestHost implements VmHost {
  readonly moteId = 7;
  time = 0;
  /** startSense/startSend/startForward answer "busy" while this is set. */
  busy = false;
  /** What random16 returns, in turn (then 0). */
  randoms: number[] = [];
  leds: number[] = [];
  traps: TrapRecord[] = [];
  senses: { context: ContextName; sensor: number }[] = [];
  sends: { context: ContextName; dest: number; bytes: number[]; routed: boolean }[] = [];
  forwards: { context: ContextName; capsuleType: number }[] = [];
  clockPeriods: number[] = [];
  /** The neighbour table by direction: [outgoing, incoming], ascending ids. */
  table: number[][] = [[], []];
  serial: { context: ContextName; bytes: number[] }[] = [];

  now(): number {
    return this.time;
  }
  random16(): number {
    return this.randoms.shift() ?? 0;
  }
  setLeds(leds: number): void {
    this.leds.push(leds);
  }
  startSense(context: ContextName, sensor: number): boolean {
    if (!this.busy) this.senses.push({ context, sensor });
    return !this.busy;
  }
  startSend(context: ContextName, dest: number, payload: Uint8Array, length: number, routed: boolean): boolean {
    if (!this.busy) this.sends.push({ context, dest, bytes: Array.from(payload.subarray(0, length)), routed });
    return !this.busy;
  }
  startForward(context: ContextName, capsuleType: number): boolean {
    if (!this.busy) this.forwards.push({ context, capsuleType });
    return !this.busy;
  }
  setClockPeriod(nanoseconds: number): void {
    this.clockPeriods.push(nanoseconds);
  }
  trap(record: TrapRecord): void {
    this.traps.push(record);
  }
  neighbours(direction: number): ArrayLike<number> {
    return this.table[direction] ?? [];
  }
  uart(context: ContextName, payload: Uint8Array, length: number): void {
    this.serial.push({ context, bytes: Array.from(payload.subarray(0, length)) });
  }
}

export interface Stepped {
  vm: Vm;
  host: TestHost;
  /** Cycles of the last step. */
  cycles: number;
  once: ContextSnapshot;
}

/**
 * Install `lines` as a once capsule (which starts it), plus any other capsules first, then step
 * `steps` instructions.
 */
export function afterSteps(lines: string[], steps: number, options: { profile?: CostProfile; others?: Capsule[] } = {}): Stepped {
  const host = new TestHost();
  const vm = new Vm(host, { profile: options.profile });
  for (const other of options.others ?? []) vm.install(other);
  vm.install(capsule('.capsule once', ...lines));
  return stepMore({ vm, host, cycles: 0, once: onceContext(vm) }, steps);
}

export function stepMore(state: Stepped, steps: number): Stepped {
  let cycles = 0;
  for (let k = 0; k < steps; k++) cycles = state.vm.step();
  return { ...state, cycles, once: onceContext(state.vm) };
}

export function onceContext(vm: Vm): ContextSnapshot {
  return context(vm, 'once');
}

export function context(vm: Vm, name: ContextName): ContextSnapshot {
  const found = vm.inspect().contexts.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no context ${name}`);
  return found;
}

export const values = (...ns: number[]): OperandSnapshot[] => ns.map((value) => ({ type: 'value', value }));
export const reading = (sensor: number, value: number): OperandSnapshot => ({ type: 'reading', value, sensor });
export const message = (length: number): OperandSnapshot => ({ type: 'message', value: length });
