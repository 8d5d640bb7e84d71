// Battery lifetimes on the emulated mote (SPEC 1: 2 x AA, 2850 mAh at 3 V; SPEC 4 cross-checks): a
// mote is driven into a load, its energy meter read over a window, and the battery's capacity (as the
// emulator holds it) divided by the mean power. The full-blast load is also run to an empty battery,
// scaled down, to check the battery model's own moment of death against the extrapolation.

import { BATTERY_MICROJOULES } from '../../sim/core/power-states.js';
import { SENSOR_COUNT } from '../../sim/network/sensors.js';
import type { NetworkOptions } from '../../sim/network/options.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { benchNet, capsuleOf, SECOND_NS } from './mote-net.js';

export const DAY_S = 86_400;
export const YEAR_S = 365.25 * DAY_S;

/** A CPU that never sleeps: a once capsule spinning forever. */
const SPIN = ['loop: jump loop'];
/** Every sensor on (they stay on after their first reading, SPEC 2), then spin. */
const ALL_SENSORS = [...Array.from({ length: SENSOR_COUNT }, (_, i) => [`pushc ${i + 1}`, 'sense', 'pop']).flat(), ...SPIN];

/** Past boot and every part's start-up: the sensors power up one reading after another (7 x up to 500 ms). */
const WARM_UP_NS = 3 * SECOND_NS;
const MOTE = 0;

export interface Load {
  /** Mean current over the window, uA. */
  readonly microAmps: number;
  /** The battery's capacity as the emulator holds it, J. */
  readonly capacityJoules: number;
  /** Capacity / mean power, seconds. */
  readonly lifetimeSeconds: number;
}

type LoadOptions = Pick<NetworkOptions, 'radioIdle' | 'batteryMicroJoules'> & { readonly profile: CostProfile; readonly seed: number };

/** One mote running `lines` as its once capsule (none: no code), its radio jammed on (transmitting) or not. */
function loadNet(lines: readonly string[] | undefined, jam: boolean, options: LoadOptions): ReturnType<typeof benchNet> {
  const bench = benchNet({ topology: 'line:1', ...options });
  if (lines !== undefined) bench.net.inject(MOTE, capsuleOf('once', lines, 'load'), 0);
  if (jam) bench.net.fault({ at: 0, kind: 'jam', mote: MOTE });
  return bench;
}

/** Mean draw of the load over `seconds` after the warm-up, and the lifetime it gives. */
export function measureLoad(lines: readonly string[] | undefined, jam: boolean, seconds: number, options: LoadOptions): Load {
  const { net } = loadNet(lines, jam, options);
  net.runUntil(WARM_UP_NS);
  const before = net.energy(MOTE);
  net.runUntil(WARM_UP_NS + seconds * SECOND_NS);
  const after = net.energy(MOTE);
  const watts = (after.joules - before.joules) / seconds;
  const capacityJoules = before.joules + before.remainingJoules;
  return { microAmps: (watts / net.world.ledger.volts) * 1e6, capacityJoules, lifetimeSeconds: capacityJoules / watts };
}

/** Full blast (SPEC 4): the CPU always active and the radio always transmitting. */
export function fullBlast(seconds: number, profile: CostProfile, seed: number): Load {
  return measureLoad(SPIN, true, seconds, { profile, seed });
}

/** Peak load (SPEC 4): full blast with every sensor on. */
export function peakLoad(seconds: number, profile: CostProfile, seed: number): Load {
  return measureLoad(ALL_SENSORS, true, seconds, { profile, seed });
}

/** A mote with no code: the radio listening (CPU idle) or off (CPU suspended). */
export function idleLoad(radioIdle: 'listen' | 'off', seconds: number, profile: CostProfile, seed: number): Load {
  return measureLoad(undefined, false, seconds, { profile, seed, radioIdle });
}

/**
 * Full blast on a battery `scale` times smaller, run until the battery model kills the mote; its moment
 * of death times `scale` is the full battery's lifetime, in seconds (Infinity if it outlives `limitS`).
 */
export function fullBlastToEmpty(scale: number, limitS: number, profile: CostProfile, seed: number): number {
  const { net, of } = loadNet(SPIN, true, { profile, seed, batteryMicroJoules: BATTERY_MICROJOULES / scale });
  net.runUntil(limitS * SECOND_NS);
  const [death] = of('death', MOTE);
  return death === undefined ? Infinity : (death.t / SECOND_NS) * scale;
}
