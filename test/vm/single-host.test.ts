// The single-mote runner behind `mote run`: clock firings, LED and send records, traps, seeded
// randomness and the default sensor signal.

import { describe, expect, it } from 'vitest';
import { defaultSensor, runSingleMote, xorshift32 } from '../../vm/single-host.js';
import { capsule } from './helpers.js';

const counter = capsule('.capsule clock', 'pushc 1', 'add', 'copy', 'pushc 7', 'and', 'putled');

describe('single-mote runner', () => {
  it('fires the clock once a second from t = 1 s, the stack persisting between firings', () => {
    const report = runSingleMote([counter], { seconds: 3.5 });
    expect(report.ledChanges.map((c) => c.leds)).toEqual([1, 2, 3]);
    report.ledChanges.forEach((change, k) => {
      expect(change.t).toBeGreaterThan(k + 1);
      expect(change.t).toBeLessThan(k + 1.001);
    });
    expect(report.simulatedSeconds).toBe(3.5);
    expect(report.instructions).toBe(18);
  });

  it('follows clockf to a faster rate', () => {
    const fast = capsule('.capsule once', 'pushc 4', 'clockf');
    const report = runSingleMote([counter, fast], { seconds: 1.1 });
    expect(report.ledChanges.map((c) => c.leds)).toEqual([1, 2, 3, 4]);
    expect(report.ledChanges[0].t).toBeGreaterThan(0.25);
    expect(report.ledChanges[0].t).toBeLessThan(0.251);
  });

  it('records sends with their time, destination and bytes', () => {
    const sender = capsule('.capsule once', 'pushm', 'pushc 9', 'add', 'pushc 3', 'sendr');
    const { sent } = runSingleMote([sender], { seconds: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0].dest).toBe(3);
    expect(sent[0].bytes).toEqual([9, 0]);
    expect(sent[0].t).toBeCloseTo(((459 + 459 + 469 + 459 + 20_000) * 250) / 1e9, 12);
  });

  it('reads sensors through the sensor option at the time the conversion completes', () => {
    const seen: number[] = [];
    const sensor = (id: number, tNs: number): number => {
      seen.push(id, tNs);
      return 0x0203;
    };
    const program = capsule('.capsule once', 'pushm', 'pushc 4', 'sense', 'add', 'pushc 3', 'sendr');
    const { sent } = runSingleMote([program], { seconds: 1, sensor });
    expect(sent[0].bytes).toEqual([3, 2]);
    expect(seen).toEqual([4, (459 + 459 + 946 + 396) * 250]);
  });

  it('records what uart writes to the serial port, and has no neighbours', () => {
    const program = capsule('.capsule once', 'pushm', 'pushc 0', 'nbrs', 'add', 'pushc 1', 'nbrs', 'add', 'uart');
    const { serial, sent } = runSingleMote([program], { seconds: 1 });
    expect(serial).toEqual([{ t: ((459 * 3 + 463 * 2 + 469 * 2 + 512) * 250) / 1e9, bytes: [0, 0, 0, 0] }]);
    expect(sent).toEqual([]);
  });

  it('reports traps in seconds', () => {
    const bad = capsule('.capsule once', '.name broken', '.noverify', 'pushc 1', 'add');
    const { traps, ledChanges } = runSingleMote([bad], { seconds: 1 });
    expect(traps).toEqual([{ t: (459 + 469) * 250 / 1e9, capsule: 'broken', pc: 1, reason: 'stack underflow' }]);
    expect(ledChanges[0].leds).toBe(7);
  });

  it('is deterministic for a seed, and rand follows the seed', () => {
    const program = capsule('.capsule once', 'pushm', 'rand', 'add', 'pushc 1', 'sendr');
    const a = runSingleMote([program], { seconds: 1, seed: 5 });
    const b = runSingleMote([program], { seconds: 1, seed: 5 });
    const c = runSingleMote([program], { seconds: 1, seed: 6 });
    expect(a).toEqual(b);
    expect(c.sent[0].bytes).not.toEqual(a.sent[0].bytes);
  });

  it('its xorshift32 stream is pinned for seed 1', () => {
    const next = xorshift32(1);
    expect([next(), next(), next()]).toEqual([270369, 67634689, 2647435461]);
  });

  it('the default sensor is a deterministic 10-bit signal', () => {
    const signal = defaultSensor(3);
    const samples = Array.from({ length: 200 }, (_, k) => signal(k % 4, k * 123_456_789));
    expect(samples.every((s) => Number.isInteger(s) && s >= 0 && s <= 1023)).toBe(true);
    expect(new Set(samples).size).toBeGreaterThan(50);
    expect(defaultSensor(3)(1, 42_000)).toBe(signal(1, 42_000));
  });

  it('passes the trace hook to the VM', () => {
    const lines: string[] = [];
    runSingleMote([capsule('.capsule once', 'pushc 1')], { seconds: 0.1, trace: (l) => lines.push(l) });
    expect(lines).toEqual(['once    0000  pushc  1              []']);
  });
});
