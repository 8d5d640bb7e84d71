// The energy meter against SPEC 2 (currents), SPEC 1 (battery) and the SPEC 4 cross-checks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnergyMeter } from '../../sim/core/energy.js';
import { BATTERY_MICROJOULES, POWER_STATES, powerState } from '../../sim/core/power-states.js';

const NS_PER_DAY = 86_400e9;
const NS_PER_YEAR = 365 * NS_PER_DAY;

function current(component: string, state: string): number {
  const row = powerState(component, state);
  if (!row) throw new Error(`SPEC 2 has no ${component} ${state}`);
  return row.currentMicroAmps;
}

const SENSORS = POWER_STATES.filter((r) => r.state === 'on');

describe('the energy meter', () => {
  it('holds 2850 mAh at 3 V: 30,780 J (SPEC 1)', () => {
    expect(BATTERY_MICROJOULES).toBeCloseTo(30_780e6, 0);
  });

  it('empties the battery in 7.15 days at full blast, CPU active 4.6 mA + radio transmit 12 mA (SPEC 4)', () => {
    const meter = new EnergyMeter(1, ['cpu', 'radio']);
    meter.setState(0, 0, current('cpu', 'active'), 0);
    meter.setState(0, 1, current('radio', 'transmit'), 0);
    const days = meter.depletesAt(0, 0) / NS_PER_DAY;
    expect(Math.abs(days - 7.15) / 7.15).toBeLessThan(0.01);
    expect(meter.remaining(0, 7 * NS_PER_DAY)).toBeGreaterThan(0);
    expect(meter.remaining(0, 7.2 * NS_PER_DAY)).toBeLessThan(0);
  });

  it('stays under the 20 mA peak with the CPU active, the radio sending and every sensor on (SPEC 4)', () => {
    const names = ['cpu', 'radio', ...SENSORS.map((s) => s.component)];
    const meter = new EnergyMeter(1, names);
    meter.setState(0, 0, current('cpu', 'active'), 0);
    meter.setState(0, 1, current('radio', 'transmit'), 0);
    SENSORS.forEach((s, i) => meter.setState(0, 2 + i, s.currentMicroAmps, 0));
    const second = 1e9;
    const milliAmps = meter.read(0, second) / 3 / 1e3; // uJ over 1 s at 3 V -> uA -> mA
    expect(milliAmps).toBeCloseTo(19.076, 3);
    expect(milliAmps).toBeLessThanOrEqual(20);
  });

  it('lasts at least a year at a 200 uA average (SPEC 4: 1.63 years)', () => {
    const meter = new EnergyMeter(1, ['all']);
    meter.setState(0, 0, 200, 0);
    const years = meter.depletesAt(0, 0) / NS_PER_YEAR;
    expect(years).toBeGreaterThanOrEqual(1);
    expect(years).toBeCloseTo(14_250 / (24 * 365), 2);
  });

  it('charges about 1 uJ a bit to send: 12 mA x 3 V x 25 us = 0.9 uJ, within 15% (SPEC 4)', () => {
    const meter = new EnergyMeter(1, ['radio']);
    meter.setState(0, 0, current('radio', 'transmit'), 0);
    meter.setState(0, 0, 0, 25_000);
    const perBit = meter.read(0, 1e9);
    expect(perBit).toBeCloseTo(0.9, 9);
    expect(Math.abs(perBit - 1)).toBeLessThanOrEqual(0.15);
  });

  it('charges 259 uJ for one full 288-bit packet (SPEC 5)', () => {
    const meter = new EnergyMeter(1, ['radio']);
    meter.setState(0, 0, current('radio', 'transmit'), 0);
    expect(meter.read(0, 7_200_000)).toBeCloseTo(259.2, 6);
  });

  it('integrates each state for exactly its own duration, reads without mutating, and keeps motes apart', () => {
    const meter = new EnergyMeter(2, ['cpu', 'radio']);
    meter.setState(0, 0, 1000, 0); // 1 mA from t = 0
    meter.setState(0, 0, 10, 2e9); // suspend-level from t = 2 s
    meter.setState(1, 1, 3600, 1e9);
    const at = 4e9;
    // 1 mA x 3 V x 2 s = 6000 uJ, then 10 uA x 3 V x 2 s = 60 uJ.
    expect(meter.readComponent(0, 0, at)).toBeCloseTo(6060, 6);
    expect(meter.readComponent(0, 0, at)).toBeCloseTo(6060, 6);
    expect(meter.read(0, at)).toBeCloseTo(6060, 6);
    expect(meter.read(1, at)).toBeCloseTo(3600 * 3 * 3, 6);
    expect(meter.currentOf(0, 0)).toBe(10);
  });

  it('conserves energy: components sum to the mote, motes sum to the total, total equals what left the batteries', () => {
    const step = fc.record({
      mote: fc.integer({ min: 0, max: 2 }),
      component: fc.integer({ min: 0, max: 2 }),
      microAmps: fc.integer({ min: 0, max: 20_000 }),
      dt: fc.integer({ min: 0, max: 1e9 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const meter = new EnergyMeter(3, ['cpu', 'radio', 'sensor']);
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          meter.setState(s.mote, s.component, s.microAmps, now);
        }
        const end = now + 1e9;
        let drained = 0;
        for (let m = 0; m < 3; m++) {
          let sum = 0;
          for (let c = 0; c < 3; c++) sum += meter.readComponent(m, c, end);
          if (Math.abs(sum - meter.read(m, end)) > 1e-6) return false;
          drained += BATTERY_MICROJOULES - meter.remaining(m, end);
        }
        return Math.abs(drained - meter.total(end)) < 1e-3;
      }),
      { numRuns: 200 },
    );
  });

  it('never depletes a mote that draws nothing', () => {
    const meter = new EnergyMeter(1, ['cpu']);
    expect(meter.depletesAt(0, 0)).toBe(Infinity);
  });

  it('names components by index', () => {
    const meter = new EnergyMeter(1, ['cpu', 'radio']);
    expect(meter.componentIndex('radio')).toBe(1);
    expect(meter.componentIndex('leds')).toBe(-1);
  });
});
