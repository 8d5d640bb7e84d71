// Currents and startup times of the MICA mote's parts, SPEC 2 (seed, "Energy - a critical resource"),
// and the battery and supply of SPEC 1. The energy meter integrates these; nothing else restates them.

export const SUPPLY_VOLTS = 3;
/** 2 x AA alkaline, 2850 mAh (SPEC 1). */
export const BATTERY_MILLIAMP_HOURS = 2850;
/** 2850 mAh x 3600 s/h x 3 V = 30,780 J, kept in microjoules like every energy figure here. */
export const BATTERY_MICROJOULES = BATTERY_MILLIAMP_HOURS * 1e-3 * 3600 * SUPPLY_VOLTS * 1e6;

export interface PowerState {
  readonly component: string;
  readonly state: string;
  readonly currentMicroAmps: number;
  /** Time spent at this state's current before the part is usable (SPEC 4 note). */
  readonly startupNs: number;
}

/** SPEC 2, one row per (component, state). Sensors have one "on" state; off draws nothing. */
export const POWER_STATES = [
  { component: 'cpu', state: 'active', currentMicroAmps: 4600, startupNs: 0 },
  { component: 'cpu', state: 'idle', currentMicroAmps: 2400, startupNs: 1_000 },
  { component: 'cpu', state: 'suspend', currentMicroAmps: 10, startupNs: 4_000_000 },
  { component: 'radio', state: 'transmit', currentMicroAmps: 12_000, startupNs: 30_000_000 },
  { component: 'radio', state: 'receive', currentMicroAmps: 3600, startupNs: 30_000_000 },
  { component: 'photo', state: 'on', currentMicroAmps: 1235, startupNs: 10_000_000 },
  { component: 'i2c-temperature', state: 'on', currentMicroAmps: 150, startupNs: 500_000_000 },
  { component: 'pressure', state: 'on', currentMicroAmps: 10, startupNs: 500_000_000 },
  { component: 'pressure-temperature', state: 'on', currentMicroAmps: 10, startupNs: 500_000_000 },
  { component: 'humidity', state: 'on', currentMicroAmps: 775, startupNs: 500_000_000 },
  { component: 'thermopile', state: 'on', currentMicroAmps: 170, startupNs: 200_000_000 },
  { component: 'thermistor', state: 'on', currentMicroAmps: 126, startupNs: 10_000_000 },
] as const satisfies readonly PowerState[];

export type ComponentName = (typeof POWER_STATES)[number]['component'];

/** The row for (component, state), or undefined when SPEC 2 has none. */
export function powerState(component: string, state: string): PowerState | undefined {
  return POWER_STATES.find((r) => r.component === component && r.state === state);
}
