// A split-phase `sense` on the emulated mote (sim/mote/sensors.ts for the figures): the sensor powers
// up if it is off, waits for its sampling gap, the ADC converts, and the reading comes back to the
// waiting VM context through the ADC interrupt's path (SPEC 3).

import { CONTEXTS } from '../../vm/capsule.js';
import { generationOf, K_SENSE_DONE, pack, PRIO_TASK, valueOf } from './events.js';
import type { World } from './world.js';
import { sensorComponent } from './power.js';
import { beginTask, endTask } from './scheduler.js';
import { ADC_NS, SENSOR_COUNT, sampleGapNs, sensorSpec } from './sensors.js';
import { EVENT_PATH_CYCLES } from './cpu.js';

/** The VM's startSense; false while a reading is under way (the VM retries). */
export function startSense(w: World, m: number, context: number, sensor: number): boolean {
  if (w.senseBusy[m] === 1) return false;
  const t = w.moteTime(m);
  let start = t;
  const spec = sensorSpec(sensor);
  if (spec !== undefined) {
    const bit = 1 << (sensor - 1);
    if ((w.sensorsOn[m] & bit) === 0) {
      w.sensorsOn[m] |= bit;
      w.ledger.set(m, sensorComponent(sensor), spec.currentMicroAmps, t);
      start = t + spec.startupNs;
    }
    const slot = m * (SENSOR_COUNT + 1) + sensor;
    const gap = w.lastSample[slot] + sampleGapNs(spec);
    if (gap > start) start = gap;
    w.lastSample[slot] = start;
  }
  w.senseBusy[m] = 1;
  w.senseSensor[m] = sensor;
  w.queue.push(start + ADC_NS, K_SENSE_DONE, m, pack(w.epoch(m), context), PRIO_TASK);
  return true;
}

/** The conversion finished (K_SENSE_DONE). */
export function senseDone(w: World, m: number, arg: number): void {
  if (generationOf(arg) !== w.epoch(m) || w.alive[m] === 0) return;
  if (!beginTask(w, m, K_SENSE_DONE, arg, EVENT_PATH_CYCLES)) return;
  const sensor = w.senseSensor[m];
  const spec = sensorSpec(sensor);
  const value = spec === undefined ? 0 : w.signal(m, sensor, w.now);
  w.senseBusy[m] = 0;
  w.stats.senses++;
  if (spec !== undefined && w.sensorPower === 'per-reading') {
    w.sensorsOn[m] &= ~(1 << (sensor - 1));
    w.ledger.set(m, sensorComponent(sensor), 0, w.now);
  }
  if (w.tracing) w.emit({ t: w.now, e: 'sense', m, sensor, value });
  w.vms[m]?.senseDone(CONTEXTS[valueOf(arg)], value);
  endTask(w, m);
}
