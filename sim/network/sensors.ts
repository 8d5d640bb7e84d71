// The mica sensor board as the VM's `sense` sees it: sensor ids, their SPEC 2 rows (maximum rate,
// start-up time, current) and the ADC conversion. Sensor 1 is the photo sensor, as in Maté's
// sense programs (capsules/sense_and_send.mate); the others follow SPEC 2's order.
//
// Timing of one reading: a sensor that is off powers up first (start-up time at its current); readings
// of one sensor are at least 1/rate apart; then the ATmega ADC converts. Maté's native `sense` took 396
// cycles (SPEC 7), and a native reading ends with the ADC interrupt's path to its handler (141 cycles,
// SPEC 4), so the conversion itself is 396 - 141 = 255 cycles and the mote charges the path after it:
// issue to resume is then Maté's 946 + 396 = 1342 cycles (plus the CPU's 1 us wake-up if it slept).
// An id with no sensor reads an unconnected ADC channel: 0, after the conversion.

import { POWER_STATES } from '../core/power-states.js';
import { CYCLE_NS, EVENT_PATH_CYCLES } from './cpu.js';

/** Maté's native sense (SPEC 7), conversion and interrupt path together. */
export const NATIVE_SENSE_CYCLES = 396;
/** The conversion alone: 255 cycles = 63.75 us. */
export const ADC_CYCLES = NATIVE_SENSE_CYCLES - EVENT_PATH_CYCLES;
export const ADC_NS = ADC_CYCLES * CYCLE_NS;

export interface SensorSpec {
  readonly id: number;
  /** The energy component (SPEC 2 row name). */
  readonly component: string;
  readonly rateHz: number;
  readonly startupNs: number;
  readonly currentMicroAmps: number;
}

/** SPEC 2 rate column: the fastest each part can be sampled. */
const RATES: Record<string, number> = {
  photo: 2000,
  'i2c-temperature': 2,
  pressure: 10,
  'pressure-temperature': 10,
  humidity: 500,
  thermopile: 2000,
  thermistor: 2000,
};

/** Sensor ids 1..7 in SPEC 2 order (photo first); index = id. Id 0 has no sensor. */
export const SENSORS: readonly SensorSpec[] = POWER_STATES.filter((r) => r.component in RATES).map((r, i) => ({
  id: i + 1,
  component: r.component,
  rateHz: RATES[r.component],
  startupNs: r.startupNs,
  currentMicroAmps: r.currentMicroAmps,
}));

export const SENSOR_COUNT = SENSORS.length;

/** The spec of sensor id, or undefined for an unconnected channel. */
export function sensorSpec(id: number): SensorSpec | undefined {
  return id >= 1 && id <= SENSOR_COUNT ? SENSORS[id - 1] : undefined;
}

/** Shortest gap between two readings of one sensor, in ns. */
export function sampleGapNs(spec: SensorSpec): number {
  return Math.round(1e9 / spec.rateHz);
}

/** How sensors are powered: `stay-on` powers a sensor at its first reading and keeps it on (Maté's
 * quick split-phase sense); `per-reading` powers it up for each reading and off right after. */
export type SensorPower = 'stay-on' | 'per-reading';
