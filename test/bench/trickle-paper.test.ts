// `mote bench trickle --paper --quick` in-process: the paper experiment's JSON, its tables (the paper's
// figures beside ours, tau_h 1 and 5 min, the ablation, the targets) and its CSV and SVG with the
// paper's two points. Correctness only: nothing here depends on the host's speed.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bench } from './run-bench.js';
import { parseCsv, xmlProblems } from './parsers.js';

interface Figure {
  median: number | null;
  min: number | null;
  max: number | null;
  runs: number;
  never: number;
}

interface PaperJson {
  seeds: number;
  simulations: number;
  paper: { rows: { setting: string; spacing: number; complete: Figure; hops: Figure; secondsPerHop: Figure; transmissions: Figure }[] };
}


const out = mkdtempSync(join(tmpdir(), 'mote-bench-paper-'));
let json: PaperJson;
let text: string;

beforeAll(async () => {
  json = (JSON.parse(await bench('trickle', '--paper', '--quick', '--json', '--out', out)) as { trickle: PaperJson }).trickle;
  text = await bench('trickle', '--paper', '--quick', '--out', mkdtempSync(join(tmpdir(), 'mote-bench-paper-')));
}, 180_000);

describe('mote bench trickle --paper --quick', () => {
  it('runs the faithful model at 5 and 20 ft, tau_h 5 min and one ablation, one seed each', () => {
    expect(json.seeds).toBe(1);
    expect(json.simulations).toBe(4);
    const settings = json.paper.rows.map((r) => `${r.setting}@${r.spacing}`);
    expect(settings).toEqual(['faithful@5', 'faithful@20', 'tau-h-5min@5', 'packet-collisions@5']);
    expect(text).toContain('4 simulations (paper.yaml, paper-tau-h.yaml, paper-ablation.yaml, run by the sweep engine)');
  });

  it('covers the dense grid in seconds and takes more hops and longer across the sparse one', () => {
    const at = (s: number) => json.paper.rows.find((r) => r.setting === 'faithful' && r.spacing === s);
    const dense = at(5);
    const sparse = at(20);
    expect(dense?.complete.median).toBeGreaterThan(2);
    expect(dense?.complete.median).toBeLessThan(60);
    expect(dense?.hops.median).toBeGreaterThanOrEqual(3);
    expect(sparse?.hops.median).toBeGreaterThan(dense?.hops.median ?? Infinity);
    expect(sparse?.complete.median ?? Infinity).toBeGreaterThan(dense?.complete.median ?? Infinity);
    // seconds per hop is the covering time over the tree's depth
    expect(dense?.secondsPerHop.median).toBeCloseTo((dense?.complete.median ?? NaN) / (dense?.hops.median ?? NaN), 9);
    expect(dense?.transmissions.median).toBeGreaterThan(0);
  });

  it('prints the paper beside ours, tau_h 1 against 5 min, the ablation and the targets', () => {
    expect(text).toMatch(/paper propagation: TOSSIM-bit radio/);
    expect(text).toMatch(/5 ft +\d+ \[\d+-\d+\] +6 /); // our hops, then the paper's 6
    expect(text).toMatch(/tau_h 1 min against 5 min/);
    expect(text).toMatch(/overlap destroys whole packets/);
    expect(text).toMatch(/5 ft: all motes in [\d.]+ s \(target 12-20 s: (met|NOT met)\), \d+ hops \(target 5-7: (met|NOT met)\)/);
  });

  it('writes a CSV with a row per setting and spacing, and an SVG with the paper’s two points', () => {
    const csv = parseCsv(readFileSync(join(out, 'trickle-paper.csv'), 'utf8'));
    expect(csv[0]).toContain('all_median_s');
    expect(csv).toHaveLength(1 + 4);
    const svg = readFileSync(join(out, 'trickle-paper.svg'), 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('paper (NSDI 2004 / CACM 2008)');
  });
});
