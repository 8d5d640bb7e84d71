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
 * One row of float64s a mote holds its totals and its charged stretches: the CPU's charge, made at
 * the end of every task, then touches one cache line of one array (it touched two arrays a million
 * entries apart). CHARGED + component is that component's charged stretches, uJ.
 */
const ROW = 16;
/** Charged stretches of every component, uJ. */
const CHARGED_TOTAL = 0;
const CHARGED = 1;
/** Energy from meter states up to SINCE, uJ; the present steady draw, uA. */
const SPENT = CHARGED + COMPONENTS.length;
const DRAW = SPENT + 1;
const SINCE = SPENT + 2;
if (SINCE >= ROW) throw new Error('PowerLedger: a row has no room for every component');

export class PowerLedger {
  readonly meter: EnergyMeter;
  readonly volts = SUPPLY_VOLTS;
  private readonly rows: Float64Array;
  /** Battery capacity and energy taken out by faults (a drain), uJ. */
  readonly capacity: Float64Array;
  readonly drained: Float64Array;

  constructor(readonly motes: number, capacityMicroJoules = BATTERY_MICROJOULES) {
    this.meter = new EnergyMeter(motes, COMPONENTS, SUPPLY_VOLTS, capacityMicroJoules);
    this.rows = new Float64Array(motes * ROW);
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
    const r = m * ROW;
    this.rows[r + CHARGED + component] += e;
    this.rows[r + CHARGED_TOTAL] += e;
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
    return this.meter.readComponent(m, component, at) + this.rows[r + CHARGED + component];
  }

  /** uJ the mote has used up to t (the battery's own total, kept apart from the components). */
  used(m: number, t: number): number {
    const r = m * ROW;
    const rows = this.rows;
    const dt = t > rows[r + SINCE] ? t - rows[r + SINCE] : 0;
    return rows[r + SPENT] + rows[r + DRAW] * this.volts * dt * UJ + rows[r + CHARGED_TOTAL];
  }

  remaining(m: number, t: number): number {
    return this.capacity[m] - this.drained[m] - this.used(m, t);
  }
}
