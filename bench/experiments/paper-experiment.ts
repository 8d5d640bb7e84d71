// `mote bench trickle --paper`: the Trickle paper's propagation result (Levis et al., NSDI 2004 section
// 6; CACM 2008; SPEC 8) on the model closest to what it ran: TOSSIM-bit (the `tossim` radio) and Maté's
// answering rule (`--propagation mate`), 400 motes at 5, 10, 15 and 20 ft, tau_l 1 s, tau_h 1 min
// (64 s) and 5 min (256 s), k 1, answers 1 s after an inconsistency. Then an ablation: each modelling
// choice switched back to the packet-level simulator's alone, at 5 and 20 ft, to show what moves each
// figure and by how much. Medians over seeds; the spread is the lowest and highest run. The settings'
// flags are the cases of bench/plans/trickle/paper*.yaml (the sweep engine runs them); here they are
// named and tabulated.

import { NS_PER_SECOND } from '../../trickle/index.js';
import { lineChartSvg, type ChartSeries } from './chart.js';
import { groupByKey, type ExperimentOutput } from './experiment.js';
import type { PropagationJob, PropagationResult } from './propagation.js';
import { csvText, textTable } from './text-table.js';
import { medianOf, type Median } from './median.js';

/** A setting of the plans' `setting` axis (bench/plans/trickle/paper*.yaml hold its flags), as the tables name it. */
export interface PaperSetting {
  readonly id: string;
  readonly label: string;
  /** The answer-delay table's row name. */
  readonly answer?: string;
}

const FAITHFUL: PaperSetting = { id: 'faithful', label: 'TOSSIM-bit + Maté (faithful)', answer: '1 s' };
const TAU_H_5MIN: PaperSetting = { id: 'tau-h-5min', label: 'faithful, tau_h 5 min (256 s)' };

/** One choice reverted each; the last reverts them all (the simulator as it was before the tossim radio). */
export const ABLATIONS: readonly PaperSetting[] = [
  { id: 'packet-collisions', label: 'overlap destroys whole packets (not bit-level)' },
  { id: 'no-noise', label: 'no noise from links that deliver nothing' },
  { id: 'our-mac', label: 'our MAC timing (7.2 ms frame, 25 us slots)' },
  { id: 'no-acks', label: 'no acknowledgement byte from receivers' },
  { id: 'drawn-loss', label: "Woo's drawn loss (no bit error table)" },
  { id: 'rfc6206', label: 'our answering rule (rfc6206)' },
  { id: 'empirical', label: 'all reverted: empirical radio, rfc6206' },
];

/** The answer delay the dense grid would need to take the paper's 16 s, and a step between. */
export const ANSWER_SWEEP: readonly PaperSetting[] = [1.5, 2].map((s) => ({ id: `answer-${s}s`, label: `faithful, answer after ${s} s`, answer: `${s} s` }));

const SETTINGS: readonly PaperSetting[] = [FAITHFUL, TAU_H_5MIN, ...ABLATIONS, ...ANSWER_SWEEP];

/** SPEC 8: 16 s and about 70 s; 6 and 40 hops; 2.7 and 1.8 s a hop. */
interface PaperFigure {
  readonly seconds: number;
  readonly hops: number;
  readonly perHop: number;
}
export const PAPER: Readonly<Record<5 | 20, PaperFigure>> = { 5: { seconds: 16, hops: 6, perHop: 2.7 }, 20: { seconds: 70, hops: 40, perHop: 1.8 } };
/** The targets: medians within 25% (time) and 15% (hops) of the paper. */
export const TARGETS = { 5: { seconds: [12, 20], hops: [5, 7] }, 20: { seconds: [52, 88], hops: [34, 46] } } as const;
const TAU_H_TOLERANCE = 0.25;

const SPACINGS = [5, 10, 15, 20];
const ABLATION_SPACINGS = [5, 20];

export interface PaperJobs {
  readonly jobs: readonly PropagationJob[];
  /** The setting of each job, in job order. */
  readonly settings: readonly PaperSetting[];
}

/** The jobs the plans ran, each with its `setting` axis value. */
export function paperJobs(jobs: readonly PropagationJob[], settingIds: readonly string[]): PaperJobs {
  const settings = settingIds.map((id) => {
    const setting = SETTINGS.find((s) => s.id === id);
    if (setting === undefined) throw new Error(`paper: no setting '${id}' (the plans' setting axis has: ${SETTINGS.map((s) => s.id).join(', ')})`);
    return setting;
  });
  return { jobs, settings };
}

interface Point {
  readonly setting: PaperSetting;
  readonly spacing: number;
  readonly complete: Median;
  readonly most: Median;
  readonly hops: Median;
  readonly perHop: Median;
  readonly transmissions: Median;
  readonly codePackets: Median;
  readonly collisions: Median;
}

function pointsOf(planned: PaperJobs, results: readonly PropagationResult[]): Point[] {
  const tagged = planned.jobs.map((j, i) => ({ j, setting: planned.settings[i] }));
  return groupByKey(tagged, results, (t) => `${t.setting.id}/${t.j.spacing}`).map(({ job: t, results: rs }) => ({
    setting: t.setting,
    spacing: t.j.spacing,
    complete: medianOf(rs.map((r) => r.coveredAfter)),
    most: medianOf(rs.map((r) => r.mostAfter)),
    hops: medianOf(rs.map((r) => r.treeHops)),
    perHop: medianOf(rs.map((r) => r.secondsPerHop)),
    transmissions: medianOf(rs.map((r) => r.radioTransmissions)),
    codePackets: medianOf(rs.map((r) => r.transmissions)),
    collisions: medianOf(rs.map((r) => r.collisions)),
  }));
}

const fmt = (m: Median, digits = 1): string => m.format(digits);

function within(value: number, [lo, hi]: readonly [number, number]): string {
  return value >= lo && value <= hi ? 'met' : 'NOT met';
}

export function paperOutput(planned: PaperJobs, results: readonly PropagationResult[]): ExperimentOutput {
  const points = pointsOf(planned, results);
  const of = (id: string, spacing: number): Point | undefined => points.find((p) => p.setting.id === id && p.spacing === spacing);
  const seeds = planned.jobs.filter((j, i) => planned.settings[i] === FAITHFUL && j.spacing === 5).length;

  const main = points.filter((p) => p.setting === FAITHFUL);
  const paperCell = (s: number, f: (p: PaperFigure) => string): string => (s === 5 || s === 20 ? f(PAPER[s]) : '');
  const mainTable = textTable(
    ['spacing', 'hops', 'paper', 'all motes (s)', 'paper', '90% (s)', 's/hop', 'paper', 'transmissions', 'code pkts', 'collisions'],
    main.map((p) => [
      `${p.spacing} ft`, fmt(p.hops, 0), paperCell(p.spacing, (x) => String(x.hops)), fmt(p.complete), paperCell(p.spacing, (x) => `${x.seconds}`),
      fmt(p.most), fmt(p.perHop, 2), paperCell(p.spacing, (x) => String(x.perHop)), fmt(p.transmissions, 0), fmt(p.codePackets, 0), fmt(p.collisions, 0),
    ]),
  );

  const tauRows = SPACINGS.map((s) => ({ s, one: of(FAITHFUL.id, s), five: of(TAU_H_5MIN.id, s) })).filter((r) => r.one !== undefined && r.five !== undefined);
  const tauTable = textTable(
    ['spacing', 'tau_h 1 min (s)', 'tau_h 5 min (s)', 'ratio', `within ${100 * TAU_H_TOLERANCE}%`],
    tauRows.map(({ s, one, five }) => {
      const ratio = (five as Point).complete.median / (one as Point).complete.median;
      return [`${s} ft`, fmt((one as Point).complete), fmt((five as Point).complete), ratio.toFixed(2), Math.abs(ratio - 1) <= TAU_H_TOLERANCE ? 'yes' : 'no'];
    }),
  );

  const ablationRows: string[][] = [];
  for (const setting of [FAITHFUL, ...ABLATIONS]) {
    const row = [setting.label];
    let any = false;
    for (const s of ABLATION_SPACINGS) {
      const p = of(setting.id, s);
      const base = of(FAITHFUL.id, s);
      if (p === undefined || base === undefined) {
        row.push('', '', '', '');
        continue;
      }
      any = true;
      const delta = p.complete.median - base.complete.median;
      row.push(fmt(p.complete), setting === FAITHFUL ? '' : `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`, fmt(p.hops, 0), fmt(p.perHop, 2));
    }
    if (any) ablationRows.push(row);
  }
  const ablationTable = textTable(['setting (one choice reverted)', '5 ft all (s)', 'Δ', 'hops', 's/hop', '20 ft all (s)', 'Δ', 'hops', 's/hop'], ablationRows);

  const sweepRows = [FAITHFUL, ...ANSWER_SWEEP].map((setting) => [
    setting.answer ?? setting.id,
    ...ABLATION_SPACINGS.flatMap((s) => {
      const p = of(setting.id, s);
      return p === undefined ? ['', '', ''] : [fmt(p.complete), fmt(p.most), fmt(p.perHop, 2)];
    }),
  ]);
  const sweepTable = textTable(['answer after', '5 ft all (s)', '90% (s)', 's/hop', '20 ft all (s)', '90% (s)', 's/hop'], sweepRows);

  const targets: string[] = [];
  for (const s of [5, 20] as const) {
    const p = of(FAITHFUL.id, s);
    if (p === undefined) continue;
    targets.push(`${s} ft: all motes in ${p.complete.median.toFixed(1)} s (target ${TARGETS[s].seconds.join('-')} s: ${within(p.complete.median, TARGETS[s].seconds)}), ` +
      `${p.hops.median} hops (target ${TARGETS[s].hops.join('-')}: ${within(p.hops.median, TARGETS[s].hops)})`);
  }
  for (const { s, one, five } of tauRows) {
    const ratio = (five as Point).complete.median / (one as Point).complete.median;
    targets.push(`${s} ft: tau_h 5 min / 1 min = ${ratio.toFixed(2)} (target within ${100 * TAU_H_TOLERANCE}%: ${Math.abs(ratio - 1) <= TAU_H_TOLERANCE ? 'met' : 'NOT met'})`);
  }

  const line = (setting: PaperSetting, pick: (p: Point) => Median, name: string, dashed = false): ChartSeries => ({
    name,
    dashed,
    points: points.filter((p) => p.setting === setting && Number.isFinite(pick(p).median)).map((p) => ({ x: p.spacing, y: pick(p).median, lo: pick(p).lo, hi: pick(p).hi })),
  });
  const series: ChartSeries[] = [
    line(FAITHFUL, (p) => p.complete, 'TOSSIM-bit + Maté, all motes'),
    line(FAITHFUL, (p) => p.most, 'TOSSIM-bit + Maté, 90% of motes', true),
    line(TAU_H_5MIN, (p) => p.complete, 'tau_h 5 min, all motes'),
    { name: 'paper (NSDI 2004 / CACM 2008)', markersOnly: true, points: [{ x: 5, y: PAPER[5].seconds }, { x: 20, y: PAPER[20].seconds }] },
  ].filter((s) => s.points.length > 0);
  const svg = lineChartSvg({
    title: "Trickle propagation as the paper ran it: TOSSIM-bit and Maté's rule",
    subtitle: `400 motes, 20 x 20 grid, tau_l 1 s, tau_h 64 s, k 1, answer after 1 s; median and range over ${seeds} seeds`,
    xLabel: 'grid spacing (ft)',
    yLabel: 'seconds until every mote has the code',
    xLog: false,
    yLog: false,
    series,
  });
  const csv = csvText(
    ['setting', 'spacing_ft', 'seeds', 'hops_median', 'hops_min', 'hops_max', 'all_median_s', 'all_min_s', 'all_max_s', 'never_covered', 'p90_median_s', 's_per_hop_median', 'transmissions_median', 'code_packets_median', 'collisions_median', 'paper_s', 'paper_hops'],
    points.map((p) => [
      p.setting.id, p.spacing, p.complete.runs, p.hops.median, p.hops.lo, p.hops.hi, p.complete.median, p.complete.lo, p.complete.hi, p.complete.missing,
      p.most.median, p.perHop.median, p.transmissions.median, p.codePackets.median, p.collisions.median,
      p.spacing === 5 || p.spacing === 20 ? PAPER[p.spacing].seconds : '', p.spacing === 5 || p.spacing === 20 ? PAPER[p.spacing].hops : '',
    ]),
  );
  const first = planned.jobs.at(0);
  const json = {
    settings: { grid: `${first?.side}x${first?.side}`, trickle: { imin: 1, imax: [64, 256], k: 1 }, replyDelaySeconds: 1, horizonSeconds: (first?.horizonNs ?? NaN) / NS_PER_SECOND, seeds },
    paper: PAPER,
    targets: TARGETS,
    rows: points.map((p) => ({ setting: p.setting.id, label: p.setting.label, spacing: p.spacing, complete: p.complete.json(), p90: p.most.json(), hops: p.hops.json(), secondsPerHop: p.perHop.json(), transmissions: p.transmissions.json(), codePackets: p.codePackets.json(), collisions: p.collisions.json() })),
  };
  return {
    json,
    table:
      `paper propagation: TOSSIM-bit radio, Maté's rule, 20 x 20 grid, tau_l 1 s, tau_h 64 s, k 1, answer after 1 s (median [min-max] over ${seeds} seeds)\n${mainTable}\n\n` +
      `tau_h 1 min against 5 min (all motes, median [min-max])\n${tauTable}\n\n` +
      `ablation: one modelling choice reverted at a time (median [min-max]; Δ: median change of "all motes" against the faithful model)\n${ablationTable}\n\n` +
      `Maté's answer delay (the paper: 1 s), faithful model otherwise\n${sweepTable}\n\n` +
      `targets (median over seeds):\n  ${targets.join('\n  ')}`,
    files: [
      { name: 'trickle-paper.csv', text: csv },
      { name: 'trickle-paper.svg', text: svg },
    ],
    rows: main.filter((p) => Number.isFinite(p.complete.median)).map((p) => ({ label: `paper propagation ${p.spacing} ft`, unit: 's', stats: p.complete.stats() })),
    notes: ['hops: depth of the dissemination tree (each mote records the neighbour it took the code from); transmissions: every packet sent after the injection, summaries included'],
  };
}
