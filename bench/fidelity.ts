// `mote bench fidelity` (issue 14): the cost models against the firmware. Per instruction, the AVR
// cycles measured on the C VM (firmware/, avr-gcc 5.4 -Os for the ATmega128, run by avr8js): the whole
// firmware (vm_pick to vm_pick) beside the mate table, the instruction alone (vm_exec) beside the lean
// table generated from it (vm/lean-costs.ts) and SPEC 7's seed figures; the TinyOS primitives as the firmware performs them beside
// the seed's figures (SPEC 3); a capsule's CPU energy on an AVR mote and an abstract mote; and how fast
// one AVR mote runs against real time (host-dependent, median of runs). All cycles are measured.

import { join } from 'node:path';
import { AvrVm } from '../sim/avr/avr-vm.js';
import { FIRMWARE_DIR } from '../sim/avr/image.js';
import { assemble } from '../assembler/assemble.js';
import { runSingleMote } from '../vm/single-host.js';
import { createNetwork } from '../sim/network/network.js';
import { counterCapsule, gridWorld, timedRun } from './scale/clock.js';
import { hostSeconds, measure, type MeasureOptions } from './harness.js';
import { measureEnergy, measureOps, measurePrimitives, type OpFidelity } from './fidelity-measure.js';
import type { Benchmark, BenchReport } from './report.js';
import { formatSi } from './report.js';

/** The targets: one AVR mote at least this many times faster than real time; a 400-mote grid with 4 AVR motes, this many. */
export const TARGET_REAL_TIME = 20;
export const TARGET_MIXED_REAL_TIME = 5;
/** The mixed grid's AVR motes: two corners and two inside. */
const MIXED_AVR = [0, 133, 266, 399];

/** Simulated seconds per host second of a 20 x 20 grid, every mote running the counter, 4 of them AVR motes. */
function mixedGridFactor(seconds: number): number {
  const world = gridWorld(20);
  const net = createNetwork({ topology: world.topology, radio: world.radio, seed: 1, capsules: [counterCapsule()], avrMotes: MIXED_AVR });
  net.runUntil(1e9); // boot
  return timedRun(net, seconds).realTimeFactor;
}
/** Capsules whose energy is compared (paths under capsules/). */
const ENERGY_CAPSULES = [['cnt_to_leds.mate'], ['sense_to_leds.mate'], ['sense_and_send.mate'], ['blink_loop.mate', 'blink_loop_sub0.mate']];
const CAPSULES_DIR = join(FIRMWARE_DIR, '..', 'capsules');

/** A once capsule that never stops: the AVR mote's CPU is busy all the time. */
const BUSY = assemble('.capsule once\ntop: pushc 1\n pop\n jump top\n', 'busy.mate');

/** Simulated seconds per host second of one AVR mote running these capsules (decoded: sim/avr/core.ts's loop, else avr8js's avrInstruction). */
function realTimeFactor(kind: 'busy' | 'clock', seconds: number, decoded = true): number {
  const capsules = kind === 'busy' && BUSY.ok ? [BUSY.capsule] : [];
  if (kind === 'clock') {
    const r = assemble('.capsule clock\n gets\n pushc 1\n add\n copy\n sets\n pushc 7\n and\n putled\n halt\n', 'c.mate');
    if (r.ok) capsules.push(r.capsule);
  }
  const t0 = hostSeconds();
  runSingleMote(capsules, { seconds, makeVm: (host) => new AvrVm(host, { decoded }) });
  return seconds / (hostSeconds() - t0);
}

export function formatOps(ops: readonly OpFidelity[]): string {
  const col = (x: string | number, w: number): string => String(x).padStart(w);
  const ratio = (a: number, b: number): string => (a / b).toFixed(2).padStart(7);
  const head =
    `${'instruction'.padEnd(18)}${col('avr', 6)}${col('mate', 7)}${col('m/avr', 7)}  |${col('exec', 6)}${col('lean', 6)}` +
    `${col('l/exec', 7)}${col('seed', 6)}${col('s/exec', 7)}`;
  const lines = ops.map(
    (o) =>
      `${o.name.padEnd(18)}${col(o.avr, 6)}${col(o.mate, 7)}${ratio(o.mate, o.avr)}  |${col(o.avrExec, 6)}${col(o.lean, 6)}` +
      `${ratio(o.lean, o.avrExec)}${col(o.seedLean, 6)}${ratio(o.seedLean, o.avrExec)}`,
  );
  return [
    'AVR cycles per instruction measured on the firmware: avr = vm_pick to vm_pick (the round robin, fetch, dispatch,',
    'the operation), beside the mate profile; exec = vm_exec alone (call to return), beside the lean profile',
    "(vm/lean-costs.ts, generated from exec) and SPEC 7's seed lean figure:",
    head,
    ...lines,
  ].join('\n');
}

/** How many instructions a model's column puts within 10% of a measured one. */
export function within10(ops: readonly OpFidelity[], model: 'lean' | 'seedLean' | 'mate', measured: 'avr' | 'avrExec'): number {
  return ops.filter((o) => Math.abs(o[model] - o[measured]) <= 0.1 * o[measured]).length;
}

export function runFidelity(options: MeasureOptions): BenchReport {
  const ops = measureOps();
  const primitives = measurePrimitives();
  const seconds = options.quick ? 1 : 10;
  const energy = measureEnergy(ENERGY_CAPSULES.map((files) => files.map((f) => join(CAPSULES_DIR, f))), seconds);
  const speedSeconds = options.quick ? 0.05 : 2;
  const stats = measure(
    () => ({
      busy: realTimeFactor('busy', speedSeconds),
      busyAvr8js: realTimeFactor('busy', speedSeconds, false),
      clock: realTimeFactor('clock', speedSeconds * 10),
      mixed: mixedGridFactor(speedSeconds * 10),
    }),
    options,
  );
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const leanRatio = mean(ops.map((o) => o.lean / o.avrExec));
  const seedRatio = mean(ops.map((o) => o.seedLean / o.avrExec));
  const mateRatio = mean(ops.map((o) => o.mate / o.avr));
  const p = primitives;
  const primitiveTable = [
    'TinyOS primitives on the firmware (cycles; the seed, SPEC 3, beside):',
    `  post a task            ${String(p.post.measured).padStart(6)}   seed ${p.post.seed}`,
    `  task switch            ${String(p.taskSwitch.measured).padStart(6)}   seed ${p.taskSwitch.seed}`,
    `  interrupt              ${String(p.interrupt.measured).padStart(6)}   seed 9 + 71 (hardware ${p.interrupt.hardware} + software ${p.interrupt.software})`,
    `  byte copy (reception)  ${String(p.byteCopy.measured).padStart(6)}   seed ${p.byteCopy.seed}`,
    `  timer event to handler ${p.eventToHandlerMicros.measured.toFixed(1).padStart(6)} µs seed < ${p.eventToHandlerMicros.seed} µs`,
  ].join('\n');
  const energyTable = [
    `CPU energy over ${seconds} s (active cycles at 4.6 mA, asleep at 2.4 mA, 3 V), µJ:`,
    ...energy.map((e) => `  ${e.capsule.padEnd(28)} avr ${e.avrMicroJoules.toFixed(1).padStart(9)}   abstract (mate) ${e.abstractMicroJoules.toFixed(1).padStart(9)}`),
  ].join('\n');
  const rows = [
    { label: 'one AVR mote, CPU-bound', unit: 'x real time', stats: stats.busy },
    { label: "  the same on avr8js's decoder", unit: 'x real time', stats: stats.busyAvr8js },
    { label: 'one AVR mote, clock capsule', unit: 'x real time', stats: stats.clock },
    { label: '400-mote grid, 4 AVR motes', unit: 'x real time', stats: stats.mixed },
  ];
  return {
    name: 'fidelity',
    title: 'the cost models against the firmware on avr8js: instructions, TinyOS primitives, energy, speed',
    json: {
      ops,
      primitives,
      energy,
      speed: {
        busyRealTime: stats.busy.median,
        busyRealTimeAvr8jsDecoder: stats.busyAvr8js.median,
        clockRealTime: stats.clock.median,
        target: TARGET_REAL_TIME,
        meetsTarget: stats.busy.median >= TARGET_REAL_TIME,
        mixedGridRealTime: stats.mixed.median,
        mixedTarget: TARGET_MIXED_REAL_TIME,
        meetsMixedTarget: stats.mixed.median >= TARGET_MIXED_REAL_TIME,
      },
      // lean and seedLean against exec (vm_exec alone), mate against avr (vm_pick to vm_pick).
      meanRatio: { lean: leanRatio, seedLean: seedRatio, mate: mateRatio },
      within10Percent: { lean: within10(ops, 'lean', 'avrExec'), seedLean: within10(ops, 'seedLean', 'avrExec'), mate: within10(ops, 'mate', 'avr'), of: ops.length },
      stats,
    },
    rows,
    chart: { title: 'One AVR mote against real time', unit: 'x real time', rows: rows.map((r) => r.label), log: true },
    notes: [
      `over ${ops.length} instructions on average: lean/exec ${leanRatio.toFixed(2)}, seed lean/exec ${seedRatio.toFixed(2)}, ` +
        `mate/avr ${mateRatio.toFixed(2)}; within 10% of the firmware: lean ${within10(ops, 'lean', 'avrExec')}, ` +
        `seed lean ${within10(ops, 'seedLean', 'avrExec')}, mate ${within10(ops, 'mate', 'avr')}`,
      `one AVR mote runs ${formatSi(stats.busy.median)}x real time CPU-bound (target ${TARGET_REAL_TIME}x: ` +
        `${stats.busy.median >= TARGET_REAL_TIME ? 'met' : 'missed'}; ${formatSi(stats.busyAvr8js.median)}x with avr8js's decoder, ` +
        `same cycles), ${formatSi(stats.clock.median)}x with a clock capsule; ` +
        `a 400-mote grid with 4 AVR motes ${formatSi(stats.mixed.median)}x (target ${TARGET_MIXED_REAL_TIME}x: ` +
        `${stats.mixed.median >= TARGET_MIXED_REAL_TIME ? 'met' : 'missed'})`,
    ],
    tables: [formatOps(ops), primitiveTable, energyTable],
  };
}

export const fidelityBenchmark: Benchmark = {
  name: 'fidelity',
  description: 'lean and mate costs against the firmware measured on avr8js; primitives, energy, speed',
  run: runFidelity,
};
