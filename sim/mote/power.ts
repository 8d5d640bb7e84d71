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

export class PowerLedger {
  readonly meter: EnergyMeter;
  readonly volts = SUPPLY_VOLTS;
  private readonly c = COMPONENTS.length;
  /** Charged stretches by (mote, component), uJ. */
  private readonly charged: Float64Array;
  /** Per-mote totals: energy up to `since` from meter states, present draw (uA), charged stretches. */
  private readonly spent: Float64Array;
  private readonly draw: Float64Array;
  private readonly since: Float64Array;
  private readonly chargedTotal: Float64Array;
  /** Battery capacity and energy taken out by faults (a drain), uJ. */
  readonly capacity: Float64Array;
  readonly drained: Float64Array;

  constructor(readonly motes: number, capacityMicroJoules = BATTERY_MICROJOULES) {
    this.meter = new EnergyMeter(motes, COMPONENTS, SUPPLY_VOLTS, capacityMicroJoules);
    this.charged = new Float64Array(motes * this.c);
    this.spent = new Float64Array(motes);
    this.draw = new Float64Array(motes);
    this.since = new Float64Array(motes);
    this.chargedTotal = new Float64Array(motes);
    this.capacity = new Float64Array(motes).fill(capacityMicroJoules);
    this.drained = new Float64Array(motes);
  }

  /**
   * The component draws `microAmps` from time t on. Times never go back for a mote: work the
   * simulator ran ahead (a VM slice) may have set a later time, and a change then takes effect there.
   */
  set(m: number, component: number, microAmps: number, t: number): void {
    const at = t > this.since[m] ? t : this.since[m];
    const old = this.meter.currentOf(m, component);
    if (old === microAmps) return;
    this.meter.setState(m, component, microAmps, at);
    this.spent[m] += this.draw[m] * this.volts * (at - this.since[m]) * UJ;
    this.since[m] = at;
    this.draw[m] += microAmps - old;
  }

  /** A stretch of `ns` at `microAmps` above the component's meter state. */
  charge(m: number, component: number, microAmps: number, ns: number): void {
    const e = microAmps * this.volts * ns * UJ;
    this.charged[m * this.c + component] += e;
    this.chargedTotal[m] += e;
  }

  currentOf(m: number, component: number): number {
    return this.meter.currentOf(m, component);
  }

  /** Present steady draw of the mote, uA. */
  drawOf(m: number): number {
    return this.draw[m];
  }

  /** uJ the component has used up to t. */
  component(m: number, component: number, t: number): number {
    const at = t > this.since[m] ? t : this.since[m];
    return this.meter.readComponent(m, component, at) + this.charged[m * this.c + component];
  }

  /** uJ the mote has used up to t (the battery's own total, kept apart from the components). */
  used(m: number, t: number): number {
    const dt = t > this.since[m] ? t - this.since[m] : 0;
    return this.spent[m] + this.draw[m] * this.volts * dt * UJ + this.chargedTotal[m];
  }

  remaining(m: number, t: number): number {
    return this.capacity[m] - this.drained[m] - this.used(m, t);
  }
}
