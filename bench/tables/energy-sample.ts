// One run of `mote bench energy`: every figure measured afresh on the emulated mote and keyed by name,
// for the harness's median and spread (bench/harness.ts measure). Runs differ by seed.

import type { SensorPower } from '../../sim/network/sensors.js';
import type { RadioIdle } from '../../sim/network/options.js';
import { COST_PROFILES } from '../../vm/opcodes.js';
import { key } from './keys.js';
import { dutyCycle } from './duty-cycle.js';
import { fullBlast, fullBlastToEmpty, idleLoad, peakLoad } from './lifetime.js';
import { radioPacket } from './radio-packet.js';
import type { ShippedProgram } from './shipped.js';

/** How a mote spends its idle time: TinyOS 1.x's default, and a low-power setting. */
export interface PowerMode {
  readonly name: string;
  readonly radioIdle: RadioIdle;
  readonly sensorPower: SensorPower;
}

export const POWER_MODES: readonly PowerMode[] = [
  { name: 'listening', radioIdle: 'listen', sensorPower: 'stay-on' },
  { name: 'low power', radioIdle: 'off', sensorPower: 'per-reading' },
];

export interface EnergyScale {
  /** Simulated seconds each load and program is metered over. */
  readonly seconds: number;
  /** The full-blast battery is this many times smaller when run dry (10,000: about a simulated minute). */
  readonly batteryScale: number;
}

export const FULL_ENERGY: EnergyScale = { seconds: 60, batteryScale: 10_000 };
export const QUICK_ENERGY: EnergyScale = { seconds: 3, batteryScale: 10_000 };

export function energySample(seed: number, scale: EnergyScale, programs: readonly ShippedProgram[]): Record<string, number> {
  const profile = COST_PROFILES[0];
  const out: Record<string, number> = {};
  const packet = radioPacket(profile, seed);
  out[key('radio', 'microJoulesPerBit')] = packet.microJoulesPerBit;
  out[key('radio', 'packetMicroJoules')] = packet.microJoules;
  out[key('radio', 'bits')] = packet.bits;

  const blast = fullBlast(scale.seconds, profile, seed);
  out[key('fullBlast', 'microAmps')] = blast.microAmps;
  out[key('fullBlast', 'seconds')] = blast.lifetimeSeconds;
  out[key('battery', 'joules')] = blast.capacityJoules;
  // Past the first battery sweep (10 s) and the scaled battery's life, with room to spare.
  const limit = 2 * (blast.lifetimeSeconds / scale.batteryScale) + 20;
  out[key('fullBlast', 'emptySeconds')] = fullBlastToEmpty(scale.batteryScale, limit, profile, seed);
  out[key('peak', 'microAmps')] = peakLoad(scale.seconds, profile, seed).microAmps;
  for (const mode of POWER_MODES) {
    out[key('idle', mode.name, 'microAmps')] = idleLoad(mode.radioIdle, scale.seconds, profile, seed).microAmps;
  }
  for (const program of programs) {
    for (const mode of POWER_MODES) {
      const d = dutyCycle(program.capsules, { profile, radioIdle: mode.radioIdle, sensorPower: mode.sensorPower, seed, seconds: scale.seconds });
      out[key('program', program.name, mode.name, 'microAmps')] = d.microAmps;
    }
  }
  return out;
}
