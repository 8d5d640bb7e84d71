// `mote sweep PLAN`: run every point of a plan (cli/sweep/plan.ts) on all cores, or one shard of it
// in a cluster job array, resumably; `mote sweep merge DIR...`: one summary from the shards (issue 18).

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { nonNegativeInteger } from '../flags.js';
import { UserError, type Io } from '../io.js';
import { readInput } from '../load-capsule.js';
import { runSweep } from '../sweep/engine.js';
import { checkPlanFlags } from '../sweep/flag-check.js';
import { mergeFolders } from '../sweep/merge.js';
import { parsePlan } from '../sweep/plan.js';
import { chooseShard } from '../sweep/shard.js';
import { pointsFileName } from '../sweep/store.js';

interface SweepFlags {
  out?: string;
  shard?: string;
  shards?: number;
  threads?: number;
  quick?: boolean;
}

const HELP = `
A plan (YAML or JSON):
  run: sim                       # or: algo NAME
  flags: { topology: grid:10x10, inject: capsules/cnt_to_leds.mate@0:5s, seconds: 60 }
  axes: { spacing: [5, 10, 20], seed: { from: 1, to: 10 } }
  collect: [capsules.0.coveredAt, radio.transmissions, energy.totalJoules]
Flags and axes are the command's own flags (without --); collect names paths in its --json output.
An axis may name cases, each setting several flags: { setting: { faithful: {}, no-noise: { noise: false } } }.
'quick: { flags: ..., axes: ... }' is the plan's small version, run with --quick.
run: experiment propagation|cell|maintenance runs the Trickle benchmark's jobs (bench/plans/trickle/).
Points run in plan order, first axis outermost. Shard I of N (from 0) runs the points whose index k
has k mod N = I. Without --shard, SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are read, or
JOB_COMPLETION_INDEX with --shards N.

Output folder: plan.json, points.jsonl (one line per point; points.shard-I-of-N.jsonl for a shard),
summary.csv (median, iqr, central 95% per cell and value) and chart-VALUE.svg.

Examples:
  $ mote sweep plan.yaml -o results/
  $ mote sweep plan.yaml -o results/ --shard 0/3      # then 1/3 and 2/3, anywhere
  $ mote sweep merge results/`;

function positiveWhole(flag: string): (value: string) => number {
  const parse = nonNegativeInteger(flag);
  return (value) => {
    const n = parse(value);
    if (n < 1) throw new UserError(`${flag} wants a whole number >= 1, got '${value}'`);
    return n;
  };
}

export function registerSweep(program: Command, io: Io): void {
  const sweep = program
    .command('sweep')
    .description('run a plan of sim or algo points on all cores, or one shard of it on a cluster; merge shards')
    .argument('<plan>', 'plan file, YAML or JSON')
    .option('-o, --out <dir>', 'output folder (a rerun skips the points already in it) (default: "results")')
    .option('--shard <I/N>', 'run only shard I of N (I from 0)')
    .option('--shards <n>', 'shard count, for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)', positiveWhole('--shards'))
    .option('--threads <n>', `worker threads (default: all ${availableParallelism()} cores)`, positiveWhole('--threads'))
    .option('--quick', "run the plan's quick section (a small version that checks it runs)")
    .addHelpText('after', HELP)
    .action(async (planFile: string, flags: SweepFlags) => {
      const out = flags.out ?? 'results';
      const plan = parsePlan(readInput(planFile).toString('utf8'), planFile, { quick: flags.quick === true });
      checkPlanFlags(plan, program, planFile);
      const shard = chooseShard(flags.shard, flags.shards, process.env);
      const outcome = await runSweep({ plan, out, shard, threads: flags.threads ?? availableParallelism(), io });
      const where = outcome.workers > 0 ? `${outcome.workers} worker threads` : 'this thread';
      io.stdout(
        `sweep${shard === undefined ? '' : ` shard ${shard.index}/${shard.count}`}: ${outcome.share} points, ${outcome.skipped} already done, ` +
          `${outcome.ran} ran on ${where} in ${outcome.wallSeconds.toFixed(1)} s\n` +
          (outcome.files.length > 0 ? `wrote ${outcome.files.join(', ')}\n` : `when every shard is done: mote sweep merge ${out}\n`),
      );
      if (outcome.failed > 0) {
        throw new UserError(`${outcome.failed} of ${outcome.ran} points failed; their errors are in ${join(out, pointsFileName(shard))}`);
      }
    });
  sweep
    .command('merge')
    .description("join shard folders' points into one summary, the same as one unsharded run")
    .argument('<dirs...>', 'output folders of the shards (or one folder they shared)')
    .option('-o, --out <dir>', 'where to write summary.csv and the charts (default: the first folder)')
    .action((dirs: string[], flags: { out?: string }) => {
      // commander hands `-o` after the subcommand to the sweep command, which has one too.
      const outcome = mergeFolders(dirs, flags.out ?? sweep.opts<SweepFlags>().out ?? dirs[0]);
      io.stdout(`merged ${outcome.finished + outcome.failed} of ${outcome.points} points (${outcome.failed} failed)\nwrote ${outcome.files.join(', ')}\n`);
      if (outcome.missing > 0) throw new UserError(`${outcome.missing} of ${outcome.points} points are in no folder yet: a shard has not finished (rerun it; it skips what is done)`);
      if (outcome.failed > 0) throw new UserError(`${outcome.failed} of ${outcome.points} points failed; their errors are in the points files`);
    });
}
