import { describe, expect, it } from 'vitest';
import { measureOps, measurePrimitives, cpuMicroJoules } from '../../bench/fidelity-measure.js';
import { runFidelity, within10 } from '../../bench/fidelity.js';
import { QUICK_MEASURE } from '../../bench/harness.js';
import { OPCODES } from '../../vm/opcodes.js';

describe('bench fidelity', () => {
  const ops = measureOps();

  it('measures every instruction of the table on the firmware, branches both ways', () => {
    const names = new Set(ops.map((o) => o.name.split(' ')[0]));
    for (const row of OPCODES) expect(names.has(row.name)).toBe(true);
    for (const o of ops) expect(o.avr).toBeGreaterThan(0);
    const taken = (name: string): number => ops.find((o) => o.name === `${name} taken`)?.avr ?? 0;
    const notTaken = (name: string): number => ops.find((o) => o.name === `${name} not taken`)?.avr ?? 0;
    for (const branch of ['blez', 'jumpc', 'blezw']) expect(taken(branch)).toBeGreaterThan(notTaken(branch));
  });

  it('puts the lean profile within 10% of every instruction alone on the firmware, and the seed lean nowhere near', () => {
    expect(within10(ops, 'lean', 'avrExec')).toBe(ops.length);
    expect(within10(ops, 'seedLean', 'avrExec')).toBeLessThan(ops.length / 2);
    for (const o of ops) expect(o.avrExec, o.name).toBeLessThan(o.avr);
  });

  it('finds division dearer than addition on the AVR (a libgcc call against an ADD)', () => {
    const avr = (name: string): number => ops.find((o) => o.name === name)?.avr ?? 0;
    expect(avr('div')).toBeGreaterThan(avr('add') + 100);
  });

  it('measures the TinyOS primitives on the firmware, each beside its seed figure', () => {
    const p = measurePrimitives();
    expect(Object.keys(p).sort()).toEqual(['byteCopy', 'eventToHandlerMicros', 'interrupt', 'post', 'taskSwitch']);
    expect(p.interrupt.measured).toBe(p.interrupt.hardware + p.interrupt.software);
    expect(p.byteCopy.measured).toBeGreaterThan(0);
    expect(p.eventToHandlerMicros.measured).toBeGreaterThan(p.interrupt.measured * 0.25);
    expect(p.post.seed).toBe(10);
  });

  it('charges a second of sleep at 2.4 mA and 3 V: 7,200 µJ', () => {
    expect(cpuMicroJoules(0, 1)).toBeCloseTo(7200, 6);
    expect(cpuMicroJoules(4_000_000, 1)).toBeCloseTo(13_800, 6);
  });

  it('reports ops, primitives and energy under the keys the issue names', () => {
    const report = runFidelity(QUICK_MEASURE);
    const json = report.json as { ops: object[]; primitives: object; energy: object[] };
    expect(Object.keys(json.ops[0]).sort()).toEqual(['avr', 'avrExec', 'lean', 'mate', 'name', 'seedLean']);
    expect(Object.keys(json.energy[0]).sort()).toEqual(['abstractMicroJoules', 'avrMicroJoules', 'capsule']);
    expect(Object.keys(json.primitives).sort()).toEqual(['byteCopy', 'eventToHandlerMicros', 'interrupt', 'post', 'taskSwitch']);
  }, 60_000);
});
