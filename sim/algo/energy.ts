// Energy of an algorithm run on the scripted network, a documented approximation of the full
// emulator's meter: the CPU at its active current for every VM cycle (SPEC 1: 250 ns a cycle; SPEC 2:
// 4.6 mA), plus the radio at its transmit current for one full packet's airtime per transmission
// (SPEC 5: 36 bytes at 40 kbps, 7.2 ms; SPEC 2: 12 mA), at 3 V. Listening and sleep are left out:
// the tick network has no idle time to charge them to.

import { CYCLE_NS } from '../../vm/single-host.js';
import { powerState, SUPPLY_VOLTS } from '../core/power-states.js';
import { PACKET_AIRTIME_NS } from '../radio/airtime.js';

function microAmps(component: string, state: string): number {
  const found = powerState(component, state);
  if (found === undefined) throw new Error(`SPEC 2 has no ${component} ${state} row`);
  return found.currentMicroAmps;
}

const CPU_ACTIVE_A = microAmps('cpu', 'active') * 1e-6;
const RADIO_TX_A = microAmps('radio', 'transmit') * 1e-6;

/** Joules: 4.6 mA x 3 V x 250 ns per cycle. */
export function cpuJoules(cycles: number): number {
  return cycles * CYCLE_NS * 1e-9 * CPU_ACTIVE_A * SUPPLY_VOLTS;
}

/** Joules: 12 mA x 3 V x 7.2 ms per transmission (259 uJ, SPEC 5). */
export function radioJoules(transmissions: number): number {
  return transmissions * PACKET_AIRTIME_NS * 1e-9 * RADIO_TX_A * SUPPLY_VOLTS;
}

export function energyJoules(cycles: number, transmissions: number): number {
  return cpuJoules(cycles) + radioJoules(transmissions);
}
