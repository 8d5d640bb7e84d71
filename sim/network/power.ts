// Every mote's energy and battery: SPEC 2 currents integrated per component from state changes
// (sim/core/energy.ts), plus the battery of SPEC 1 (2850 mAh at 3 V) that the sum drains.
//
// Two kinds of entry. A component's steady state (radio listening, a sensor on, the CPU asleep) is a
// meter state, set when it changes. A stretch of CPU work whose length is known when it starts (a task,
// a VM slice, a byte interrupt) is charged as one entry of (active - sleep current) x its length, so the
// CPU needs no second event to fall asleep again. The battery keeps per-mote totals beside the meter so
// "when does this mote run dry" is O(1); a test checks the totals equal the sum over components.

import { EnergyMeter } from '../core/energy.js';
import { BATTERY_MICROJOULES, SUPPLY_VOLTS } from '../core/power-states.js';
import { SENSORS } from './sensors.js';

export const COMPONENTS: readonly string[] = ['cpu', 'radio', ...SENSORS.map((s) => s.component)];
export const CPU = 0;
export const RADIO = 1;
/** Component index of sensor id s (1..7). */
export const sensorComponent = (id: number): number => 1 + id;

/** uA x V x ns to uJ. */
const UJ = 1e-9;

/**
 * Where each mote's charged total and CPU charge live: two adjacent float64s at m x stride + at. The
 * CPU is charged at the end of every task, so the world keeps them in its per-mote record beside the
 * scheduler's fields (sim/network/world.ts), already in cache then; alone, a ledger keeps its own.
 */
export interface ChargeSlots {
  readonly f64: Float64Array;
  readonly stride: number;
  readonly at: number;
}
const TOTAL = 0;
const CPU_CHARGED = 1;

/**
 * The rest of a mote's figures in one row of float64s: CHARGED + component is that component's
 * charged stretches, uJ (the CPU's is in the charge slots).
 */
const ROW = 12;
const CHARGED = 0;
/** Energy from meter states up to SINCE, uJ; the present steady draw, uA. */
const SPENT = CHARGED + COMPONENTS.length;
const DRAW = SPENT + 1;
const SINCE = SPENT + 2;
if (SINCE >= ROW) throw new Error('PowerLedger: a row has no room for every component');

export class PowerLedger {
  readonly meter: EnergyMeter;
  readonly volts = SUPPLY_VOLTS;
  private readonly rows: Float64Array;
  private readonly slots: ChargeSlots;
  /** Battery capacity and energy taken out by faults (a drain), uJ. */
  readonly capacity: Float64Array;
  readonly drained: Float64Array;

  constructor(readonly motes: number, capacityMicroJoules = BATTERY_MICROJOULES, slots?: ChargeSlots) {
    this.meter = new EnergyMeter(motes, COMPONENTS, SUPPLY_VOLTS, capacityMicroJoules);
    this.rows = new Float64Array(motes * ROW);
    this.slots = slots ?? { f64: new Float64Array(motes * 2), stride: 2, at: 0 };
    this.capacity = new Float64Array(motes).fill(capacityMicroJoules);
    this.drained = new Float64Array(motes);
  }

  /**
   * The component draws `microAmps` from time t on. Times never go back for a mote: work the
   * simulator ran ahead (a VM slice) may have set a later time, and a change then takes effect there.
   */
  set(m: number, component: number, microAmps: number, t: number): void {
    const r = m * ROW;
    const rows = this.rows;
    const at = t > rows[r + SINCE] ? t : rows[r + SINCE];
    const old = this.meter.currentOf(m, component);
    if (old === microAmps) return;
    this.meter.setState(m, component, microAmps, at);
    rows[r + SPENT] += rows[r + DRAW] * this.volts * (at - rows[r + SINCE]) * UJ;
    rows[r + SINCE] = at;
    rows[r + DRAW] += microAmps - old;
  }

  /** A stretch of `ns` at `microAmps` above the component's meter state. */
  charge(m: number, component: number, microAmps: number, ns: number): void {
    const e = microAmps * this.volts * ns * UJ;
    const { f64, stride, at } = this.slots;
    const s = m * stride + at;
    if (component === CPU) f64[s + CPU_CHARGED] += e;
    else this.rows[m * ROW + CHARGED + component] += e;
    f64[s + TOTAL] += e;
    this.charged?.(m);
  }

  /** Told after every charge (the battery looks whether the mote can pay for it: sim/mote/battery.ts). */
  charged?: (m: number) => void;

  /**
   * Takes back `uj` of charged stretches (CPU first, then the radio's): work charged ahead that the
   * battery could not pay for when the mote died (sim/mote/battery.ts).
   */
  refund(m: number, uj: number): void {
    const { f64, stride, at } = this.slots;
    const s = m * stride + at;
    const fromCpu = Math.min(uj, f64[s + CPU_CHARGED]);
    f64[s + CPU_CHARGED] -= fromCpu;
    const fromRadio = Math.min(uj - fromCpu, this.rows[m * ROW + CHARGED + RADIO]);
    this.rows[m * ROW + CHARGED + RADIO] -= fromRadio;
    f64[s + TOTAL] -= fromCpu + fromRadio;
  }

  currentOf(m: number, component: number): number {
    return this.meter.currentOf(m, component);
  }

  /** Present steady draw of the mote, uA. */
  drawOf(m: number): number {
    return this.rows[m * ROW + DRAW];
  }

  /** uJ the component has used up to t. */
  component(m: number, component: number, t: number): number {
    const r = m * ROW;
    const at = t > this.rows[r + SINCE] ? t : this.rows[r + SINCE];
    const { f64, stride, at: slot } = this.slots;
    const charged = component === CPU ? f64[m * stride + slot + CPU_CHARGED] : this.rows[r + CHARGED + component];
    return this.meter.readComponent(m, component, at) + charged;
  }

  /** uJ the mote has used up to t (the battery's own total, kept apart from the components). */
  used(m: number, t: number): number {
    const r = m * ROW;
    const rows = this.rows;
    const dt = t > rows[r + SINCE] ? t - rows[r + SINCE] : 0;
    const { f64, stride, at } = this.slots;
    return rows[r + SPENT] + rows[r + DRAW] * this.volts * dt * UJ + f64[m * stride + at + TOTAL];
  }

  remaining(m: number, t: number): number {
    return this.capacity[m] - this.drained[m] - this.used(m, t);
  }
}
