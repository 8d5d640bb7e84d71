// A program at its duty cycle on the emulated mote: installed on mote 1 of a two-mote line (mote 0 is
// the base station its routed sends go to, and runs no code), run past its start-up, then for a
// measured window of whole clock periods. Read off the mote: cycles (VM and host) per clock firing,
// packets sent per firing from the trace, and the energy meter's joules over the window.

import { SUPPLY_VOLTS } from '../../sim/core/power-states.js';
import { CPU_ACTIVE_UA, CYCLE_NS } from '../../sim/network/cpu.js';
import type { SensorPower } from '../../sim/network/sensors.js';
import type { RadioIdle } from '../../sim/network/options.js';
import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { benchNet, SECOND_NS } from './mote-net.js';

/** Past boot, the radio's 30 ms start-up, the first firing and the slowest sensor's 500 ms start-up. */
const WARM_UP_NS = 2.5 * SECOND_NS;
const MOTE = 1;

export interface DutyCycle {
  /** Clock firings in the window. */
  readonly firings: number;
  readonly vmCyclesPerFiring: number;
  readonly hostCyclesPerFiring: number;
  readonly packetsPerFiring: number;
  /** Mean current over the window, uA: the meter's joules / (3 V x window). */
  readonly microAmps: number;
}

export interface DutyCycleOptions {
  readonly profile: CostProfile;
  readonly radioIdle: RadioIdle;
  readonly sensorPower?: SensorPower;
  readonly seed: number;
  /** Window length in seconds. */
  readonly seconds: number;
}

export function dutyCycle(capsules: readonly Capsule[], options: DutyCycleOptions): DutyCycle {
  const { profile, radioIdle, sensorPower, seed } = options;
  const { net, of } = benchNet({ topology: 'line:2', profile, radioIdle, sensorPower, seed });
  for (const capsule of capsules) net.inject(MOTE, capsule, 0);
  net.runUntil(WARM_UP_NS);
  const before = net.moteView(MOTE);
  const sentBefore = of('tx', MOTE).length;
  const end = WARM_UP_NS + options.seconds * SECOND_NS;
  net.runUntil(end);
  const after = net.moteView(MOTE);
  const period = net.world.clockPeriod[MOTE];
  const firings = period > 0 ? Math.floor((options.seconds * SECOND_NS) / period) : 0;
  const per = (x: number): number => (firings > 0 ? x / firings : 0);
  const total = after.energy.joules - before.energy.joules;
  return {
    firings,
    vmCyclesPerFiring: per(after.vmCycles - before.vmCycles),
    hostCyclesPerFiring: per(after.hostCycles - before.hostCycles),
    packetsPerFiring: per(of('tx', MOTE).length - sentBefore),
    microAmps: (total / (net.world.ledger.volts * options.seconds)) * 1e6,
  };
}

/** The CPU's energy for `cycles` at its active current (SPEC 2: 4.6 mA; SPEC 1: 3 V, 250 ns a cycle), uJ. */
export function cpuMicroJoules(cycles: number): number {
  return cycles * CYCLE_NS * CPU_ACTIVE_UA * SUPPLY_VOLTS * 1e-9;
}
