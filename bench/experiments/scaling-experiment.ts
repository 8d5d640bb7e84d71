// Experiment 2, maintenance scaling (Levis et al., NSDI 2004, section 4; SPEC 8): transmissions per
// interval as motes are added to one cell (the idealized cell of trickle/cell.ts with controlled
// loss, and the simulated network's one-cell clique) and as density grows in a fixed 50 x 50 ft
// area, with and without the listen-only half of each interval. Without it the short-listen problem
// makes the count grow like sqrt(n); with it a lossless cell stays at most 2k; loss adds O(log n).
// The jobs are the points of bench/plans/trickle/cell.yaml and network-*.yaml (the sweep engine runs them).

import { summarize } from '../harness.js';
import { lineChartSvg } from './chart.js';
import { groupByKey, type ExperimentOutput } from './experiment.js';
import type { CellJob, CellResult, MaintenanceJob, MaintenanceResult } from './maintenance.js';
import { formatSpread, spreadOf, type Spread } from './spread.js';
import { csvText, textTable } from './text-table.js';

interface Series {
  readonly id: string;
  readonly label: string;
  readonly listen: number;
  /** Cell: the loss rate. */
  readonly loss?: number;
  /** Network: one cell (clique:N) or, with an area, random:N scattered over that square (ft). */
  readonly network?: 'clique' | 'area';
}

const CELL_SERIES: readonly Series[] = [
  { id: 'cell-listen', label: 'cell, listen half, lossless', listen: 0.5, loss: 0 },
  { id: 'cell-listen-loss20', label: 'cell, listen half, 20% loss', listen: 0.5, loss: 0.2 },
  { id: 'cell-listen-loss40', label: 'cell, listen half, 40% loss', listen: 0.5, loss: 0.4 },
  { id: 'cell-nolisten', label: 'cell, no listen, lossless', listen: 0, loss: 0 },
  { id: 'cell-nolisten-loss20', label: 'cell, no listen, 20% loss', listen: 0, loss: 0.2 },
];

/** The area the paper's multi-hop density experiment scattered its motes over. */
const AREA_FT = 50;

const NETWORK_SERIES: readonly Series[] = [
  { id: 'clique-listen', label: 'network, one cell, listen half', listen: 0.5, network: 'clique' },
  { id: 'clique-nolisten', label: 'network, one cell, no listen', listen: 0, network: 'clique' },
  { id: 'area-listen', label: "network, 50'x50', listen half", listen: 0.5, network: 'area' },
  { id: 'area-nolisten', label: "network, 50'x50', no listen", listen: 0, network: 'area' },
];

function topologyOf(s: Series, n: number): { topology: string; area?: number } {
  return s.network === 'area' ? { topology: `random:${n}`, area: AREA_FT } : { topology: `clique:${n}` };
}

interface Point {
  readonly series: Series;
  readonly n: number;
  readonly perInterval: Spread;
  /** Cells only: the most in any one interval, over every seed. */
  readonly peak?: number;
}

const cellSeriesOf = (j: CellJob): Series => CELL_SERIES.find((s) => s.listen === j.params.listen && s.loss === j.loss) as Series;
const networkSeriesOf = (j: MaintenanceJob): Series =>
  NETWORK_SERIES.find((s) => s.listen === j.params.listen && (s.network === 'area') === (j.area !== undefined)) as Series;

/** Least-squares slope of log(y) against log(n) over the points with n >= from: the exponent of a power law. */
function exponent(points: readonly Point[], from: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of points) {
    if (p.n < from || !(p.perInterval.mean > 0)) continue;
    xs.push(Math.log(p.n));
    ys.push(Math.log(p.perInterval.mean));
  }
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Growth per doubling of n between n = from and the largest n: a straight line on a log axis is O(log n). */
function perDoubling(points: readonly Point[], from: number): number {
  const first = points.find((p) => p.n === from);
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || last.n <= first.n) return NaN;
  return (last.perInterval.mean - first.perInterval.mean) / Math.log2(last.n / first.n);
}

export function scalingOutput(
  cellJobs: readonly CellJob[],
  cellResults: readonly CellResult[],
  networkJobs: readonly MaintenanceJob[],
  networkResults: readonly MaintenanceResult[],
): ExperimentOutput {
  const cell: Point[] = groupByKey(cellJobs, cellResults, (j) => `${j.params.listen}/${j.loss}/${j.n}`).map(({ job, results }) => ({
    series: cellSeriesOf(job),
    n: job.n,
    perInterval: spreadOf(results.map((r) => r.perInterval)),
    peak: Math.max(...results.map((r) => r.peak)),
  }));
  const network: Point[] = groupByKey(networkJobs, networkResults, (j) => `${j.topology}/${j.params.listen}`).map(({ job, results }) => ({
    series: networkSeriesOf(job),
    n: results[0].motes,
    perInterval: spreadOf(results.map((r) => r.perInterval)),
  }));
  const of = (points: readonly Point[], s: Series): Point[] => points.filter((p) => p.series === s);
  const seeds = cell[0]?.perInterval.runs ?? 0;
  const noListen = of(cell, CELL_SERIES[3]);
  const fits = {
    shortListenExponent: exponent(noListen, 16),
    listenLosslessPeak: Math.max(...of(cell, CELL_SERIES[0]).map((p) => p.peak ?? 0)),
    perDoublingWithLoss: Object.fromEntries([1, 2].map((i) => [String(CELL_SERIES[i].loss), perDoubling(of(cell, CELL_SERIES[i]), 16)])),
    networkShortListenExponent: exponent(of(network, NETWORK_SERIES[1]), 16),
  };
  const tableOf = (points: readonly Point[], series: readonly Series[]): string => {
    const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
    return textTable(
      ['motes', ...series.map((s) => s.label)],
      sizes.map((n) => [String(n), ...series.map((s) => {
        const p = points.find((q) => q.series === s && q.n === n);
        return p === undefined ? '' : formatSpread(p.perInterval, 2);
      })]),
    );
  };
  const all = [...cell, ...network];
  const csv = csvText(
    ['series', 'model', 'listen', 'loss', 'topology', 'motes', 'seeds', 'per_interval_mean', 'per_interval_sd', 'per_interval_min', 'per_interval_max', 'peak'],
    all.map((p) => [
      p.series.id, p.series.network === undefined ? 'cell' : 'network', p.series.listen, p.series.loss ?? '', p.series.network === undefined ? '' : topologyOf(p.series, p.n).topology,
      p.n, p.perInterval.runs, p.perInterval.mean, p.perInterval.sd, p.perInterval.min, p.perInterval.max, p.peak ?? '',
    ]),
  );
  const svg = lineChartSvg({
    title: 'Trickle maintenance: transmissions per interval against motes',
    subtitle: `k 1, tau 64 s, unsynchronized; mean ± sd over ${seeds} seeds; network: empirical radio, CSMA, collisions`,
    xLabel: 'motes',
    yLabel: 'transmissions per interval',
    xLog: true,
    yLog: false,
    series: [...CELL_SERIES, ...NETWORK_SERIES].map((s) => ({
      name: s.label,
      points: of(all, s).map((p) => ({ x: p.n, y: p.perInterval.mean, lo: p.perInterval.mean - p.perInterval.sd, hi: p.perInterval.mean + p.perInterval.sd })),
    })),
  });
  const largest = (s: Series): Point | undefined => of(cell, s).at(-1);
  const rows = [CELL_SERIES[0], CELL_SERIES[3]].flatMap((s) => {
    const p = largest(s);
    const samples = cellJobs.map((j, i) => (cellSeriesOf(j) === s && j.n === p?.n ? cellResults[i].perInterval : NaN)).filter((x) => !Number.isNaN(x));
    return p === undefined ? [] : [{ label: `cell of ${p.n}, ${s.listen > 0 ? 'listen half' : 'no listen'}`, unit: 'tx/interval', stats: summarize(samples) }];
  });
  return {
    json: {
      cell: cell.map((p) => ({ series: p.series.id, listen: p.series.listen, loss: p.series.loss, n: p.n, perInterval: p.perInterval, peak: p.peak })),
      network: network.map((p) => ({ series: p.series.id, listen: p.series.listen, topology: topologyOf(p.series, p.n).topology, n: p.n, perInterval: p.perInterval })),
      fits,
    },
    table:
      `maintenance scaling, one cell of idealized timers (trickle/cell.ts): transmissions per interval, k 1 (mean ± sd over ${seeds} seeds)\n` +
      `${tableOf(cell, CELL_SERIES)}\n\n` +
      `maintenance scaling, simulated network (empirical radio, CSMA, collisions): transmissions per interval\n${tableOf(network, NETWORK_SERIES)}`,
    files: [
      { name: 'trickle-scaling.csv', text: csv },
      { name: 'trickle-scaling.svg', text: svg },
    ],
    rows,
    notes: [
      `short-listen problem: without the listen-only half a lossless cell grows as n^${fits.shortListenExponent.toFixed(2)} (paper: sqrt n); ` +
        `with it the most in any interval is ${fits.listenLosslessPeak} (paper: at most 2k = 2)`,
      `with loss (listen half): +${fits.perDoublingWithLoss['0.2'].toFixed(2)} (20%) and +${fits.perDoublingWithLoss['0.4'].toFixed(2)} (40%) transmissions per doubling of n (paper: O(log n))`,
    ],
  };
}
