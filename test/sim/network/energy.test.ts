// Energy on the emulated mote against SPEC 2 (currents) and the SPEC 4 cross-checks: full blast
// lifetime, peak load, the one-year budget, radio energy per bit, and conservation (the sum over
// components equals what the battery gave, through crashes and reboots).

import { describe, expect, it } from 'vitest';
import { BATTERY_MICROJOULES } from '../../../sim/core/power-states.js';
import { COMPONENTS } from '../../../sim/network/power.js';
import { clock, handler, network, SECOND } from './helpers.js';

const DAY = 86_400;
const YEAR_DAYS = 365;
/** Mean current (uA) over [from, to] seconds from the mote's joules. */
function meanMicroAmps(joulesFrom: number, joulesTo: number, seconds: number): number {
  return ((joulesTo - joulesFrom) / (3 * seconds)) * 1e6;
}
/** Days a full 2850 mAh battery lasts at a mean current. */
const lifetimeDays = (microAmps: number): number => BATTERY_MICROJOULES / (microAmps * 3) / DAY;

/** The CPU never sleeps: a once capsule that loops forever. */
const spin = handler('once', 'loop: jump loop');

describe('full blast: CPU active and radio transmitting (SPEC 4: 2850 mAh / 16.6 mA = 7.15 days)', () => {
  it('draws 4.6 + 12 mA and empties the battery in 7.15 days within 1%', () => {
    const { net } = network({ topology: 'line:1', capsules: [spin], faults: [{ at: 0, kind: 'jam', mote: 0 }] });
    net.runUntil(2 * SECOND);
    const before = net.energy(0).joules;
    net.runUntil(62 * SECOND);
    const current = meanMicroAmps(before, net.energy(0).joules, 60);
    expect(current).toBeCloseTo(16_600, -1);
    expect(Math.abs(lifetimeDays(current) / 7.15 - 1)).toBeLessThan(0.01);
  });

  it('kills the mote when a battery sized for 20 s of full blast runs dry, within 1% of 20 s', () => {
    const { net, of } = network({
      topology: 'line:1',
      capsules: [spin],
      faults: [{ at: 0, kind: 'jam', mote: 0 }],
      batteryMicroJoules: 16_600 * 3 * 20,
    });
    net.runUntil(30 * SECOND);
    const [death] = of('death', 0);
    expect(death.t / SECOND).toBeGreaterThan(19.8);
    expect(death.t / SECOND).toBeLessThan(20.2);
    expect(net.moteView(0).alive).toBe(false);
    expect(net.moteView(0).dead).toBe(true);
  });
});

describe('peak load (SPEC 4: 4.6 + 12 + every sensor 2.476 = 19.08 mA, at most 20 mA)', () => {
  it('stays under 20 mA with the CPU busy, the radio sending and all seven sensors on', () => {
    const readAll = [1, 2, 3, 4, 5, 6, 7].flatMap((s) => [`pushc ${s}`, 'sense', 'pop']);
    const { net } = network({
      topology: 'line:1',
      capsules: [handler('once', ...readAll, 'loop: jump loop')],
      faults: [{ at: 0, kind: 'jam', mote: 0 }],
    });
    net.runUntil(3 * SECOND); // the slowest sensors take 500 ms to start, i2c-temperature samples at 2 Hz
    const before = net.energy(0).joules;
    net.runUntil(13 * SECOND);
    const current = meanMicroAmps(before, net.energy(0).joules, 10);
    expect(current).toBeCloseTo(19_076, -1);
    expect(current).toBeLessThan(20_000);
  });
});

describe('the one-year budget (SPEC 4: 200 uA lasts 1.63 years)', () => {
  // Every 2.5 s: read the photo sensor (powered per reading) and broadcast it; the radio is on only to send.
  const dutyCycle = clock('pushw 2560', 'clockc', 'pushc 1', 'sense', 'pushm', 'clear', 'add', 'pushw 65535', 'sendr', 'halt');
  const options = { topology: 'line:1', capsules: [dutyCycle], radioIdle: 'off', sensorPower: 'per-reading' } as const;

  it('averages at most 200 uA and so lasts more than a year', () => {
    const { net } = network(options);
    net.runUntil(10 * SECOND);
    const before = net.energy(0).joules;
    net.runUntil(110 * SECOND);
    const current = meanMicroAmps(before, net.energy(0).joules, 100);
    expect(current).toBeLessThanOrEqual(200);
    expect(current).toBeGreaterThan(100); // the radio's start-ups dominate: a real duty cycle, not an idle mote
    expect(lifetimeDays(current)).toBeGreaterThan(YEAR_DAYS);
    expect(lifetimeDays(200)).toBeGreaterThan(1.6 * YEAR_DAYS);
  });

  it('runs a battery sized for 60 s at that mean current dry within 5% of 60 s', () => {
    const probe = network(options);
    probe.net.runUntil(100 * SECOND);
    const mean = meanMicroAmps(0, probe.net.energy(0).joules, 100);
    const { net, of } = network({ ...options, batteryMicroJoules: mean * 3 * 60 });
    net.runUntil(100 * SECOND);
    const [death] = of('death', 0);
    expect(Math.abs(death.t / SECOND / 60 - 1)).toBeLessThan(0.05);
  });
});

describe('radio energy per bit (SPEC 4: 12 mA x 3 V x 25 us = 0.9 uJ, within 15% of 1 uJ)', () => {
  it('charges 0.9 uJ a bit while a packet is on the air', () => {
    const sender = clock('pushm', 'clear', 'pushc 1', 'add', 'pushw 65535', 'sendr', 'halt');
    const { net, of } = network({ topology: 'line:1', capsules: [sender] });
    net.runUntil(1.5 * SECOND);
    expect(of('tx', 0)).toHaveLength(1);
    const airtimeSeconds = 288 * 25e-6;
    const radioMicroJoules = net.energy(0).byComponent.radio * 1e6;
    // Listening (3.6 mA x 3 V) the rest of the time, transmitting for one packet's 288 bits.
    const listening = 3600 * 3 * (1.5 - airtimeSeconds);
    const perBit = (radioMicroJoules - listening) / 288;
    expect(perBit).toBeCloseTo(0.9, 6);
    expect(Math.abs(perBit - 1)).toBeLessThan(0.15);
  });
});

describe('energy conservation', () => {
  it('sums the components to what the battery gave, per mote, through a crash and a reboot', () => {
    const { net } = network({
      topology: 'grid:3x3',
      spacing: 10,
      radio: 'empirical',
      capsules: [clock('pushc 1', 'sense', 'pushm', 'clear', 'add', 'pushw 65535', 'sendr', 'halt')],
      faults: [
        { at: 2.5 * SECOND, kind: 'crash', mote: 4 },
        { at: 4 * SECOND, kind: 'reboot', mote: 4 },
        { at: 5 * SECOND, kind: 'drain', mote: 2 },
      ],
    });
    net.runUntil(8 * SECOND);
    const w = net.world;
    let sum = 0;
    for (let m = 0; m < w.n; m++) {
      const parts = COMPONENTS.reduce((sum, _, c) => sum + w.ledger.component(m, c, w.now), 0);
      expect(parts).toBeCloseTo(w.ledger.used(m, w.now), 6);
      sum += parts;
    }
    expect(net.energy().joules * 1e6).toBeCloseTo(sum, 3);
    expect(net.summary().energy.totalJoules).toBeCloseTo(net.energy().joules, 9);
  });
});
