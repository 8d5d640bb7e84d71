// One SVG per collected value against the plan's first axis (bench/experiments/chart.ts draws it): a
// line per combination of the other axes (seed aside), through the medians, whiskers over the central
// 95% of the seeds. An axis of words (topologies, radio models) is drawn at positions 1, 2, 3...,
// named in the subtitle.

import { lineChartSvg, type ChartSeries } from '../../bench/experiments/chart.js';
import type { FlagValue, Plan } from './plan.js';
import { summarize, REPLICATE_AXIS, type CellStats } from './summary.js';
import type { PointLine } from './store.js';

export interface ChartFile {
  readonly name: string;
  readonly svg: string;
}

const show = (v: FlagValue): string => (Array.isArray(v) ? v.join(' ') : String(v));

/** A file name from a collect path: capsules.0.coveredAt -> chart-capsules.0.coveredAt.svg. */
export function chartName(path: string): string {
  return `chart-${path.replace(/[^A-Za-z0-9._-]/g, '_')}.svg`;
}

export function sweepCharts(plan: Plan, latest: ReadonlyMap<number, PointLine>): ChartFile[] {
  const [xAxis] = Object.keys(plan.axes);
  const xValues = plan.axes[xAxis];
  const numeric = xValues.every((v) => typeof v === 'number');
  const xOf = (v: FlagValue): number => (numeric ? (v as number) : xValues.findIndex((x) => show(x) === show(v)) + 1);
  const stats = summarize(plan, latest);
  return plan.collect.map((path) => {
    const series = new Map<string, CellStats[]>();
    for (const s of stats.filter((c) => c.value === path)) {
      const others = Object.entries(s.cell).filter(([name]) => name !== xAxis);
      const name = others.map(([n, v]) => `${n} ${show(v)}`).join(', ') || path;
      series.set(name, [...(series.get(name) ?? []), s]);
    }
    const lines: ChartSeries[] = [...series.entries()].map(([name, cells]) => ({
      name,
      points: cells.map((c) => ({ x: xOf(c.cell[xAxis] ?? 0), y: c.median, lo: c.lo95, hi: c.hi95 })),
    }));
    const words = numeric ? '' : `; ${xAxis}: ${xValues.map((v, i) => `${i + 1} ${show(v)}`).join(', ')}`;
    return {
      name: chartName(path),
      svg: lineChartSvg({
        title: `${path} against ${xAxis}`,
        subtitle: `mote ${plan.run.join(' ')}: median and central 95% over ${REPLICATE_AXIS in plan.axes ? `${plan.axes[REPLICATE_AXIS].length} seeds` : 'one run'} a point${words}`,
        xLabel: xAxis,
        yLabel: path,
        xLog: false,
        yLog: false,
        series: lines,
      }),
    };
  });
}
