// Sweep plans (cli/sweep/plan.ts, flag-check.ts) and shard choice (shard.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandPoints, parsePlan, pointArgv, type Plan } from '../../../cli/sweep/plan.js';
import { chooseShard, inShard, parseShard } from '../../../cli/sweep/shard.js';
import { verdict } from './helpers.js';

const PLAN = `
run: sim
flags: { topology: grid:3x3, seconds: 5, inject: [capsules/cnt_to_leds.mate@0:1s] }
axes: { spacing: [5, 10], seed: { from: 1, to: 3 } }
collect: [radio.transmissions]
`;


describe('parsePlan', () => {
  it('writes ranges out and crosses the axes with the first axis outermost', () => {
    const plan = parsePlan(PLAN, 'p.yaml');
    expect(plan.axes.seed).toEqual([1, 2, 3]);
    expect(expandPoints(plan).map((p) => [p.index, p.axes.spacing, p.axes.seed])).toEqual([
      [0, 5, 1], [1, 5, 2], [2, 5, 3], [3, 10, 1], [4, 10, 2], [5, 10, 3],
    ]);
  });

  it('reads the same plan from JSON', () => {
    const json = JSON.stringify({ run: 'sim', flags: { topology: 'grid:3x3', seconds: 5, inject: ['capsules/cnt_to_leds.mate@0:1s'] }, axes: { spacing: [5, 10], seed: { from: 1, to: 3 } }, collect: ['radio.transmissions'] });
    expect(parsePlan(json, 'p.json')).toEqual(parsePlan(PLAN, 'p.yaml'));
  });

  it("builds a point's command line from the fixed flags, then its axis values, then --json", () => {
    const plan = parsePlan(PLAN, 'p.yaml');
    expect(pointArgv(plan, expandPoints(plan)[4])).toEqual([
      'sim', '--topology=grid:3x3', '--seconds=5', '--inject=capsules/cnt_to_leds.mate@0:1s', '--spacing=10', '--seed=2', '--json',
    ]);
  });

  it('gives every point once, whatever the axes, and indexes them in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        const axes = Object.fromEntries(sizes.map((n, a) => [`a${a}`, Array.from({ length: n }, (_, i) => i)]));
        const plan: Plan = { run: ['sim'], flags: {}, axes, cases: {}, collect: ['x'] };
        const points = expandPoints(plan);
        expect(points.length).toBe(sizes.reduce((p, n) => p * n, 1));
        expect(new Set(points.map((p) => JSON.stringify(p.axes))).size).toBe(points.length);
        expect(points.map((p) => p.index)).toEqual(points.map((_, i) => i));
      }),
    );
  });
});

describe('a plan with a mistake', () => {
  it('is one line naming an unknown flag, with the flag it probably meant', () => {
    expect(verdict(PLAN.replace('seconds: 5', 'secnds: 5'))).toBe("p.yaml: flags.secnds: unknown flag 'secnds' for mote sim (did you mean 'seconds'?)");
  });

  it('is one line naming an unknown axis', () => {
    expect(verdict(PLAN.replace('spacing: [5, 10]', 'spaceing: [5, 10]'))).toBe("p.yaml: axes.spaceing: unknown axis 'spaceing' for mote sim (did you mean 'spacing'?)");
  });

  it("is the flag's own complaint for a bad value", () => {
    expect(verdict(PLAN.replace('[5, 10]', '[5, -10]'))).toBe("p.yaml: axes.spacing: --spacing wants a positive number, got '-10'");
    expect(verdict(PLAN.replace('grid:3x3, seconds: 5', 'grid:3x3, radio: laser, seconds: 5'))).toMatch(/^p\.yaml: flags\.radio: --radio wants one of .*, got 'laser'$/);
  });

  it('names a misspelt top-level key, a missing collect, an unknown command, a bad algorithm and a list for a one-value flag', () => {
    expect(verdict(PLAN.replace('axes:', 'axis:'))).toBe("p.yaml: unknown key 'axis' (a plan has run, flags, axes, collect and quick)");
    expect(verdict(PLAN.replace('collect: [radio.transmissions]', ''))).toBe('p.yaml: collect: missing');
    expect(verdict(PLAN.replace('run: sim', 'run: simulate'))).toBe("p.yaml: run: 'simulate' is not a command a sweep runs (sim, algo, experiment)");
    expect(verdict(PLAN.replace('run: sim', 'run: algo quicksort'))).toMatch(/^p\.yaml: run: 'quicksort': /);
    expect(verdict(PLAN.replace('seconds: 5', 'seconds: [5, 6]'))).toBe('p.yaml: flags.seconds: --seconds takes one value, got a list');
  });

  it('refuses output flags, an axis that is also a fixed flag, a backwards range and text that is not YAML', () => {
    expect(verdict(PLAN.replace('seconds: 5', 'seconds: 5, trace: t.cbor'))).toBe("p.yaml: flags.trace: 'trace' cannot be set in a sweep (each point's output is its JSON line)");
    expect(verdict(PLAN.replace('seconds: 5', 'seconds: 5, seed: 1'))).toBe("p.yaml: 'seed' is both a fixed flag and an axis");
    expect(verdict(PLAN.replace('from: 1, to: 3', 'from: 3, to: 1'))).toBe("p.yaml: axes.seed: 'to' (1) is below 'from' (3)");
    expect(verdict('run: [sim')).toMatch(/^p\.yaml: not YAML or JSON/);
  });

  it('passes a correct plan for sim and for algo', () => {
    expect(verdict(PLAN)).toBe('ok');
    expect(verdict('run: algo lcr\naxes: { seed: [1, 2] }\ncollect: [messages]\n')).toBe('ok');
  });
});

describe('shards', () => {
  it('split the points k by k mod N, each point in exactly one shard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 200 }), (count, k) => {
        const owners = Array.from({ length: count }, (_, i) => i).filter((i) => inShard(k, { index: i, count }));
        expect(owners).toEqual([k % count]);
      }),
    );
  });

  it('come from --shard, then Slurm, then a Kubernetes index with --shards', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(chooseShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(chooseShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 2, count: 3 });
    expect(chooseShard(undefined, 5, { JOB_COMPLETION_INDEX: '4' })).toEqual({ index: 4, count: 5 });
    expect(chooseShard('0/2', undefined, { JOB_COMPLETION_INDEX: '4' })).toEqual({ index: 0, count: 2 });
    expect(chooseShard(undefined, undefined, {})).toBeUndefined();
  });

  it('out of range or half given is one line', () => {
    expect(() => parseShard('3/3')).toThrow('--shard 3/3: shard index 3 is out of range for 3 shards (0 to 2)');
    expect(() => parseShard('1of3')).toThrow("--shard wants I/N (shard I of N, counting from 0), got '1of3'");
    expect(() => chooseShard(undefined, undefined, { JOB_COMPLETION_INDEX: '0' })).toThrow('JOB_COMPLETION_INDEX is set but no shard count: give --shards N');
    expect(() => chooseShard(undefined, 2, { JOB_COMPLETION_INDEX: '2' })).toThrow('JOB_COMPLETION_INDEX: shard index 2 is out of range for 2 shards (0 to 1)');
    expect(() => chooseShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '0' })).toThrow('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not');
  });
});
