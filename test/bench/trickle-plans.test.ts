// The Trickle benchmark's plans (bench/plans/trickle/) and the sweep engine running them
// (bench/trickle-plans.ts, `run: experiment KIND` points, cli/sweep/run-point.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobFromFlags } from '../../bench/experiments/job-flags.js';
import { runJob } from '../../bench/experiments/jobs.js';
import { runPlan, TRICKLE_PLANS, tricklePlan } from '../../bench/trickle-plans.js';
import { bufferIo } from '../../cli/io.js';
import { runSweep } from '../../cli/sweep/engine.js';
import { expandPoints, parsePlan, pointCount, pointFlags } from '../../cli/sweep/plan.js';
import { readFolderPoints } from '../../cli/sweep/store.js';
import { planFile, scratch, verdict } from '../cli/sweep/helpers.js';

const PLANS = join(TRICKLE_PLANS, '..');
const shipped = [
  ...readdirSync(PLANS).filter((f) => f.endsWith('.yaml')).map((f) => join(PLANS, f)),
  ...readdirSync(TRICKLE_PLANS).map((f) => join(TRICKLE_PLANS, f)),
];


describe('the shipped plans', () => {
  it('are all there: the standard run, --paper, and the spacing example', () => {
    expect(shipped.map((f) => f.slice(PLANS.length + 1)).sort()).toEqual([
      'spacing.yaml',
      'trickle/cell.yaml', 'trickle/cost.yaml', 'trickle/network-area.yaml', 'trickle/network-clique.yaml',
      'trickle/paper-ablation.yaml', 'trickle/paper-tau-h.yaml', 'trickle/paper.yaml', 'trickle/propagation.yaml',
    ]);
  });

  it.each(shipped.map((f) => [f.slice(PLANS.length + 1), f]))('%s validates whole and quick, as mote sweep checks it', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(verdict(text)).toBe('ok');
    expect(verdict(text, true)).toBe('ok');
  });

  it('give each bench plan a seed axis and a smaller quick version', () => {
    for (const file of shipped.filter((f) => f.startsWith(TRICKLE_PLANS))) {
      const text = readFileSync(file, 'utf8');
      const whole = parsePlan(text, file);
      const quick = parsePlan(text, file, { quick: true });
      expect(Object.keys(whole.axes), file).toContain('seed');
      expect(pointCount(quick), file).toBeLessThan(pointCount(whole));
    }
  });

  it('set the seed axis from --runs', () => {
    expect(tricklePlan('cost', { quick: true, seeds: 3 }).axes.seed).toEqual([1, 2, 3]);
    expect(tricklePlan('paper', { quick: false, seeds: 1 }).axes.seed).toEqual([1]);
  });
});

describe('an experiment plan with a mistake', () => {
  const PLAN = `run: experiment propagation
flags: { side: 3, capsule: cnt_to_leds.mate, horizon: 60, radio: tossim }
axes:
  setting:
    faithful: {}
    no-noise: { noise: false }
  spacing: [5]
  seed: [1]
collect: [coveredAfter]
quick: { axes: { setting: [no-noise] } }
`;

  it('is one line naming the point and the flag', () => {
    expect(verdict(PLAN)).toBe('ok');
    expect(verdict(PLAN.replace('noise: false', 'noize: false'))).toBe(`p.yaml: point {"setting":"no-noise","spacing":5,"seed":1}: unknown flag 'noize' for experiment propagation`);
    expect(verdict(PLAN.replace('radio: tossim', 'radio: tossum'))).toMatch(/^p\.yaml: point \{.*\}: radio: .*"empirical".*"tossim"/);
    expect(verdict(PLAN.replace('experiment propagation', 'experiment flood'))).toBe("p.yaml: run: 'experiment' takes one kind of job (propagation, cell, maintenance), got 'flood'");
    expect(verdict(PLAN.replace('[no-noise]', '[no-nose]'), true)).toBe("p.yaml: quick.axes.setting: 'no-nose' is not one of its cases");
    expect(verdict(PLAN.replace('[no-noise]', '[1]').replace('setting: [', 'spacing: ['), true)).toBe('ok');
  });

  it('records a point whose job cannot run as a failed point, and the sweep goes on', async () => {
    const { plan } = planFile(PLAN.replace('cnt_to_leds.mate', 'no_such_capsule.mate'));
    const parsed = parsePlan(readFileSync(plan, 'utf8'), plan);
    const outcome = await runSweep({ plan: parsed, out: scratch(), threads: 1, io: bufferIo(false) });
    expect(outcome.failed).toBe(2);
    expect(outcome.lines[0].error).toMatch(/no_such_capsule\.mate/);
    expect(outcome.lines[0].error).not.toContain('\n');
  });
});

describe('the sweep engine on a quick bench plan', () => {
  it('runs every point of cell.yaml, each giving what its job gives, and skips them all on a rerun', async () => {
    const plan = tricklePlan('cell', { quick: true, seeds: 2 });
    const dir = scratch();
    const run = await runPlan('cell', plan, dir, 1);
    const points = expandPoints(plan);
    expect(points.length).toBe(5 * 9 * 2);
    expect(run.outcome).toMatchObject({ ran: points.length, failed: 0, skipped: 0 });
    expect(readFolderPoints(dir).length).toBe(points.length);
    for (const i of [0, 17, points.length - 1]) {
      const job = jobFromFlags('cell', pointFlags(plan, points[i]));
      expect(run.jobs[i]).toEqual(job);
      expect(run.results[i]).toEqual(runJob(job));
    }
    expect(run.jobs[points.length - 1]).toMatchObject({ n: 256, loss: 0.2, params: { listen: 0, doublings: 6, k: 1 }, intervals: 4, seed: 2 });
    const summary = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split(/\r?\n/);
    expect(summary[0]).toBe('series,n,value,points,failed,numbers,median,iqr,p2.5,p97.5');
    expect(summary.length).toBe(1 + 5 * 9 * plan.collect.length);
    const again = await runPlan('cell', plan, dir, 1);
    expect(again.outcome).toMatchObject({ ran: 0, skipped: points.length });
    expect(again.results).toEqual(run.results);
  }, 60_000);
});
