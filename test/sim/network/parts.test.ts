// Smaller parts of the world: periodic timer rings, the sensor signal and trace files, routing toward
// the base station, the packet pool.

import { describe, expect, it } from 'vitest';
import { PeriodicTimers } from '../../../sim/network/periodic.js';
import { PacketPool } from '../../../sim/network/packets.js';
import { parseSensorTrace, seededSignal } from '../../../sim/network/signal.js';
import { SENSORS, sensorSpec } from '../../../sim/network/sensors.js';
import { clock, handler, network, SECOND } from './helpers.js';

describe('periodic timer rings', () => {
  it('pop re-arms in time order across periods and refuse one that would break a ring`s order', () => {
    const p = new PeriodicTimers();
    expect(p.push(1000, 1000, 1, 0)).toBe(true);
    expect(p.push(1000, 1500, 2, 0)).toBe(true);
    expect(p.push(300, 1200, 3, 0)).toBe(true);
    expect(p.push(1000, 1400, 4, 0)).toBe(false); // earlier than 1500 already queued: the heap takes it
    const order: number[] = [];
    while (p.pop()) order.push(p.target);
    expect(order).toEqual([1, 3, 2]);
    expect(p.peekTime()).toBe(Infinity);
  });

  it('grow past their first size without losing order', () => {
    const p = new PeriodicTimers();
    for (let i = 0; i < 200; i++) p.push(7, i * 10, i, i);
    for (let i = 0; i < 50; i++) p.pop();
    for (let i = 200; i < 300; i++) p.push(7, i * 10, i, i);
    const seen: number[] = [];
    while (p.pop()) seen.push(p.target);
    expect(seen).toEqual([...Array(250).keys()].map((i) => i + 50));
  });
});

describe('the packet pool', () => {
  it('reuses released slots and grows when more packets wait at once', () => {
    const pool = new PacketPool();
    const bytes = new Uint8Array([1, 2, 3]);
    const slots = [...Array(100).keys()].map((i) => pool.take(bytes, 0, 3, i, 0x10, 0xffff, 0));
    expect(new Set(slots).size).toBe(100);
    expect(pool.from[slots[99]]).toBe(99);
    expect([...pool.payload(slots[42]).subarray(0, 3)]).toEqual([1, 2, 3]);
    pool.release(slots[5]);
    expect(pool.take(bytes, 1, 2, 7, 0x10, 0xffff, 0)).toBe(slots[5]);
  });
});

describe('sensors', () => {
  it('has the seven SPEC 2 sensors, photo as sensor 1, with their rates, start-ups and currents', () => {
    expect(SENSORS.map((s) => s.component)).toEqual(['photo', 'i2c-temperature', 'pressure', 'pressure-temperature', 'humidity', 'thermopile', 'thermistor']);
    expect(sensorSpec(1)).toEqual({ id: 1, component: 'photo', rateHz: 2000, startupNs: 10e6, currentMicroAmps: 1235 });
    expect(sensorSpec(2)?.rateHz).toBe(2);
    expect(sensorSpec(0)).toBeUndefined();
    expect(sensorSpec(8)).toBeUndefined();
  });

  it('reads a seeded signal that depends only on seed, mote, sensor and time', () => {
    const a = seededSignal(1);
    expect(a(3, 1, 5e9)).toBe(seededSignal(1)(3, 1, 5e9));
    const readings = [0, 1, 2, 3].map((m) => a(m, 1, 5e9));
    expect(new Set(readings).size).toBeGreaterThan(1);
    for (let t = 0; t < 120e9; t += 7e9) {
      const v = a(0, 1, t);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1023);
    }
  });

  it('reads a trace file: the latest sample at or before the time, * for every mote, the seeded signal elsewhere', () => {
    const fallback = seededSignal(1);
    const r = parseSensorTrace('# t mote sensor value\n0 * 1 100\n2 * 1 200\n1 3 1 700\n', 'light.txt', fallback);
    if (!r.ok) throw new Error(r.error);
    expect(r.signal(0, 1, 1.5e9)).toBe(100);
    expect(r.signal(0, 1, 2e9)).toBe(200);
    expect(r.signal(3, 1, 0.5e9)).toBe(fallback(3, 1, 0.5e9));
    expect(r.signal(3, 1, 9e9)).toBe(700);
    expect(r.signal(0, 2, 1e9)).toBe(fallback(0, 2, 1e9));
  });

  it('rejects a bad trace line naming the file and line', () => {
    const r = parseSensorTrace('0 * 1 100\n1 x 1 5\n', 'light.txt', seededSignal(1));
    expect(r.ok ? '' : r.error).toBe("light.txt:2: bad mote 'x'");
    const back = parseSensorTrace('2 0 1 1\n1 0 1 1\n', 'light.txt', seededSignal(1));
    expect(back.ok ? '' : back.error).toMatch(/^light.txt:2: times must not go backwards/);
  });

  it('hands the VM the trace file`s reading', () => {
    const r = parseSensorTrace('0 * 1 640\n', 'light.txt', seededSignal(1));
    if (!r.ok) throw new Error(r.error);
    const { net } = network({ topology: 'line:1', signal: r.signal, capsules: [clock('pushc 1', 'sense', 'cast', 'pushc 7', 'shiftr', 'putled', 'halt')] });
    net.runUntil(1.5 * SECOND);
    expect(net.moteView(0).leds).toBe(640 >> 7);
  });
});

describe('routing toward the base station', () => {
  it('carries a Maté send hop by hop through each mote`s send context to mote 0', () => {
    // line:4, 10 ft apart, 15 ft disk: the tree is 3 -> 2 -> 1 -> 0.
    const origin = clock('id', 'pushc 3', 'eq', 'jumpc go', 'halt', 'go: pushm', 'clear', 'pushc 5', 'add', 'send', 'halt');
    const forward = handler('send', 'pushm', 'send', 'halt');
    const { net, of } = network({ topology: 'line:4', spacing: 10, radio: 'disk', range: 15, capsules: [origin, forward] });
    net.runUntil(3.5 * SECOND);
    expect(of('tx').map((r) => [r.m, r.dest]).slice(0, 3)).toEqual([
      [3, 2],
      [2, 1],
      [1, 0],
    ]);
    expect(of('sink', 0).map((r) => r.from)).toEqual([1, 1, 1]);
    expect(net.stats.delivered).toBe(3);
  });
});
