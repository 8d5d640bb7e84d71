// `mote sim --inject ... --trickle ...` end to end through the CLI in-process (cli/main.ts main):
// the summary's `capsules` and `trickle` keys (issue 5, "Injecting"), several injections where a
// newer version must win everywhere, the `:vN` version override, `--reply-delay`, and the errors.

import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { bufferIo } from '../../cli/io.js';
import { shippedCapsule } from '../../cli/paths.js';

interface CapsuleSummary {
  name: string;
  version: number;
  injectedAt: number | null;
  coveredAt: number | null;
  coverage: number;
  transmissions: number;
  installs: number;
  hops: number;
  secondsPerHop: number | null;
}

interface SimSummary {
  motes: number;
  capsules: CapsuleSummary[];
  trickle: { transmissionsPerInterval: number | null; perMotePerHour: number | null; interval: number };
}

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

async function sim(...argv: string[]): Promise<SimSummary> {
  const { code, out, err } = await mote('sim', ...argv, '--json');
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as SimSummary;
}

const counter = shippedCapsule('cnt_to_leds.mate');

describe('mote sim --inject', () => {
  it('reports per capsule its name, version, injection time, the second the last mote installed it, coverage and cost', async () => {
    const s = await sim('--topology', 'grid:20x20', '--spacing', '10', '--radio', 'empirical', '--inject', `${counter}@0:5s`, '--seconds', '300');
    expect(s.capsules).toHaveLength(1);
    const c = s.capsules[0];
    expect(c).toMatchObject({ name: 'cnt_to_leds', version: 1, injectedAt: 5, coverage: 1 });
    expect(c.coveredAt).toBeGreaterThan(5);
    expect(c.coveredAt).toBeLessThan(300);
    expect(c.transmissions).toBeGreaterThan(0);
    expect(c.installs).toBe(400);
    // Stable for well over one 64 s interval by 300 s: the maintenance cost is reported.
    expect(s.trickle.interval).toBe(64);
    expect(s.trickle.transmissionsPerInterval).toBeGreaterThan(0);
    expect(s.trickle.perMotePerHour).toBeGreaterThan(0);
  });

  it('gives the depth of the dissemination tree and the seconds per hop: on a line of 6 the code takes 5 hops', async () => {
    const s = await sim('--topology', 'line:6', '--spacing', '10', '--radio', 'disk', '--range', '12', '--inject', `${counter}@0:5s`, '--seconds', '120');
    const c = s.capsules[0];
    expect(c.coverage).toBe(1);
    expect(c.hops).toBe(5);
    expect(c.secondsPerHop).toBeCloseTo(((c.coveredAt as number) - 5) / 5, 9);
  });

  it('lets a newer version injected while the older one still spreads win everywhere', async () => {
    const s = await sim(
      '--topology', 'grid:20x20', '--spacing', '10', '--reply-delay', '1',
      '--inject', `${counter}@0:5s`, '--inject', `${counter}@399:12s:v2`, '--seconds', '200',
    );
    const [v1, v2] = s.capsules;
    expect(v1).toMatchObject({ version: 1, injectedAt: 5, coverage: 0, coveredAt: null });
    expect(v1.installs).toBeGreaterThan(1);
    expect(v1.installs).toBeLessThan(400); // v1 had not reached everyone when v2 came
    expect(v2).toMatchObject({ name: 'cnt_to_leds', version: 2, injectedAt: 12, coverage: 1 });
    expect(v2.coveredAt).toBeGreaterThan(12);
    expect(v2.installs).toBe(400);
  });

  it('treats the same file injected twice as one capsule that each mote installs once', async () => {
    const s = await sim('--topology', 'grid:5x5', '--inject', `${counter}@0:5s`, '--inject', `${counter}@24:40s`, '--seconds', '100');
    expect(s.capsules).toHaveLength(1);
    expect(s.capsules[0]).toMatchObject({ version: 1, injectedAt: 5, coverage: 1, installs: 25 });
  });

  it('waits --reply-delay before answering, which slows a spread along a line', async () => {
    const run = async (delay: string) =>
      (await sim('--topology', 'line:10', '--radio', 'disk', '--range', '12', '--reply-delay', delay, '--inject', `${counter}@0:5s`, '--seconds', '200'))
        .capsules[0].coveredAt;
    const quick = await run('0');
    const slow = await run('1');
    expect(quick).not.toBeNull();
    expect(slow).not.toBeNull();
    // Nine hops, each answered twice a second later (the request, then the code).
    expect((slow as number) - (quick as number)).toBeGreaterThan(9);
  });

  it('prints the spread of each capsule in the text summary', async () => {
    const { code, out } = await mote('sim', '--topology', 'grid:3x3', '--inject', `${counter}@0:1s`, '--seconds', '60');
    expect(code).toBe(0);
    expect(out).toMatch(/capsule cnt_to_leds v1: injected at 1 s, covered at [\d.]+ s, coverage 100\.0%, \d+ transmissions/);
  });

  const bad: [string, string][] = [
    ['no time', `${counter}@0`],
    ['a mote past the last', `${counter}@9:1s`],
    ['a bad version', `${counter}@0:1s:2`],
    ['a version past 32 bits', `${counter}@0:1s:v4294967296`],
    ['a field too many', `${counter}@0:1s:v2:x`],
    ['no file', '@0:1s'],
  ];
  for (const [what, spec] of bad) {
    it(`rejects an injection with ${what} in one line, exit 1`, async () => {
      const { code, err } = await mote('sim', '--topology', 'grid:3x3', '--seconds', '1', '--inject', spec);
      expect(code).toBe(1);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err).toContain('--inject');
    });
  }

  it('rejects a negative --reply-delay', async () => {
    const { code, err } = await mote('sim', '--topology', 'grid:3x3', '--seconds', '1', '--reply-delay', '-1');
    expect(code).toBe(1);
    expect(err).toContain('--reply-delay');
  });
});

describe('mote sim --trickle', () => {
  const cell = ['--topology', 'clique:20', '--radio', 'perfect', '--seconds', '5000'];

  it('takes the paper defaults written out as the same run as no --trickle at all', async () => {
    const strip = (s: SimSummary) => ({ ...s, wallSeconds: 0 });
    const spelled = await sim(...cell, '--trickle', 'imin=1,doublings=6,k=1,listen=0.5', '--inject', `${counter}@0:5s`);
    const implied = await sim(...cell, '--inject', `${counter}@0:5s`);
    expect(strip(spelled)).toEqual(strip(implied));
  });

  it('reports transmissions per interval once stable: every mote each interval with k=inf, at most 2k in a lossless cell with k=1', async () => {
    const always = await sim(...cell, '--trickle', 'k=inf');
    expect(Math.abs((always.trickle.transmissionsPerInterval as number) - 20)).toBeLessThan(0.5);
    const polite = await sim(...cell, '--trickle', 'k=1');
    expect(polite.trickle.transmissionsPerInterval).toBeGreaterThanOrEqual(1);
    expect(polite.trickle.transmissionsPerInterval).toBeLessThanOrEqual(2);
  });

  it('uses the interval the spec gives: doublings=4 makes it 16 s', async () => {
    const s = await sim(...cell, '--trickle', 'imin=1,doublings=4');
    expect(s.trickle.interval).toBe(16);
  });
});
