// The pieces of the Trickle benchmark: mean and spread over seeds, hop counts over a link table, the
// line chart, the worker pool's ordering and errors, and single experiment runs being deterministic.

import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../bench/experiments/chart.js';
import { etxAcross, hopsAcross } from '../../bench/experiments/hops.js';
import { runJob, type Job } from '../../bench/experiments/jobs.js';
import { runMaintenance, type MaintenanceJob } from '../../bench/experiments/maintenance.js';
import { runPropagation, type PropagationJob } from '../../bench/experiments/propagation.js';
import { pullOnWorkers, type WorkerReply } from '../../bench/experiments/pool.js';
import { formatSpread, spreadOf } from '../../bench/experiments/spread.js';
import type { LinkTable } from '../../sim/radio/link-table.js';
import { defaultTrickleParams, NS_PER_SECOND } from '../../trickle/index.js';
import { capsule } from '../sim/dissemination/capsules.js';
import { xmlProblems } from './parsers.js';

describe('spreadOf', () => {
  it('gives mean, sample standard deviation, extremes, and counts the runs that gave no number', () => {
    const s = spreadOf([2, 4, 4, 4, 5, 5, 7, 9, null]);
    expect(s).toMatchObject({ mean: 5, min: 2, max: 9, runs: 8, missing: 1 });
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(formatSpread(s)).toBe('5.0 ± 2.1 (1 never)');
  });

  it('has no spread for one run and nothing for none', () => {
    expect(spreadOf([3])).toMatchObject({ mean: 3, sd: 0, runs: 1 });
    expect(formatSpread(spreadOf([null, null]))).toBe('-');
  });
});

/** A link table from directed (from, to, prr) triples. */
function table(n: number, links: [number, number, number][]): LinkTable {
  const sorted = [...links].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const offsets = new Uint32Array(n + 1);
  for (const [u] of sorted) offsets[u + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  return { n, offsets, neighbours: Uint32Array.from(sorted.map((l) => l[1])), prr: Float32Array.from(sorted.map((l) => l[2])) };
}

describe('hops across', () => {
  // 0 -> 1 -> 2 -> 3 with good links, and a weak shortcut 0 -> 3.
  const line = table(4, [[0, 1, 1], [1, 2, 1], [2, 3, 0.5], [0, 3, 0.1]]);

  it('counts breadth-first hops over links at or above the threshold only', () => {
    expect(hopsAcross(line, 0)).toBe(3);
    expect(hopsAcross(line, 0, 0.05)).toBe(2); // the shortcut brings 3 to one hop; 2 stays two away
    expect(hopsAcross(line, 0, 0.6)).toBe(-1); // 3 is out of reach
  });

  it('gives the expected transmissions along the best path: 1 + 1 + 2, not the shortcut 10', () => {
    expect(etxAcross(line, 0)).toBeCloseTo(4, 6);
    expect(etxAcross(table(3, [[0, 1, 1]]), 0)).toBe(Infinity);
  });
});

describe('lineChartSvg', () => {
  it('is well-formed XML with a line per series, whiskers, escaped names and reference markers', () => {
    const svg = lineChartSvg({
      title: 'T <1>',
      subtitle: 'a & b',
      xLabel: 'motes',
      yLabel: 'per interval',
      xLog: true,
      yLog: false,
      series: [
        { name: 'with <listen>', points: [1, 4, 16].map((x) => ({ x, y: 1, lo: 0.5, hi: 1.5 })) },
        { name: 'without', points: [1, 4, 16].map((x) => ({ x, y: Math.sqrt(x) })) },
        { name: 'paper', markersOnly: true, points: [{ x: 16, y: 2 }] },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('with &lt;listen&gt;');
    for (const tick of ['>1<', '>4<', '>16<']) expect(svg).toContain(tick);
    expect(svg).toContain('(log scale)');
  });

  it('puts the larger value higher on a logarithmic y axis', () => {
    const svg = lineChartSvg({ title: '', subtitle: '', xLabel: 'x', yLabel: 'y', xLog: false, yLog: true, series: [{ name: 's', points: [{ x: 1, y: 0.1 }, { x: 2, y: 100 }] }] });
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(2);
    expect(ys[1]).toBeLessThan(ys[0]);
  });
});

/** A worker module from source text: its default export answers each task ({ index, job }) with `body`. */
function worker(body: string): URL {
  const code = `export default ({ index, job }) => { ${body} };`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Every reply pullOnWorkers hands on for the jobs of a list, sorted by index. */
async function replies(jobs: readonly number[], url: URL, threads: number): Promise<WorkerReply<number>[]> {
  let i = 0;
  const got: WorkerReply<number>[] = [];
  await pullOnWorkers<number, number>(() => (i < jobs.length ? jobs[i++] : undefined), url, threads, (reply) => got.push(reply));
  return got.sort((a, b) => a.index - b.index);
}

describe('pullOnWorkers', () => {
  it('hands on every result with its job index whatever order the workers finish in', async () => {
    const url = worker('return new Promise((done) => setTimeout(() => done({ index, result: job * job }), (7 - (job % 7)) * 3));');
    const jobs = Array.from({ length: 20 }, (_, i) => i);
    expect(await replies(jobs, url, 3)).toEqual(jobs.map((j, index) => ({ index, result: j * j })));
  });

  it('hands on every reply as it comes, a worker that threw as an error reply', async () => {
    const url = worker("if (job === 1) throw new Error('kaput'); return job === 2 ? { index, error: 'boom' } : { index, result: job * 10 };");
    expect(await replies([0, 1, 2, 3], url, 2)).toEqual([
      { index: 0, result: 0 }, { index: 1, error: 'kaput' }, { index: 2, error: 'boom' }, { index: 3, result: 30 },
    ]);
  });

  it('stops and rejects with the error its reply handler throws', async () => {
    const url = worker('return { index, result: job };');
    let i = 0;
    let handed = 0;
    const run = pullOnWorkers<number, number>(() => (i < 50 ? i++ : undefined), url, 2, () => {
      handed++;
      throw new Error('enough');
    });
    await expect(run).rejects.toThrow('enough');
    expect(handed).toBe(1);
  });

  it('has nothing to do when there is no job', async () => {
    expect(await replies([], worker(''), 4)).toEqual([]);
  });
});

describe('experiment jobs', () => {
  const everyone: MaintenanceJob = { kind: 'maintenance', topology: 'clique:12', radio: 'perfect', params: { ...defaultTrickleParams, k: Infinity }, seed: 3, intervals: 3 };
  const spread: PropagationJob = { kind: 'propagation', side: 4, spacing: 10, seed: 3, replyDelayNs: NS_PER_SECOND, collisions: true, capsule: capsule(20, 1), horizonNs: 300 * NS_PER_SECOND };
  const jobs: Job[] = [{ kind: 'cell', n: 32, params: { ...defaultTrickleParams, listen: 0 }, loss: 0.1, seed: 3, intervals: 4 }, everyone, spread];

  it('give the same result for the same job, run twice', () => {
    expect(jobs.map(runJob)).toEqual(jobs.map(runJob));
  });

  it('count every mote once per interval when nothing suppresses (k = inf) in a lossless cell', () => {
    const r = runMaintenance(everyone);
    expect(r.motes).toBe(12);
    expect(Math.abs(r.perInterval - 12)).toBeLessThan(12 / 3 + 1e-9); // whole sends over a fractional window
  });

  it('spread code over a small grid: every mote, the marks in order, after at least one reply delay', () => {
    const r = runPropagation(spread);
    expect(r.coverage).toBe(1);
    expect(r.coveredAfter).not.toBeNull();
    expect(r.coveredAfter as number).toBeGreaterThan(1);
    expect(r.halfAfter as number).toBeLessThanOrEqual(r.mostAfter as number);
    expect(r.mostAfter as number).toBeLessThanOrEqual((r.coveredAfter as number) + 0.1);
    expect(r.hops).toBeGreaterThan(0);
    expect(r.etx).toBeGreaterThanOrEqual(r.hops);
  });
});
