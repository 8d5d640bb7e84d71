// `mote sweep` in-process (points run one by one on this thread: from the TypeScript sources there is
// no compiled worker): output files, resuming, failing points, refusals, shards and merge.

import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import type { PointLine } from '../../../cli/sweep/store.js';
import { parseCsv, xmlProblems } from '../../bench/parsers.js';
import { mote, planFile, TINY_PLAN } from './helpers.js';

function lines(file: string): PointLine[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as PointLine);
}

describe('mote sweep', () => {
  it("writes one line per point whose values are what mote sim --json prints for that point", async () => {
    const { dir, plan } = planFile();
    const out = join(dir, 'out');
    const run = await mote('sweep', plan, '-o', out);
    expect(run.err).toMatch(/^(sweep: \d\/6 points, 0 failed, \d+ s so far, about \d+ s left\n)+$/); // plain progress lines off a terminal
    expect(run.err).toContain('sweep: 6/6 points, 0 failed');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^sweep: 6 points, 0 already done, 6 ran on this thread/);
    const got = lines(join(out, 'points.jsonl'));
    expect(got.map((l) => l.point).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const fourth = got.find((l) => l.point === 4);
    const direct = await mote('sim', '--topology', 'grid:3x3', '--seconds', '5', '--inject', 'capsules/cnt_to_leds.mate@0:1s', '--spacing', '20', '--seed', '2', '--json');
    const json = JSON.parse(direct.out) as { radio: { transmissions: number }; capsules: { coveredAt: number | null }[]; energy: { totalJoules: number } };
    expect(fourth).toMatchObject({
      axes: { spacing: 20, seed: 2 },
      seed: 2,
      values: { 'radio.transmissions': json.radio.transmissions, 'capsules.0.coveredAt': json.capsules[0].coveredAt, 'energy.totalJoules': json.energy.totalJoules },
    });
    expect(fourth?.wallSeconds).toBeGreaterThan(0);
  });

  it('summarises each cell and value with median, spread and 95% interval, and charts each value', async () => {
    const { dir, plan } = planFile();
    const out = join(dir, 'out');
    expect((await mote('sweep', plan, '-o', out)).code).toBe(0);
    const csv = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(csv[0]).toEqual(['spacing', 'value', 'points', 'failed', 'numbers', 'median', 'iqr', 'p2.5', 'p97.5']);
    expect(csv.slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual([
      '5 radio.transmissions', '5 capsules.0.coveredAt', '5 energy.totalJoules', '20 radio.transmissions', '20 capsules.0.coveredAt', '20 energy.totalJoules',
    ]);
    const sends = lines(join(out, 'points.jsonl')).filter((l) => l.axes.spacing === 20).map((l) => l.values['radio.transmissions'] as number).sort((a, b) => a - b);
    const row = csv.find((r) => r[0] === '20' && r[1] === 'radio.transmissions') ?? [];
    expect(row.slice(2, 6)).toEqual(['3', '0', '3', String(sends[1])]);
    expect(Number(row[7])).toBeCloseTo(sends[0] + 0.05 * (sends[1] - sends[0]), 9);
    const charts = readdirSync(out).filter((f) => f.endsWith('.svg')).sort();
    expect(charts).toEqual(['chart-capsules.0.coveredAt.svg', 'chart-energy.totalJoules.svg', 'chart-radio.transmissions.svg']);
    for (const c of charts) expect(xmlProblems(readFileSync(join(out, c), 'utf8'))).toEqual([]);
  });

  it('skips finished points on a rerun and runs again a line torn by a kill, ending with the same summary', async () => {
    const { dir, plan } = planFile();
    const out = join(dir, 'out');
    await mote('sweep', plan, '-o', out);
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8');
    const file = join(out, 'points.jsonl');
    const whole = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, whole.slice(0, 2).join('\n') + '\n' + whole[2].slice(0, 20)); // killed while writing the third line
    const rerun = await mote('sweep', plan, '-o', out);
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/^sweep: 6 points, 2 already done, 4 ran/);
    expect(lines(file)).toHaveLength(6);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(summary);
    const again = await mote('sweep', plan, '-o', out);
    expect(again.out).toMatch(/^sweep: 6 points, 6 already done, 0 ran/);
  });

  it('records a failing point with its error, runs the rest, and exits 1 with the count', async () => {
    const { dir, plan } = planFile(TINY_PLAN.replace('spacing: [5, 20]', 'topology: [grid:3x3, file:nowhere.topo]').replace('topology: grid:3x3, ', ''));
    const out = join(dir, 'out');
    const run = await mote('sweep', plan, '-o', out);
    expect(run.code).toBe(1);
    expect(run.err.split('\n').slice(-3)).toEqual([expect.stringMatching(/^sweep: 6\/6 points, 3 failed/), `3 of 6 points failed; their errors are in ${join(out, 'points.jsonl')}`, '']);
    const got = lines(join(out, 'points.jsonl'));
    expect(got.filter((l) => l.error !== undefined).map((l) => [l.axes.topology, l.error])).toEqual(Array(3).fill(['file:nowhere.topo', 'nowhere.topo: no such file']));
    expect(got.filter((l) => l.error === undefined)).toHaveLength(3);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toContain('file:nowhere.topo,radio.transmissions,3,3,0,,,,');
    const rerun = await mote('sweep', plan, '-o', out);
    expect(rerun.out).toMatch(/3 already done, 3 ran/); // failed points are tried again
  });

  it("sweeps an algorithm too, with mote algo's JSON", async () => {
    const { dir, plan } = planFile('run: algo lcr\naxes: { timing: [sync, async], seed: [1, 2] }\ncollect: [ok, messages]\n');
    const out = join(dir, 'out');
    expect((await mote('sweep', plan, '-o', out)).code).toBe(0);
    const direct = JSON.parse((await mote('algo', 'lcr', '--timing', 'async', '--seed', '2', '--json')).out) as { ok: boolean; messages: number };
    expect(lines(join(out, 'points.jsonl')).find((l) => l.point === 3)).toMatchObject({ axes: { timing: 'async', seed: 2 }, seed: 2, values: { ok: direct.ok, messages: direct.messages } });
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toMatch(/^timing,value,points,failed,numbers,median,iqr,p2\.5,p97\.5\r\nsync,ok,2,0,2,1,0,1,1\r\n/);
  });

  it('draws a progress bar with an ETA on a terminal', async () => {
    const { dir, plan } = planFile();
    const io = bufferIo(true);
    expect(await main(['sweep', plan, '-o', join(dir, 'out')], io)).toBe(0);
    expect(io.err).toMatch(/sweep \[[^\]]+\] 6\/6 points \| 0 failed \| ETA /);
    expect(io.out).toMatch(/^sweep: 6 points, 0 already done, 6 ran/);
  });

  it('says which collect path is not in the JSON', async () => {
    const { dir, plan } = planFile(TINY_PLAN.replace('radio.transmissions', 'radio.transmisions'));
    const run = await mote('sweep', plan, '-o', join(dir, 'out'));
    expect(run.code).toBe(1);
    const first = lines(join(dir, 'out', 'points.jsonl'))[0];
    expect(first.error).toMatch(/^collect 'radio.transmisions': 'transmisions' is not in radio \(it has: transmissions, /);
  });

  it('refuses an output folder of another plan, naming the difference, and leaves it as it was', async () => {
    const { dir, plan } = planFile();
    const out = join(dir, 'out');
    await mote('sweep', plan, '-o', out);
    const before = readFileSync(join(out, 'points.jsonl'), 'utf8');
    writeFileSync(plan, TINY_PLAN.replace('[5, 20]', '[5, 10]'));
    const run = await mote('sweep', plan, '-o', out);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`${out}: holds a sweep of another plan (axes.spacing: [5,20] there, [5,10] here); give another -o folder\n`);
    expect(readFileSync(join(out, 'points.jsonl'), 'utf8')).toBe(before);
  });

  it('refuses a plan with a typo and a shard out of range before writing anything', async () => {
    const { dir, plan } = planFile(TINY_PLAN.replace('seconds: 5', 'second: 5'));
    const typo = await mote('sweep', plan, '-o', join(dir, 'a'));
    expect(typo.err).toBe(`${plan}: flags.second: unknown flag 'second' for mote sim (did you mean 'seconds'?)\n`);
    writeFileSync(plan, TINY_PLAN);
    const shard = await mote('sweep', plan, '-o', join(dir, 'b'), '--shard', '3/3');
    expect(shard.err).toBe('--shard 3/3: shard index 3 is out of range for 3 shards (0 to 2)\n');
    expect([typo.code, shard.code]).toEqual([1, 1]);
    expect(existsSync(join(dir, 'a')) || existsSync(join(dir, 'b'))).toBe(false);
  });
});

describe('mote sweep merge', () => {
  it('gives the same summary from shards as one unsharded run, byte for byte', async () => {
    const { dir, plan } = planFile();
    await mote('sweep', plan, '-o', join(dir, 'whole'));
    for (const i of [0, 1]) {
      const run = await mote('sweep', plan, '-o', join(dir, `s${i}`), '--shard', `${i}/2`);
      expect(run.out).toMatch(new RegExp(`^sweep shard ${i}/2: 3 points, 0 already done, 3 ran`));
      expect(existsSync(join(dir, `s${i}`, `points.shard-${i}-of-2.jsonl`))).toBe(true);
    }
    const merged = await mote('sweep', 'merge', join(dir, 's0'), join(dir, 's1'), '-o', join(dir, 'merged'));
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/^merged 6 of 6 points \(0 failed\)/);
    for (const f of ['summary.csv', 'chart-radio.transmissions.svg']) {
      expect(readFileSync(join(dir, 'merged', f), 'utf8')).toBe(readFileSync(join(dir, 'whole', f), 'utf8'));
    }
  });

  it('says how many points no shard has yet, and refuses folders of different plans', async () => {
    const { dir, plan } = planFile();
    await mote('sweep', plan, '-o', join(dir, 's0'), '--shard', '0/2');
    const partial = await mote('sweep', 'merge', join(dir, 's0'));
    expect(partial.code).toBe(1);
    expect(partial.err).toBe('3 of 6 points are in no folder yet: a shard has not finished (rerun it; it skips what is done)\n');
    writeFileSync(plan, TINY_PLAN.replace('seconds: 5', 'seconds: 6'));
    await mote('sweep', plan, '-o', join(dir, 'other'), '--shard', '1/2');
    const mixed = await mote('sweep', 'merge', join(dir, 's0'), join(dir, 'other'));
    expect(mixed.err).toBe(`${join(dir, 'other')}: holds another plan than ${join(dir, 's0')} (flags.seconds: 5 in ${join(dir, 's0')}, 6 in ${join(dir, 'other')})\n`);
    appendFileSync(join(dir, 's0', 'points.shard-0-of-2.jsonl'), 'not json\n');
    expect((await mote('sweep', 'merge', join(dir, 's0'))).err).toBe(`${join(dir, 's0', 'points.shard-0-of-2.jsonl')}:4: not a JSON line\n`);
  });
});

describe('mote sweep --quick, and axes of named cases', () => {
  const PLAN = `run: sim
flags: { topology: grid:3x3, seconds: 5, inject: capsules/cnt_to_leds.mate@0:1s }
axes:
  radio-model:
    ideal: { radio: perfect }
    lossy: { radio: empirical, spacing: 20 }
  seed: { from: 1, to: 3 }
collect: [radio.transmissions]
quick: { flags: { seconds: 2 }, axes: { radio-model: [lossy], seed: [2] } }
`;

  it("runs the quick section's points, each with its case's flags, and refuses the whole plan in that folder", async () => {
    const { dir, plan } = planFile(PLAN);
    const out = join(dir, 'out');
    const run = await mote('sweep', plan, '--quick', '-o', out);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^sweep: 1 points, 0 already done, 1 ran/);
    const [only] = lines(join(out, 'points.jsonl'));
    const direct = await mote('sim', '--topology', 'grid:3x3', '--seconds', '2', '--inject', 'capsules/cnt_to_leds.mate@0:1s', '--radio', 'empirical', '--spacing', '20', '--seed', '2', '--json');
    expect(only).toMatchObject({ axes: { 'radio-model': 'lossy', seed: 2 }, values: { 'radio.transmissions': (JSON.parse(direct.out) as { radio: { transmissions: number } }).radio.transmissions } });
    const whole = await mote('sweep', plan, '-o', out);
    expect(whole.code).not.toBe(0);
    expect(whole.err).toContain('holds a sweep of another plan (flags.seconds: 2 there, 5 here)');
  });

  it('names a case flag the command does not have', async () => {
    const { plan } = planFile(PLAN.replace('radio: perfect', 'radoi: perfect'));
    const run = await mote('sweep', plan, '-o', join(plan, '..', 'out'));
    expect(run.code).not.toBe(0);
    expect(run.err.trim()).toMatch(/axes\.radio-model\.ideal\.radoi: unknown flag 'radoi' for mote sim \(did you mean 'radio'\?\)$/);
  });
});
