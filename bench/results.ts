// Benchmark results as files under bench/results/: a CSV of every row (RFC 4180 quoting) and an
// SVG bar chart of the medians with min-max whiskers, written by hand as plain XML.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../cli/io.js';
import { writeFileAtomic } from '../cli/write-file.js';
import type { MachineInfo } from './harness.js';
import { formatSi, type BenchReport, type BenchRow } from './report.js';
import { xmlText } from '../diagram/xml.js';

const CSV_HEADER = ['benchmark', 'label', 'unit', 'median', 'min', 'max', 'spread', 'runs', 'cpu', 'cores', 'node'];

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(report: BenchReport, machine: MachineInfo): string {
  const rows = report.rows.map((r) => [
    report.name, r.label, r.unit, r.stats.median, r.stats.min, r.stats.max, r.stats.spread, r.stats.runs,
    machine.cpu, machine.cores, machine.node,
  ]);
  return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const WIDTH = 760;
const LABEL_WIDTH = 200;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - 90;
const BAR = 26;
const GAP = 12;
const TOP = 56;

/** The axis: value -> x offset in the plot, and the tick values to label. */
function axis(bars: readonly BenchRow[], log: boolean): { x: (v: number) => number; ticks: number[] } {
  const top = Math.max(...bars.map((b) => b.stats.max));
  if (log) {
    const floorValue = Math.min(...bars.map((b) => b.stats.min).filter((v) => v > 0));
    const lo = Math.floor(Math.log10(floorValue > 0 ? floorValue : 1));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(top > 0 ? top : 10)));
    const x = (v: number): number => (v <= 0 ? 0 : ((Math.log10(v) - lo) / (hi - lo)) * PLOT_WIDTH);
    return { x, ticks: Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)) };
  }
  // Linear from zero to a round number: 1, 2 or 5 times a power of ten per tick, five ticks.
  const raw = (top > 0 ? top : 1) / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const end = step * Math.ceil(top / step || 1);
  const x = (v: number): number => (Math.max(0, v) / end) * PLOT_WIDTH;
  return { x, ticks: Array.from({ length: Math.round(end / step) + 1 }, (_, i) => i * step) };
}

export function toSvg(report: BenchReport, machine: MachineInfo): string {
  const { chart } = report;
  const bars = chart.rows
    .map((label) => report.rows.find((r) => r.label === label))
    .filter((r): r is BenchRow => r !== undefined);
  const { x, ticks } = axis(bars, chart.log);
  const plotHeight = bars.length * (BAR + GAP);
  const height = TOP + plotHeight + 56;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${xmlText(chart.title)}</text>`,
    `<text x="12" y="40" fill="#555">${xmlText(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; median of ${bars[0]?.stats.runs ?? 0} runs, whiskers min-max`)}</text>`,
  ];
  for (const t of ticks) {
    const tx = (LABEL_WIDTH + x(t)).toFixed(1);
    out.push(`<line x1="${tx}" y1="${TOP - 4}" x2="${tx}" y2="${TOP + plotHeight}" stroke="#ddd"/>`);
    out.push(`<text x="${tx}" y="${TOP + plotHeight + 16}" text-anchor="middle" fill="#555">${xmlText(formatSi(t))}</text>`);
  }
  bars.forEach((bar, i) => {
    const y = TOP + i * (BAR + GAP);
    const mid = y + BAR / 2;
    const w = x(bar.stats.median);
    out.push(`<text x="${LABEL_WIDTH - 8}" y="${mid + 4}" text-anchor="end">${xmlText(bar.label)}</text>`);
    out.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="#4a7ab5"/>`);
    const x1 = (LABEL_WIDTH + x(bar.stats.min)).toFixed(1);
    const x2 = (LABEL_WIDTH + x(bar.stats.max)).toFixed(1);
    out.push(`<line x1="${x1}" y1="${mid}" x2="${x2}" y2="${mid}" stroke="black"/>`);
    out.push(`<text x="${(LABEL_WIDTH + Math.max(w, x(bar.stats.max)) + 6).toFixed(1)}" y="${mid + 4}">${xmlText(formatSi(bar.stats.median))}</text>`);
  });
  out.push(
    `<text x="${LABEL_WIDTH + PLOT_WIDTH / 2}" y="${height - 12}" text-anchor="middle">${xmlText(chart.unit + (chart.log ? ' (log scale)' : ''))}</text>`,
    '</svg>',
  );
  return out.join('\n') + '\n';
}

/** Writes NAME.csv and NAME.svg into `dir` (created if missing), and the report's further files; returns their paths. */
export function writeResults(dir: string, report: BenchReport, machine: MachineInfo): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UserError(`${dir}: cannot create the results folder (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  const csv = join(dir, `${report.name}.csv`);
  const svg = join(dir, `${report.name}.svg`);
  writeFileAtomic(csv, toCsv(report, machine));
  writeFileAtomic(svg, toSvg(report, machine));
  const more = (report.files ?? []).map((f) => {
    const path = join(dir, f.name);
    writeFileAtomic(path, f.text);
    return path;
  });
  return [csv, svg, ...more];
}
