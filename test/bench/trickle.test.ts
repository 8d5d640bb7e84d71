// `mote bench trickle --quick` in-process: the JSON keys, sane numbers (full coverage at 5 ft, the
// listen-only bound, the short-listen growth, cheaper maintenance with a longer tau_h), the tables and
// the per-experiment CSV and SVG files. Correctness only: nothing here depends on the host's speed.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bench } from './run-bench.js';
import { propagationOutput } from '../../bench/experiments/propagation-experiment.js';
import { runPlan, tricklePlan } from '../../bench/trickle-plans.js';
import { pointCount } from '../../cli/sweep/plan.js';
import { parseCsv, xmlProblems } from './parsers.js';

interface Spread {
  mean: number;
  sd: number;
  min: number;
  max: number;
  runs: number;
  missing: number;
}

interface TrickleJson {
  seeds: number;
  quick: boolean;
  workers: number;
  simulations: number;
  propagation: { rows: { spacing: number; setting: string; hops: Spread; etx: Spread; coverage: Spread; coveredAfter: Spread; mostAfter: Spread; halfAfter: Spread; transmissions: Spread }[]; paper: Record<string, unknown> };
  scaling: {
    cell: { series: string; n: number; perInterval: Spread; peak: number }[];
    network: { series: string; n: number; perInterval: Spread }[];
    fits: { shortListenExponent: number; listenLosslessPeak: number; perDoublingWithLoss: Record<string, number> };
  };
  cost: { rows: { spacing: number; tauHSeconds: number; perMotePerHour: Spread; perInterval: Spread }[] };
}


const out = mkdtempSync(join(tmpdir(), 'mote-bench-trickle-'));
let json: TrickleJson;
let text: string;

beforeAll(async () => {
  json = (JSON.parse(await bench('trickle', '--quick', '--json', '--out', out)) as { trickle: TrickleJson }).trickle;
  text = await bench('trickle', '--quick', '--runs', '2', '--out', mkdtempSync(join(tmpdir(), 'mote-bench-trickle-')));
}, 120_000);

describe('mote bench trickle --quick --json', () => {
  it('has the three experiments and how they ran', () => {
    expect(Object.keys(json).sort()).toEqual(['cost', 'propagation', 'quick', 'scaling', 'seeds', 'simulations', 'wallSeconds', 'workers']);
    expect(json).toMatchObject({ quick: true, seeds: 1 });
    expect(json.simulations).toBeGreaterThan(50);
  });

  it('brings the code to every mote of the 5 ft grid within seconds, the marks in order, about 6 hops across', () => {
    const dense = json.propagation.rows.find((r) => r.spacing === 5 && r.setting === 'mate');
    expect(dense).toBeDefined();
    const d = dense as TrickleJson['propagation']['rows'][number];
    expect(d.coverage.mean).toBe(1);
    expect(d.coveredAfter.mean).toBeGreaterThan(1.5); // at least one hop at the paper's best case
    expect(d.coveredAfter.mean).toBeLessThan(60);
    expect(d.halfAfter.mean).toBeLessThanOrEqual(d.mostAfter.mean);
    expect(d.mostAfter.mean).toBeLessThanOrEqual(d.coveredAfter.mean + 0.1);
    expect(d.etx.mean).toBeGreaterThan(4);
    expect(d.etx.mean).toBeLessThan(10);
    expect(d.transmissions.mean).toBeGreaterThan(0);
  });

  it('takes longer and more hops across the sparse 20 ft grid than the dense one', () => {
    const at = (s: number) => json.propagation.rows.find((r) => r.spacing === s && r.setting === 'mate') as TrickleJson['propagation']['rows'][number];
    expect(at(20).etx.mean).toBeGreaterThan(3 * at(5).etx.mean);
    expect(at(20).hops.mean).toBeGreaterThan(at(5).hops.mean);
    expect(at(20).mostAfter.mean).toBeGreaterThan(at(5).mostAfter.mean);
    expect(json.propagation.paper).toMatchObject({ 5: { seconds: 16, hops: 6 }, 20: { seconds: 70, hops: 40 } });
  });

  it('keeps a lossless cell at 2k or fewer per interval with the listen-only half, and shows the short-listen growth without it', () => {
    const { cell, fits } = json.scaling;
    expect(fits.listenLosslessPeak).toBeLessThanOrEqual(2);
    for (const p of cell.filter((c) => c.series === 'cell-listen')) expect(p.peak).toBeLessThanOrEqual(2);
    const largest = (series: string) => cell.filter((c) => c.series === series).at(-1) as TrickleJson['scaling']['cell'][number];
    expect(largest('cell-nolisten').n).toBe(256);
    expect(largest('cell-nolisten').perInterval.mean).toBeGreaterThan(3 * largest('cell-listen').perInterval.mean);
    expect(fits.shortListenExponent).toBeGreaterThan(0.3);
    expect(fits.shortListenExponent).toBeLessThan(0.7);
    expect(fits.perDoublingWithLoss['0.4']).toBeGreaterThan(0);
    expect(largest('cell-listen-loss40').perInterval.mean).toBeGreaterThan(largest('cell-listen').perInterval.mean);
  });

  it('measures the simulated network with and without the listen-only half', () => {
    const series = new Set(json.scaling.network.map((p) => p.series));
    expect([...series].sort()).toEqual(['area-listen', 'area-nolisten', 'clique-listen', 'clique-nolisten']);
    for (const p of json.scaling.network) expect(p.perInterval.mean).toBeGreaterThan(0);
  });

  it('costs a few sends a mote an hour with tau_h = 1 min and far fewer with 1 hour', () => {
    const [minute, hour] = [60, 3600].map((t) => json.cost.rows.find((r) => r.tauHSeconds === t) as TrickleJson['cost']['rows'][number]);
    expect(minute.perMotePerHour.mean).toBeGreaterThan(1);
    expect(minute.perMotePerHour.mean).toBeLessThan(60); // below one send a mote per interval
    expect(hour.perMotePerHour.mean).toBeLessThan(minute.perMotePerHour.mean / 20);
    // The same network at either tau_h sends about as many per interval: only the interval stretches.
    expect(hour.perInterval.mean / minute.perInterval.mean).toBeGreaterThan(0.5);
    expect(hour.perInterval.mean / minute.perInterval.mean).toBeLessThan(2);
  });

  it('writes a CSV and an SVG chart per experiment', () => {
    for (const name of ['propagation', 'scaling', 'cost']) {
      const csv = parseCsv(readFileSync(join(out, `trickle-${name}.csv`), 'utf8'));
      expect(csv.length).toBeGreaterThan(1);
      expect(new Set(csv.map((r) => r.length)).size).toBe(1);
      const svg = readFileSync(join(out, `trickle-${name}.svg`), 'utf8');
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toContain('<polyline');
    }
    const propagation = parseCsv(readFileSync(join(out, 'trickle-propagation.csv'), 'utf8'));
    expect(propagation[0].slice(0, 3)).toEqual(['spacing_ft', 'setting', 'reply_delay_s']);
    expect(propagation.slice(1).map((r) => r[0])).toEqual(['5', '20']);
  });
});

describe('mote bench trickle --quick (text)', () => {
  it('prints a table of mean ± sd per experiment, with the paper beside the propagation times', () => {
    expect(text).toContain('propagation: 20 x 20 grid');
    expect(text).toMatch(/5 ft +Maté's 1 s reply .* \d+\.\d ± \d+\.\d .*16 s, 6 hops/);
    expect(text).toContain('maintenance scaling, one cell');
    expect(text).toContain('maintenance scaling, simulated network');
    expect(text).toContain('maintenance cost: stable 20 x 20 grid');
    expect(text).toMatch(/short-listen problem: .* n\^0\.\d\d/);
    expect(text).toMatch(/2 seeds a setting/);
  });
});

describe('where bench trickle --quick gets its figures', () => {
  it("runs the quick plans of bench/plans/trickle/ through the sweep engine, one simulation a point, and tabulates their points", async () => {
    const names = ['propagation', 'cell', 'network-clique', 'network-area', 'cost'];
    const plans = names.map((name) => tricklePlan(name, { quick: true, seeds: 1 }));
    expect(json.simulations).toBe(plans.reduce((n, plan) => n + pointCount(plan), 0));
    const run = await runPlan('propagation', plans[0], mkdtempSync(join(tmpdir(), 'mote-bench-trickle-')), 1);
    expect(run.outcome.ran).toBe(2);
    expect(json.propagation).toEqual(JSON.parse(JSON.stringify(propagationOutput(run.jobs, run.results).json)));
    expect(text).toMatch(/\(bench\/plans\/trickle\/, run by the sweep engine\)/);
  }, 60_000);

  it("writes each plan's sweep summary beside the tables, its medians the tables' figures", () => {
    for (const name of ['propagation', 'cell', 'network-clique', 'network-area', 'cost']) {
      const [header, ...rows] = parseCsv(readFileSync(join(out, `trickle-sweep-${name}.csv`), 'utf8'));
      expect(header.slice(-8), name).toEqual(['value', 'points', 'failed', 'numbers', 'median', 'iqr', 'p2.5', 'p97.5']);
      expect(rows.length, name).toBeGreaterThan(0);
    }
    const [header, ...rows] = parseCsv(readFileSync(join(out, 'trickle-sweep-propagation.csv'), 'utf8'));
    const col = (c: string): number => header.indexOf(c);
    for (const row of json.propagation.rows) {
      const cell = rows.find((r) => r[col('spacing')] === String(row.spacing) && r[col('variant')] === row.setting && r[col('value')] === 'coveredAfter');
      expect(Number(cell?.[col('median')])).toBeCloseTo(row.coveredAfter.mean, 9); // one seed: the median is the mean
    }
  });
});
