// The measuring harness: repeated runs after a warm-up, reported as median and spread, and the
// machine they ran on. Wall time is allowed here, and only here: benchmarks measure the host.
// Timings are only ever compared as ratios of figures measured in the same run.

import { availableParallelism, cpus, platform, arch } from 'node:os';

export interface Stats {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max - min) / median: 0.05 means the runs fell within 5% of the median. */
  readonly spread: number;
  readonly samples: readonly number[];
}

/** How hard to measure: runs counted, warm-up runs discarded, host seconds per run (at least). */
export interface MeasureOptions {
  readonly runs: number;
  readonly warmup: number;
  /** Host seconds per run, shared by the kinds of work it measures (0: one chunk of each). */
  readonly seconds: number;
  /** Tiny chunks of work, for tests: they check that the numbers come out, not how large they are. */
  readonly quick: boolean;
  /** trickle: only the paper's propagation experiment, as the paper ran it (bench/experiments/paper-experiment.ts). */
  readonly paper?: boolean;
}

export const DEFAULT_MEASURE: MeasureOptions = { runs: 5, warmup: 1, seconds: 0.5, quick: false };
export const QUICK_MEASURE: MeasureOptions = { runs: 1, warmup: 0, seconds: 0, quick: true };

export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('summarize needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  return { runs: samples.length, median, min, max, spread: median === 0 ? 0 : (max - min) / median, samples: [...samples] };
}

/** The same statistics with every sample multiplied by k (a unit change, e.g. cycles/s to motes). */
export function scaleStats(stats: Stats, k: number): Stats {
  return summarize(stats.samples.map((s) => s * k));
}

/** Host seconds since an arbitrary origin, from the monotonic high-resolution clock. */
export function hostSeconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * Units of work per host second for each of several kinds of work, measured in turns: one chunk
 * of each, round after round, until `seconds` have passed (at least one round). Taking turns every
 * millisecond or so means a burst of load from elsewhere on the host hits every kind alike, so
 * their ratios hold even when the absolute figures wobble. Each chunk does some work and returns
 * how many units it did; it should take a millisecond or more, so that reading the clock around
 * it costs nothing measurable.
 */
export function interleavedRates<K extends string>(chunks: Record<K, () => number>, seconds: number): Record<K, number> {
  const keys = Object.keys(chunks) as K[];
  const units = new Float64Array(keys.length);
  const time = new Float64Array(keys.length);
  const start = hostSeconds();
  do {
    for (let i = 0; i < keys.length; i++) {
      const t0 = hostSeconds();
      units[i] += chunks[keys[i]]();
      time[i] += hostSeconds() - t0;
    }
  } while (hostSeconds() - start < seconds);
  return Object.fromEntries(keys.map((k, i) => [k, units[i] / time[i]])) as Record<K, number>;
}

/**
 * Runs `sample` warm-up times (discarded: they let V8 optimise the code under test), then `runs`
 * times, and summarises the samples. A sample returns several named figures measured together
 * (e.g. two emulators and their ratio).
 */
export function measure<K extends string>(sample: () => Record<K, number>, options: MeasureOptions): Record<K, Stats> {
  for (let i = 0; i < options.warmup; i++) sample();
  const runs: Record<K, number>[] = [];
  for (let i = 0; i < Math.max(1, options.runs); i++) runs.push(sample());
  const keys = Object.keys(runs[0]) as K[];
  return Object.fromEntries(keys.map((k) => [k, summarize(runs.map((r) => r[k]))])) as Record<K, Stats>;
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown CPU',
    cores: availableParallelism(),
    node: process.version,
    platform: `${platform()}-${arch()}`,
  };
}

export function machineLine(m: MachineInfo): string {
  return `machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}`;
}
