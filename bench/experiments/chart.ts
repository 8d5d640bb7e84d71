// A line chart as a hand-written SVG, for experiment results (bench/trickle.ts): one line per series
// through its points, whiskers for the spread (mean ± sd), ticks at the x values measured, a legend.
// The bar chart of bench/results.ts suits one figure per row; these are curves over a parameter.

import { xmlText } from '../../diagram/xml.js';

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** Whisker ends, e.g. mean - sd and mean + sd; left out for no whisker. */
  readonly lo?: number;
  readonly hi?: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
  /** Draw only the markers (reference figures, e.g. a paper's), not a line. */
  readonly markersOnly?: boolean;
  /** A dashed line (a second figure of the same setting). */
  readonly dashed?: boolean;
}

export interface LineChart {
  readonly title: string;
  readonly subtitle: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Logarithmic x axis (base 2 ticks suit mote counts). */
  readonly xLog: boolean;
  /** Logarithmic y axis, decade ticks. */
  readonly yLog: boolean;
  readonly series: readonly ChartSeries[];
}

const WIDTH = 820;
const HEIGHT = 480;
const LEFT = 70;
const TOP = 60;
const PLOT_W = 500;
const PLOT_H = 340;
const COLOURS = ['#4a7ab5', '#d0603a', '#3a9a5b', '#8a5ab5', '#b59a3a', '#3ab5b0', '#b53a7a', '#666666', '#7ab53a', '#000000'];

/** Up to three significant figures, no trailing zeros. */
function label(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1000) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

interface Axis {
  readonly at: (v: number) => number;
  readonly ticks: readonly number[];
}

function linear(lo: number, hi: number, length: number, flip: boolean): Axis {
  const raw = (hi - lo || 1) / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step || step;
  const at = (v: number): number => {
    const f = (v - start) / (end - start || 1);
    return flip ? length * (1 - f) : length * f;
  };
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { at, ticks };
}

function logarithmic(lo: number, hi: number, length: number, flip: boolean, base: number, ticks?: readonly number[]): Axis {
  const a = Math.floor(Math.log(lo) / Math.log(base));
  const b = Math.max(a + 1, Math.ceil(Math.log(hi) / Math.log(base)));
  const at = (v: number): number => {
    const f = (Math.log(Math.max(v, base ** a)) / Math.log(base) - a) / (b - a);
    return flip ? length * (1 - f) : length * f;
  };
  return { at, ticks: ticks ?? Array.from({ length: b - a + 1 }, (_, i) => base ** (a + i)) };
}

export function lineChartSvg(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y));
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const ys = points.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]).filter((v) => Number.isFinite(v) && (!chart.yLog || v > 0));
  const xAxis = chart.xLog
    ? logarithmic(Math.max(xs[0] ?? 1, 1e-9), xs[xs.length - 1] ?? 2, PLOT_W, false, 2, xs)
    : linear(Math.min(...xs, 0), Math.max(...xs, 1), PLOT_W, false);
  const xTicks = chart.xLog ? xs : xs.length > 0 && xs.length <= 12 ? xs : xAxis.ticks;
  const yAxis = chart.yLog
    ? logarithmic(Math.min(...ys, 1), Math.max(...ys, 10), PLOT_H, true, 10)
    : linear(0, Math.max(...ys, 1), PLOT_H, true);
  const px = (x: number): string => (LEFT + xAxis.at(x)).toFixed(1);
  const py = (y: number): string => (TOP + yAxis.at(y)).toFixed(1);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${xmlText(chart.title)}</text>`,
    `<text x="12" y="40" fill="#555">${xmlText(chart.subtitle)}</text>`,
  ];
  for (const t of yAxis.ticks) {
    const y = py(t);
    out.push(`<line x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT_W}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${LEFT - 6}" y="${(Number(y) + 4).toFixed(1)}" text-anchor="end" fill="#555">${xmlText(label(t))}</text>`);
  }
  for (const t of xTicks) {
    const x = px(t);
    out.push(`<line x1="${x}" y1="${TOP}" x2="${x}" y2="${TOP + PLOT_H}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${TOP + PLOT_H + 16}" text-anchor="middle" fill="#555">${xmlText(label(t))}</text>`);
  }
  out.push(`<rect x="${LEFT}" y="${TOP}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#999"/>`);
  out.push(`<text x="${LEFT + PLOT_W / 2}" y="${TOP + PLOT_H + 36}" text-anchor="middle">${xmlText(chart.xLabel + (chart.xLog ? ' (log scale)' : ''))}</text>`);
  out.push(
    `<text x="16" y="${TOP + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 16 ${TOP + PLOT_H / 2})">${xmlText(chart.yLabel + (chart.yLog ? ' (log scale)' : ''))}</text>`,
  );
  chart.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const shown = series.points.filter((p) => Number.isFinite(p.y) && (!chart.yLog || p.y > 0));
    if (!series.markersOnly && shown.length > 1) {
      const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
      out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${shown.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}"/>`);
    }
    for (const p of shown) {
      if (p.lo !== undefined && p.hi !== undefined && Number.isFinite(p.lo) && Number.isFinite(p.hi)) {
        out.push(`<line x1="${px(p.x)}" y1="${py(Math.max(p.lo, chart.yLog ? p.y / 1e3 : -Infinity))}" x2="${px(p.x)}" y2="${py(p.hi)}" stroke="${colour}"/>`);
      }
      const marker = series.markersOnly
        ? `<rect x="${(Number(px(p.x)) - 5).toFixed(1)}" y="${(Number(py(p.y)) - 5).toFixed(1)}" width="10" height="10" fill="none" stroke="${colour}" stroke-width="2"/>`
        : `<circle cx="${px(p.x)}" cy="${py(p.y)}" r="3" fill="${colour}"/>`;
      out.push(marker);
    }
    const ly = TOP + 8 + i * 20;
    const lx = LEFT + PLOT_W + 16;
    out.push(series.markersOnly
      ? `<rect x="${lx + 7}" y="${ly - 5}" width="10" height="10" fill="none" stroke="${colour}" stroke-width="2"/>`
      : `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${xmlText(series.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
