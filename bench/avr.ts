// `mote bench avr`: our emulator against avr8js (wokwi/avr8js 0.21, a cycle-accurate AVR emulator),
// in the same run. avr8js emulates every AVR instruction of a program; we interpret bytecodes and
// charge each its AVR cost (lean: measured on the firmware, vm/lean-costs.ts), so one host second covers far more mote time.
// Both figures are emulated mote cycles per host second; a real Mica mote runs 4 million (SPEC 1).
// Ours is measured twice: one emulated mote (the simulator: scheduler, slices, energy meter) running
// a CPU-bound capsule, the headline; and the bare VM running the same loop, to show what the mote's
// machinery costs.

import { CPU, avrInstruction } from 'avr8js';
import { AvrCore } from '../sim/avr/core.js';
import { LOOP_WORDS } from './avr-program.js';
import { interleavedRates, measure, scaleStats, type MeasureOptions } from './harness.js';
import type { Benchmark, BenchReport } from './report.js';
import { formatSi } from './report.js';
import { cpuBoundNetwork, runCpuBound } from './scale/clock.js';
import { COUNT_LOOP, loopVm } from './vm-loop.js';

/** Mica CPU clock (SPEC 1): cycles per second of a real mote. */
export const MOTE_HZ = 4_000_000;
/** The target: ours at least this many times faster than avr8js. */
export const TARGET_RATIO = 100;

/** ATmega128: 128 KB of flash (64 Ki words) and 4 KB of SRAM (SPEC 1). */
const FLASH_WORDS = 0x10000;
const SRAM_BYTES = 4096;

export interface AvrMachine {
  readonly cpu: CPU;
  /** Executes whole instructions until at least `cycles` more have passed; returns how many did. */
  run(cycles: number): number;
  /** Executes exactly `count` instructions. */
  step(count: number): void;
}

/** Which loop runs avr8js's CPU: its own avrInstruction, as its demos drive it, or our decoded one (sim/avr/core.ts). */
export type AvrLoop = 'avr8js' | 'decoded';

/** The longest AVR instruction avr8js counts (CALL, RET, RETI): 4 cycles. */
const MAX_INSTRUCTION_CYCLES = 4;

/** avr8js's CPU with the loop program of avr-program.ts in flash. */
export function avrMachine(words: readonly number[] = LOOP_WORDS, loop: AvrLoop = 'avr8js'): AvrMachine {
  const flash = new Uint16Array(FLASH_WORDS);
  flash.set(words);
  const cpu = new CPU(flash, SRAM_BYTES);
  if (loop === 'decoded') {
    const core = new AvrCore(cpu);
    return {
      cpu,
      run(cycles) {
        const start = cpu.cycles;
        const end = start + cycles;
        // Never more instructions than could fit in what is left: overshoot stays under one instruction.
        while (cpu.cycles < end) core.run(Math.max(1, Math.floor((end - cpu.cycles) / MAX_INSTRUCTION_CYCLES)));
        return cpu.cycles - start;
      },
      step(count) {
        if (count > 0) core.run(count);
      },
    };
  }
  return {
    cpu,
    run(cycles) {
      const start = cpu.cycles;
      const end = start + cycles;
      while (cpu.cycles < end) {
        avrInstruction(cpu);
        cpu.tick();
      }
      return cpu.cycles - start;
    },
    step(count) {
      for (let i = 0; i < count; i++) {
        avrInstruction(cpu);
        cpu.tick();
      }
    },
  };
}

/** Cycles per chunk of work: about a millisecond each on a 2020s core, tiny when quick. */
const AVR_CHUNK = 100_000;
const LEAN_CHUNK = 5_000_000;
const MATE_CHUNK = 30_000_000;
const QUICK_CHUNK = 1_000;
/** Simulated time per chunk on the emulated mote (8 M cycles), and when quick (a few VM slices). */
const MOTE_CHUNK_NS = 2e9;
const QUICK_MOTE_CHUNK_NS = 5e7;
/** The mote boots and installs its capsule in the first second. */
const BOOT_NS = 1e9;

export function runAvr(options: MeasureOptions): BenchReport {
  const avr = avrMachine();
  const decoded = avrMachine(LOOP_WORDS, 'decoded');
  const mote = cpuBoundNetwork('lean');
  mote.runUntil(BOOT_NS);
  const lean = loopVm(COUNT_LOOP, 'lean');
  const mate = loopVm(COUNT_LOOP, 'mate');
  const size = (n: number): number => (options.quick ? QUICK_CHUNK : n);
  const stats = measure(() => {
    const r = interleavedRates(
      {
        avr8js: () => avr.run(size(AVR_CHUNK)),
        decoded: () => decoded.run(size(AVR_CHUNK)),
        ours: () => runCpuBound(mote, options.quick ? QUICK_MOTE_CHUNK_NS : MOTE_CHUNK_NS),
        oursVm: () => lean.run(size(LEAN_CHUNK)).cycles,
        oursMate: () => mate.run(size(MATE_CHUNK)).cycles,
      },
      options.seconds,
    );
    return { ...r, ratio: r.ours / r.avr8js, vmRatio: r.oursVm / r.avr8js, mateRatio: r.oursMate / r.avr8js };
  }, options);
  const rows = [
    { label: 'avr8js', unit: 'AVR cycles/s', stats: stats.avr8js },
    { label: 'avr8js CPU, our decoded loop', unit: 'AVR cycles/s', stats: stats.decoded },
    { label: 'ours: emulated mote, lean', unit: 'mote cycles/s', stats: stats.ours },
    { label: 'ours: bare VM, lean', unit: 'mote cycles/s', stats: stats.oursVm },
    { label: 'ours: bare VM, mate', unit: 'mote cycles/s', stats: stats.oursMate },
    { label: 'ratio ours/avr8js', unit: 'x', stats: stats.ratio },
    { label: 'ratio, bare VM', unit: 'x', stats: stats.vmRatio },
    { label: 'ratio, mate costs', unit: 'x', stats: stats.mateRatio },
    { label: 'avr8js real-time motes', unit: 'motes', stats: scaleStats(stats.avr8js, 1 / MOTE_HZ) },
    { label: 'ours real-time motes', unit: 'motes', stats: scaleStats(stats.ours, 1 / MOTE_HZ) },
  ];
  const ratio = stats.ratio.median;
  return {
    name: 'avr',
    title: 'emulated mote cycles per host second: avr8js against our VM, one CPU-bound mote',
    json: {
      avr8jsCyclesPerSecond: stats.avr8js.median,
      oursCyclesPerSecond: stats.ours.median,
      // The AVR mote's loop (sim/avr/core.ts) on the same program: an AVR emulator, not our VM.
      decodedAvrCyclesPerSecond: stats.decoded.median,
      ratio,
      profile: 'lean',
      capsule: 'count loop (getvar, pushc, add, setvar, pushc, blez), a once capsule on one emulated mote',
      oursBareVmCyclesPerSecond: stats.oursVm.median,
      bareVmRatio: stats.vmRatio.median,
      oursMateCyclesPerSecond: stats.oursMate.median,
      mateRatio: stats.mateRatio.median,
      realTimeMotes: { avr8js: stats.avr8js.median / MOTE_HZ, ours: stats.ours.median / MOTE_HZ },
      targetRatio: TARGET_RATIO,
      meetsTarget: ratio >= TARGET_RATIO,
      stats,
    },
    rows,
    chart: { title: 'Emulated mote cycles per host second', unit: 'cycles per host second', rows: rows.slice(0, 5).map((r) => r.label), log: true },
    notes: [
      `ratio ${formatSi(ratio)}x (target ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'missed'}): one emulated mote ` +
        `running a CPU-bound capsule, counting the lean profile's cycles (each instruction's own AVR cycles ` +
        `on the firmware, measured on avr8js: what avr8js emulates per bytecode); the bare VM alone: ${formatSi(stats.vmRatio.median)}x`,
      `with the default mate profile (Maté's task per instruction, SPEC 7's figures) the ratio is ` +
        `${formatSi(stats.mateRatio.median)}x`,
      `real-time Mica motes (4 MHz) per host core: avr8js ${formatSi(stats.avr8js.median / MOTE_HZ)}, ` +
        `ours ${formatSi(stats.ours.median / MOTE_HZ)}`,
    ],
  };
}

export const avrBenchmark: Benchmark = {
  name: 'avr',
  description: 'avr8js against our VM: emulated mote cycles per host second, and the ratio',
  run: runAvr,
};
