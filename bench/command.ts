// `mote bench [name]`: runs the benchmarks, prints the machine line and a table per benchmark (or
// one JSON object keyed by benchmark name), and writes CSV and SVG files to ./bench-results/ under the
// current directory, or --out (issue 19: never into the installed package).

import { Argument, InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import type { Io } from '../cli/io.js';
import { avrBenchmark } from './avr.js';
import { cyclesBenchmark } from './cycles.js';
import { energyBenchmark } from './energy.js';
import { fidelityBenchmark } from './fidelity.js';
import { DEFAULT_MEASURE, machineInfo, machineLine, QUICK_MEASURE, type MeasureOptions } from './harness.js';
import { formatTable, type Benchmark } from './report.js';
import { millionBenchmark } from './scale/million.js';
import { writeResults } from './results.js';
import { simBenchmark } from './sim.js';
import { sweepBenchmark } from './sweep.js';
import { PAPER_SEEDS, trickleBenchmark } from './trickle.js';
import { vmBenchmark } from './vm.js';

export const BENCHMARKS: readonly Benchmark[] = [vmBenchmark, avrBenchmark, cyclesBenchmark, energyBenchmark, trickleBenchmark, simBenchmark];
/** Run only when named: each takes minutes. */
export const ON_REQUEST: readonly Benchmark[] = [millionBenchmark, sweepBenchmark, fidelityBenchmark];

interface BenchFlags {
  json?: boolean;
  runs?: number;
  out?: string;
  quick?: boolean;
  paper?: boolean;
}

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${flag} wants a whole number >= 1, got '${value}'`);
    }
    return n;
  };
}

export function registerBench(program: Command, io: Io): void {
  const all = [...BENCHMARKS, ...ON_REQUEST];
  const names = all.map((b) => b.name);
  program
    .command('bench')
    .description("measure the VM and emulator on this machine (median and spread of several runs); reproduce the Trickle paper's experiments")
    .addArgument(new Argument('[name]', `benchmark to run (default: all): ${names.join(', ')}`).choices(names))
    .option('--json', 'print one JSON object keyed by benchmark name')
    .option('--runs <n>', `measured runs per benchmark, after a warm-up; seeds for trickle (default ${DEFAULT_MEASURE.runs})`, positiveInteger('--runs'))
    .option('--out <dir>', 'folder for the CSV and SVG results (default ./bench-results)')
    .option('--quick', 'one tiny run per benchmark: checks that everything runs, measures nothing')
    .option('--paper', "trickle: the paper's propagation as it ran it (TOSSIM-bit radio, Mate's rule), 10 seeds, with the ablation")
    .addHelpText(
      'after',
      '\nBenchmarks:\n' +
        all.map((b) => `  ${b.name.padEnd(8)} ${b.description}`).join('\n') +
        '\n\nExample:\n  $ mote bench vm\n  $ npm run bench -- avr --runs 9 --json\n  $ npm run bench -- trickle --runs 10\n  $ npm run bench -- trickle --paper',
    )
    .action(async (name: string | undefined, flags: BenchFlags) => {
      const base = flags.quick ? QUICK_MEASURE : DEFAULT_MEASURE;
      const paper = flags.paper === true;
      const options: MeasureOptions = { ...base, runs: flags.runs ?? (paper && !flags.quick ? PAPER_SEEDS : base.runs), paper };
      const machine = machineInfo();
      const chosen = name === undefined ? BENCHMARKS : all.filter((b) => b.name === name);
      if (!flags.json) io.stdout(`${machineLine(machine)}\n`);
      const json: Record<string, unknown> = { machine };
      for (const benchmark of chosen) {
        const report = await benchmark.run(options);
        const files = writeResults(flags.out ?? resolve('bench-results'), report, machine);
        json[report.name] = report.json;
        if (!flags.json) io.stdout(`\n${formatTable(report)}\n  wrote ${files.join(', ')}\n`);
      }
      if (flags.json) io.stdout(`${JSON.stringify(json)}\n`);
    });
}
