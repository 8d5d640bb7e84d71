// What a benchmark hands back, and its text form: a table of median, min, max and spread per row.

import type { MeasureOptions, Stats } from './harness.js';

export interface BenchRow {
  readonly label: string;
  readonly unit: string;
  readonly stats: Stats;
}

export interface BenchChart {
  readonly title: string;
  readonly unit: string;
  /** Labels of the rows drawn as bars, in order. */
  readonly rows: readonly string[];
  /** Logarithmic axis, for bars that differ by orders of magnitude. */
  readonly log: boolean;
}

/** A file a benchmark writes beside NAME.csv and NAME.svg (an experiment's own CSV or chart). */
export interface ResultFile {
  readonly name: string;
  readonly text: string;
}

export interface BenchReport {
  readonly name: string;
  readonly title: string;
  /** The benchmark's entry in `mote bench --json`: contract keys first. */
  readonly json: Readonly<Record<string, unknown>>;
  readonly rows: readonly BenchRow[];
  readonly chart: BenchChart;
  /** Lines printed under the table: targets met or missed, and what limits the figure. */
  readonly notes: readonly string[];
  /** Further tables printed under the notes (an experiment's mean and spread over seeds). */
  readonly tables?: readonly string[];
  /** Further files written into the results folder. */
  readonly files?: readonly ResultFile[];
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  /** Sync for host timings; experiments that spread over worker threads return a promise. */
  run(options: MeasureOptions): BenchReport | Promise<BenchReport>;
}

const SI = [
  { k: 1e12, suffix: 'T' },
  { k: 1e9, suffix: 'G' },
  { k: 1e6, suffix: 'M' },
  { k: 1e3, suffix: 'k' },
];

/** "1.500" -> "1.5", "100.0" -> "100", "1000" stays. */
function trimZeros(digits: string): string {
  return digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits;
}

/** 123456789 -> "123.5 M"; three significant figures, SI prefix; small numbers as they are. */
export function formatSi(value: number): string {
  const abs = Math.abs(value);
  for (const { k, suffix } of SI) {
    if (abs >= k) return `${trimZeros((value / k).toPrecision(4))} ${suffix}`;
  }
  if (abs >= 100 || value === 0) return value.toFixed(0);
  return value.toPrecision(3);
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A fixed-width table: label, median, min, max, spread, unit. */
export function formatTable(report: BenchReport): string {
  const header = ['', 'median', 'min', 'max', 'spread', 'unit'];
  const body = report.rows.map((r) => [
    r.label,
    formatSi(r.stats.median),
    formatSi(r.stats.min),
    formatSi(r.stats.max),
    formatPercent(r.stats.spread),
    r.unit,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const runs = report.rows[0]?.stats.runs ?? 0;
  return [
    `${report.name}: ${report.title} (median of ${runs} run${runs === 1 ? '' : 's'})`,
    `  ${line(header)}`,
    ...body.map((row) => `  ${line(row)}`),
    ...report.notes.map((n) => `  ${n}`),
    ...(report.tables ?? []).map((t) => `\n${t}`),
  ].join('\n');
}
