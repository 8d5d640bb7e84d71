// A sweep's summary: per cell (one combination of the axes other than seed) and collected value, the
// median, the spread (interquartile range) and the central 95% interval (percentiles 2.5 and 97.5,
// linear interpolation between order statistics, as R's type 7 and numpy's default) over the cell's
// points. Computed from the plan and the point lines alone, sorted, so one run and merged shards give
// the same bytes.

import { csvText } from '../../bench/experiments/text-table.js';
import { type FlagValue, type Plan, expandPoints } from './plan.js';
import type { PointLine } from './store.js';

/** The axis that repeats a cell rather than making a new one. */
export const REPLICATE_AXIS = 'seed';

export interface CellStats {
  /** The cell's axis values (every axis but seed), in plan order. */
  readonly cell: Readonly<Record<string, FlagValue>>;
  readonly value: string;
  /** Points the plan has in this cell. */
  readonly points: number;
  readonly failed: number;
  /** Points that gave a number (booleans count as 0 and 1; null, e.g. never covered, does not). */
  readonly numbers: number;
  readonly median: number;
  readonly iqr: number;
  readonly lo95: number;
  readonly hi95: number;
}

/** The p-th quantile (0..1) of sorted values, interpolating linearly (type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function cellAxes(plan: Plan): string[] {
  return Object.keys(plan.axes).filter((a) => a !== REPLICATE_AXIS);
}

export function summarize(plan: Plan, latest: ReadonlyMap<number, PointLine>): CellStats[] {
  const names = cellAxes(plan);
  const cells = new Map<string, { cell: Record<string, FlagValue>; lines: (PointLine | undefined)[] }>();
  for (const point of expandPoints(plan)) {
    const cell: Record<string, FlagValue> = {};
    for (const n of names) cell[n] = point.axes[n];
    const key = JSON.stringify(Object.values(cell));
    const entry = cells.get(key) ?? { cell, lines: [] };
    entry.lines.push(latest.get(point.index));
    cells.set(key, entry);
  }
  const stats: CellStats[] = [];
  for (const { cell, lines } of cells.values()) {
    const failed = lines.filter((l) => l?.error !== undefined).length;
    for (const value of plan.collect) {
      const numbers = lines
        .map((l) => (l === undefined || l.error !== undefined ? undefined : asNumber(l.values[value])))
        .filter((v): v is number => v !== undefined)
        .sort((a, b) => a - b);
      stats.push({
        cell,
        value,
        points: lines.length,
        failed,
        numbers: numbers.length,
        median: quantile(numbers, 0.5),
        iqr: quantile(numbers, 0.75) - quantile(numbers, 0.25),
        lo95: quantile(numbers, 0.025),
        hi95: quantile(numbers, 0.975),
      });
    }
  }
  return stats;
}

const text = (v: FlagValue): string => (Array.isArray(v) ? v.join(' ') : String(v));

/** Twelve significant figures: enough for any figure here, and free of float noise in the last digits. */
function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(12))) : '';
}

/** summary.csv (RFC 4180, as the bench results): one row per cell and collected value. */
export function summaryCsv(plan: Plan, latest: ReadonlyMap<number, PointLine>): string {
  const names = cellAxes(plan);
  const header = [...names, 'value', 'points', 'failed', 'numbers', 'median', 'iqr', 'p2.5', 'p97.5'];
  const rows = summarize(plan, latest).map((s) => [
    ...names.map((n) => text(s.cell[n])),
    s.value,
    s.points,
    s.failed,
    s.numbers,
    ...[s.median, s.iqr, s.lo95, s.hi95].map(csvNumber),
  ]);
  return csvText(header, rows);
}
