// `mote bench energy` on a quick run: the JSON contract, and the emulated mote's energy meter and
// battery against the seed's figures and SPEC 4's cross-checks, within their stated tolerances.

import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEnergy, type ProgramLifetime } from '../../bench/energy.js';
import { QUICK_MEASURE, type MachineInfo } from '../../bench/harness.js';
import { formatTable, type BenchReport } from '../../bench/report.js';
import { writeResults } from '../../bench/results.js';
import { POWER_MODES } from '../../bench/tables/energy-sample.js';
import { DAY_S, fullBlast, YEAR_S } from '../../bench/tables/lifetime.js';
import { shippedPrograms } from '../../bench/tables/shipped.js';
import { parseCsv, xmlProblems } from './parsers.js';

let cached: BenchReport | undefined;
function report(): BenchReport {
  cached ??= runEnergy(QUICK_MEASURE);
  return cached;
}
interface EnergyJson {
  fullBlastDays: number;
  peakMilliAmps: number;
  budget200uAYears: number;
  radioMicroJoulesPerBit: number;
  capsules: ProgramLifetime[];
  fullBlastMilliAmps: number;
  fullBlastBatteryDays: number;
  idle: { mode: string; microAmps: number }[];
  radioBitsPerPacket: number;
  batteryJoules: number;
}
const json = (): EnergyJson => report().json as never;

describe('mote bench energy --json', () => {
  it('has the contract keys: fullBlastDays, peakMilliAmps, budget200uAYears, radioMicroJoulesPerBit, capsules', () => {
    for (const k of ['fullBlastDays', 'peakMilliAmps', 'budget200uAYears', 'radioMicroJoulesPerBit'] as const) {
      expect(Number.isFinite(json()[k]) && json()[k] > 0, k).toBe(true);
    }
    expect(Array.isArray(json().capsules)).toBe(true);
  });

  it('meters the battery the seed names: 2850 mAh at 3 V = 30,780 J', () => {
    expect(json().batteryJoules).toBeCloseTo(2.85 * 3600 * 3, 6);
  });
});

describe('the seed`s figures and SPEC 4`s cross-checks', () => {
  it('full blast draws 4.6 + 12 mA and lasts 7.15 days, inside the seed`s 7-10 days', () => {
    expect(json().fullBlastMilliAmps).toBeCloseTo(16.6, 2);
    expect(Math.abs(json().fullBlastDays / 7.15 - 1)).toBeLessThan(0.005);
    expect(json().fullBlastDays).toBeGreaterThanOrEqual(7);
    expect(json().fullBlastDays).toBeLessThanOrEqual(10);
  });

  it('full blast run until the battery model empties agrees with the meter`s extrapolation within 1%', () => {
    expect(Math.abs(json().fullBlastBatteryDays / json().fullBlastDays - 1)).toBeLessThan(0.01);
  });

  it('peak load, every part on, is 4.6 + 12 + 2.476 = 19.08 mA: at most 20 mA', () => {
    expect(json().peakMilliAmps).toBeCloseTo(19.076, 2);
    expect(json().peakMilliAmps).toBeLessThanOrEqual(20);
  });

  it('200 uA on average lasts 1.63 years: at least one', () => {
    expect(json().budget200uAYears).toBeCloseTo(1.626, 3);
    expect(json().budget200uAYears).toBeGreaterThanOrEqual(1);
  });

  it('the radio spends 0.9 uJ a bit over the 288 bits of a packet: within 15% of 1 uJ', () => {
    expect(json().radioBitsPerPacket).toBe(288);
    expect(json().radioMicroJoulesPerBit).toBeCloseTo(0.9, 9);
    expect(Math.abs(json().radioMicroJoulesPerBit - 1)).toBeLessThanOrEqual(0.15);
  });

  it('an idle mote draws 3.6 + 2.4 mA listening, and the suspended CPU`s 10 uA with the radio off', () => {
    expect(json().idle.map((i) => [i.mode, i.microAmps])).toEqual([
      ['listening', expect.closeTo(6000, 6)],
      ['low power', expect.closeTo(10, 6)],
    ]);
  });

  it('full blast draws the same mean current however long the meter is read, to within one VM slice', () => {
    // The CPU is charged a slice (7.2 ms) at a time: at 2.2 mA over the idle floor that is at most 16 uA
    // over a one-second window.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 50 }), (seconds, seed) => {
        expect(Math.abs(fullBlast(seconds, 'mate', seed).microAmps - 16_600)).toBeLessThanOrEqual(16 / seconds);
      }),
      { numRuns: 4 },
    );
  });
});

describe('shipped programs at their duty cycle', () => {
  it('has every program in both power modes, its lifetime from its mean current', () => {
    const { programs } = shippedPrograms();
    expect(json().capsules.map((c) => `${c.name} ${c.mode}`)).toEqual(programs.flatMap((p) => POWER_MODES.map((m) => `${p.name} ${m.name}`)));
    for (const c of json().capsules) {
      expect(c.days * DAY_S).toBeCloseTo((json().batteryJoules / (c.microAmps * 1e-6 * 3)), 3);
      expect(c.years * YEAR_S).toBeCloseTo(c.days * DAY_S, 3);
      expect(c.withinBudget).toBe(c.microAmps <= 200);
    }
  });

  it('lasts longer in low power than listening, and never longer than an idle mote', () => {
    const idle = Object.fromEntries(json().idle.map((i) => [i.mode, i.microAmps]));
    for (const p of shippedPrograms().programs) {
      const [listening, low] = POWER_MODES.map((m) => json().capsules.find((c) => c.name === p.name && c.mode === m.name)!);
      expect(low.microAmps).toBeLessThan(listening.microAmps);
      expect(listening.microAmps).toBeGreaterThanOrEqual(idle.listening);
      expect(low.microAmps).toBeGreaterThan(idle['low power']);
    }
  });

  it('cnt_to_leds in low power fits the 200 uA budget; sense_and_send`s packet a second does not', () => {
    const find = (name: string): ProgramLifetime => json().capsules.find((c) => c.name === name && c.mode === 'low power')!;
    expect(find('cnt_to_leds').withinBudget).toBe(true);
    expect(find('sense_and_send').withinBudget).toBe(false);
  });
});

describe('mote bench energy output', () => {
  it('prints every check beside the seed`s figure, all met', () => {
    const text = formatTable(report());
    expect(text).toMatch(/full blast \(CPU active, radio sending\) +7\.15 days +7 days \(7-10\) +ok/);
    expect(text).toMatch(/radio energy per bit +0\.9 uJ +1 uJ \(within 15%\) +ok/);
    expect(text).not.toContain('MISSED');
  });

  it('writes a CSV of every row and a well-formed SVG chart of the lifetimes', () => {
    const machine: MachineInfo = { cpu: 'test', cores: 1, node: 'v20', platform: 'linux-x64' };
    const dir = mkdtempSync(join(tmpdir(), 'mote-energy-'));
    const [csv, svg] = writeResults(dir, report(), machine);
    expect(parseCsv(readFileSync(csv, 'utf8'))).toHaveLength(report().rows.length + 1);
    expect(xmlProblems(readFileSync(svg, 'utf8'))).toEqual([]);
  });
});
