// `mote bench energy`: battery lifetimes on 2 x AA (2850 mAh at 3 V, SPEC 1) read off the emulated
// mote's energy meter, beside the seed's figures and SPEC 4's cross-checks: full blast, peak load, the
// 200 uA budget, the radio's energy per bit, and every shipped program at its duty cycle.

import { SUPPLY_VOLTS } from '../sim/core/power-states.js';
import { measure, summarize, type MeasureOptions, type Stats } from './harness.js';
import type { Benchmark, BenchReport, BenchRow } from './report.js';
import { key } from './tables/keys.js';
import { energySample, FULL_ENERGY, POWER_MODES, QUICK_ENERGY } from './tables/energy-sample.js';
import { DAY_S, YEAR_S } from './tables/lifetime.js';
import { SEED_ENERGY } from './tables/references.js';
import { shippedPrograms } from './tables/shipped.js';
import { num, textTable } from './tables/text-table.js';

export interface ProgramLifetime {
  readonly name: string;
  /** POWER_MODES: `listening` (TinyOS 1.x) or `low power` (radio off between sends, sensors per reading). */
  readonly mode: string;
  readonly radioIdle: string;
  readonly sensorPower: string;
  readonly microAmps: number;
  readonly days: number;
  readonly years: number;
  readonly withinBudget: boolean;
}

export function runEnergy(options: MeasureOptions): BenchReport {
  const scale = options.quick ? QUICK_ENERGY : FULL_ENERGY;
  const { programs } = shippedPrograms();
  let seed = 0;
  const stats = measure(() => energySample(++seed, scale, programs), { ...options, warmup: 0 });
  const m = (k: string): number => stats[k].median;
  const joules = m(key('battery', 'joules'));
  /** Lifetime in seconds at a mean draw in uA, on the battery the emulator holds. */
  const lifetime = (microAmps: number): number => joules / (microAmps * 1e-6 * SUPPLY_VOLTS);
  const scaled = (k: string, f: (x: number) => number): Stats => summarize(stats[k].samples.map(f));

  const fullBlastDays = m(key('fullBlast', 'seconds')) / DAY_S;
  const fullBlastBatteryDays = m(key('fullBlast', 'emptySeconds')) / DAY_S;
  const peakMilliAmps = m(key('peak', 'microAmps')) / 1000;
  const budget200uAYears = lifetime(SEED_ENERGY.budgetMicroAmps) / YEAR_S;
  const radioMicroJoulesPerBit = m(key('radio', 'microJoulesPerBit'));
  const idle = POWER_MODES.map((mode) => ({ mode: mode.name, microAmps: m(key('idle', mode.name, 'microAmps')) }));
  const capsules: ProgramLifetime[] = programs.flatMap((p) =>
    POWER_MODES.map((mode) => {
      const microAmps = m(key('program', p.name, mode.name, 'microAmps'));
      const seconds = lifetime(microAmps);
      return {
        name: p.name, mode: mode.name, radioIdle: mode.radioIdle, sensorPower: mode.sensorPower,
        microAmps, days: seconds / DAY_S, years: seconds / YEAR_S, withinBudget: microAmps <= SEED_ENERGY.budgetMicroAmps,
      };
    }),
  );

  const days = (label: string, k: string): BenchRow => ({ label, unit: 'days', stats: scaled(k, (uA) => lifetime(uA) / DAY_S) });
  const rows: BenchRow[] = [
    { label: 'full blast', unit: 'days', stats: scaled(key('fullBlast', 'seconds'), (s) => s / DAY_S) },
    { label: 'full blast, run dry', unit: 'days', stats: scaled(key('fullBlast', 'emptySeconds'), (s) => s / DAY_S) },
    { label: '200 uA budget', unit: 'days', stats: summarize(stats[key('battery', 'joules')].samples.map(() => lifetime(SEED_ENERGY.budgetMicroAmps) / DAY_S)) },
    ...POWER_MODES.map((mode) => days(`idle, ${mode.name}`, key('idle', mode.name, 'microAmps'))),
    ...capsules.map((c) => days(`${c.name}, ${c.mode}`, key('program', c.name, c.mode, 'microAmps'))),
    { label: 'peak load', unit: 'mA', stats: scaled(key('peak', 'microAmps'), (uA) => uA / 1000) },
    { label: 'radio energy per bit', unit: 'uJ', stats: stats[key('radio', 'microJoulesPerBit')] },
  ];
  const lifetimeRows = rows.filter((r) => r.unit === 'days').map((r) => r.label);

  return {
    name: 'energy',
    title: 'battery lifetimes on 2 x AA (2850 mAh, 3 V), read off the emulated mote\'s energy meter',
    json: {
      fullBlastDays,
      peakMilliAmps,
      budget200uAYears,
      radioMicroJoulesPerBit,
      capsules,
      fullBlastMilliAmps: m(key('fullBlast', 'microAmps')) / 1000,
      fullBlastBatteryDays,
      idle,
      radioPacketMicroJoules: m(key('radio', 'packetMicroJoules')),
      radioBitsPerPacket: m(key('radio', 'bits')),
      batteryJoules: joules,
      seed: SEED_ENERGY,
    },
    rows,
    chart: { title: 'Lifetime on 2 x AA (2850 mAh, 3 V)', unit: 'days', rows: lifetimeRows, log: true },
    notes: [
      ...textTable(
        ['figure', 'emulator', 'seed', 'check'],
        [
          ['full blast (CPU active, radio sending)', `${num(fullBlastDays)} days`, '7 days (7-10)', check(fullBlastDays >= SEED_ENERGY.fullBlastDaysRange[0] && fullBlastDays <= SEED_ENERGY.fullBlastDaysRange[1])],
          ['  run until the battery model empties', `${num(fullBlastBatteryDays)} days`, '', check(Math.abs(fullBlastBatteryDays / fullBlastDays - 1) < 0.01)],
          ['peak load (CPU, radio, every sensor)', `${num(peakMilliAmps)} mA`, '< 20 mA', check(peakMilliAmps <= SEED_ENERGY.peakMilliAmps)],
          ['200 uA average', `${num(budget200uAYears)} years`, '>= 1 year (1.63)', check(budget200uAYears >= 1)],
          ['radio energy per bit', `${num(radioMicroJoulesPerBit)} uJ`, '1 uJ (within 15%)', check(Math.abs(radioMicroJoulesPerBit / SEED_ENERGY.radioMicroJoulesPerBit - 1) <= SEED_ENERGY.radioTolerance)],
        ],
        2,
      ),
      `shipped programs at their duty cycle (mote 1 of a line, mean over ${scale.seconds} simulated s), beside the 200 uA budget:`,
      ...textTable(
        ['program', 'mode', 'mean uA', 'days', 'years', '<= 200 uA'],
        [
          ...idle.map((i) => ['(no code)', i.mode, i.microAmps, lifetime(i.microAmps) / DAY_S, lifetime(i.microAmps) / YEAR_S, i.microAmps <= SEED_ENERGY.budgetMicroAmps ? 'yes' : 'no']),
          ...capsules.map((c) => [c.name, c.mode, c.microAmps, c.days, c.years, c.withinBudget ? 'yes' : 'no']),
        ],
        4,
      ),
      'listening: the radio listens whenever it is not sending and sensors stay on (TinyOS 1.x); ' +
        'low power: the radio is off except to send (30 ms start-up each time), sensors are powered per reading',
    ],
  };
}

function check(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

export const energyBenchmark: Benchmark = {
  name: 'energy',
  description: 'battery lifetimes: full blast, peak, the 200 uA budget, every shipped program',
  run: runEnergy,
};
