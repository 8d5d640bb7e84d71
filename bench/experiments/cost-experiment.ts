// Experiment 3, the cost of keeping a network up to date (Levis et al., NSDI 2004: "a few sends an
// hour"; SPEC 8): transmissions per mote per hour in a stable 20 x 20 grid on the empirical radio, with
// tau_h = 1 min and 1 hour. Only tau_h matters once stable, so each is hit exactly: tau_l is tau_h over
// a power of two (0.94 s with 6 doublings, 0.88 s with 12). The jobs are bench/plans/trickle/cost.yaml's
// points (the sweep engine runs them); TAU_H names its cases for the tables.

import { summarize } from '../harness.js';
import { lineChartSvg } from './chart.js';
import { groupByKey, type ExperimentOutput } from './experiment.js';
import type { MaintenanceJob, MaintenanceResult } from './maintenance.js';
import { formatSpread, spreadOf, type Spread } from './spread.js';
import { csvText, textTable } from './text-table.js';

const TAU_H = [
  { seconds: 60, doublings: 6, label: '1 min' },
  { seconds: 3600, doublings: 12, label: '1 h' },
] as const;

interface Point {
  readonly spacing: number;
  readonly tau: (typeof TAU_H)[number];
  readonly perInterval: Spread;
  readonly perMotePerHour: Spread;
  readonly samples: readonly number[];
}

export function costOutput(jobs: readonly MaintenanceJob[], results: readonly MaintenanceResult[]): ExperimentOutput {
  const points: Point[] = groupByKey(jobs, results, (j) => `${j.spacing}/${j.params.doublings}`).map(({ job, results: rs }) => ({
    spacing: job.spacing ?? 0,
    tau: TAU_H.find((t) => t.doublings === job.params.doublings) ?? TAU_H[0],
    perInterval: spreadOf(rs.map((r) => r.perInterval)),
    perMotePerHour: spreadOf(rs.map((r) => r.perMotePerHour)),
    samples: rs.map((r) => r.perMotePerHour),
  }));
  const spacings = [...new Set(points.map((p) => p.spacing))];
  const at = (s: number, tau: (typeof TAU_H)[number]): Point | undefined => points.find((p) => p.spacing === s && p.tau === tau);
  const seeds = points[0]?.samples.length ?? 0;
  const table = textTable(
    ['spacing', ...TAU_H.flatMap((t) => [`tau_h ${t.label}: per interval`, 'per mote per hour'])],
    spacings.map((s) => [
      `${s} ft`,
      ...TAU_H.flatMap((t) => {
        const p = at(s, t);
        return p === undefined ? ['', ''] : [formatSpread(p.perInterval, 1), formatSpread(p.perMotePerHour, 3)];
      }),
    ]),
  );
  const csv = csvText(
    ['spacing_ft', 'tau_h_s', 'seeds', 'per_interval_mean', 'per_interval_sd', 'per_mote_hour_mean', 'per_mote_hour_sd', 'per_mote_hour_min', 'per_mote_hour_max'],
    points.map((p) => [p.spacing, p.tau.seconds, p.samples.length, p.perInterval.mean, p.perInterval.sd, p.perMotePerHour.mean, p.perMotePerHour.sd, p.perMotePerHour.min, p.perMotePerHour.max]),
  );
  const svg = lineChartSvg({
    title: 'Trickle maintenance cost in a stable 400-mote grid',
    subtitle: `20 x 20 grid, empirical radio, k 1, listen half; mean ± sd over ${seeds} seeds`,
    xLabel: 'grid spacing (ft)',
    yLabel: 'transmissions per mote per hour',
    xLog: false,
    yLog: true,
    series: TAU_H.map((t) => ({
      name: `tau_h ${t.label}`,
      points: points.filter((p) => p.tau === t).map((p) => ({ x: p.spacing, y: p.perMotePerHour.mean, lo: p.perMotePerHour.mean - p.perMotePerHour.sd, hi: p.perMotePerHour.mean + p.perMotePerHour.sd })),
    })),
  });
  const headline = spacings.includes(10) ? 10 : spacings[0];
  const rows = TAU_H.flatMap((t) => {
    const p = at(headline, t);
    return p === undefined ? [] : [{ label: `cost tau_h ${t.label}, ${headline} ft`, unit: 'tx/mote/hour', stats: summarize(p.samples) }];
  });
  return {
    json: {
      settings: { grid: '20x20', radio: 'empirical', k: 1, listen: 0.5, tauH: TAU_H.map((t) => ({ seconds: t.seconds, doublings: t.doublings, iminSeconds: t.seconds / 2 ** t.doublings })) },
      rows: points.map(({ samples: _samples, tau, ...rest }) => ({ ...rest, tauHSeconds: tau.seconds })),
    },
    table: `maintenance cost: stable 20 x 20 grid, empirical radio, k 1 (mean ± sd over ${seeds} seeds)\n${table}`,
    files: [
      { name: 'trickle-cost.csv', text: csv },
      { name: 'trickle-cost.svg', text: svg },
    ],
    rows,
    notes: ['cost: every packet a stable network sends (summaries; nothing else happens), per mote per simulated hour'],
  };
}
