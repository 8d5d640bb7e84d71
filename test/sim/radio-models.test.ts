// Radio link models (SPEC 5): the empirical draws, the CSR builder against an O(n^2) reference, defaults.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPIRICAL_LOSS } from '../../sim/data/empirical-loss.js';
import { EMPIRICAL_CUTOFF_FT, EMPIRICAL_MAX_LINK_FT, empiricalKey, empiricalPrr, empiricalRow } from '../../sim/radio/empirical.js';
import { buildFromPositions, linkPrr, type LinkTable } from '../../sim/radio/link-table.js';
import { buildRadio, DEFAULT_RANGE_FT, defaultModelFor, type Radio, type RadioOptions } from '../../sim/radio/models.js';
import { parseTopologyFile } from '../../sim/world/topology-file.js';
import { parseTopologySpec, type Topology } from '../../sim/world/topology.js';

function topology(spec: string, spacing = 10, seed = 1): Topology {
  const r = parseTopologySpec(spec, { spacing, seed });
  if (!r.ok) throw new Error(r.error);
  return r.topology;
}

function radio(t: Topology, opts: RadioOptions): Radio {
  const r = buildRadio(t, opts);
  if (!r.ok) throw new Error(r.error);
  return r.radio;
}

function receivers(table: LinkTable, u: number): number[] {
  return Array.from(table.neighbours.subarray(table.offsets[u], table.offsets[u + 1]));
}

/** Every (u, v, prr) of a table, in row order. */
function entries(table: LinkTable): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let u = 0; u < table.n; u++) for (let k = table.offsets[u]; k < table.offsets[u + 1]; k++) out.push([u, table.neighbours[k], table.prr[k]]);
  return out;
}

/** The O(n^2) reference: every ordered pair, in (u, v) order, rate stored as float32 like the table. */
function reference(t: Topology, prrOf: (u: number, v: number, d: number) => number, range: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let u = 0; u < t.n; u++) {
    for (let v = 0; v < t.n; v++) {
      if (u === v) continue;
      const d = Math.hypot(t.x[v] - t.x[u], t.y[v] - t.y[u]);
      const p = d <= range ? prrOf(u, v, d) : 0;
      if (p > 0) out.push([u, v, Math.fround(p)]);
    }
  }
  return out;
}

describe('the empirical model (SPEC 5)', () => {
  it('rounds a distance up to the next 2 ft row, and uses the 42 ft row past 42 ft', () => {
    const rows = [0, 0.1, 2, 2.0001, 3.9, 41, 42, 42.5, 49.9].map(empiricalRow);
    expect(rows.map((r) => EMPIRICAL_LOSS[r].distanceFt)).toEqual([0, 2, 2, 4, 4, 42, 42, 42, 42]);
  });

  it('keeps every rate in [0, 1] and gives nothing at 50 ft or more', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), fc.double({ min: 0, max: 200, noNaN: true }), (seed, u, v, d) => {
        const p = empiricalPrr(empiricalKey(seed), u, v, d);
        return p >= 0 && p <= 1 && (d < EMPIRICAL_CUTOFF_FT || p === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('can link nothing beyond 40 ft: the 42 ft row and every row after it are zero', () => {
    expect(EMPIRICAL_MAX_LINK_FT).toBe(40);
    const key = empiricalKey(3);
    for (let u = 0; u < 500; u++) expect(empiricalPrr(key, u, u + 1, 40.01 + (u % 10))).toBe(0);
  });

  it('gives the 0 ft row its mean exactly, as TOSSIM did for a spread under 1e-7', () => {
    expect(empiricalPrr(empiricalKey(1), 0, 1, 0)).toBe(1);
  });

  it('draws around each row mean: 2000 pairs at 10 ft average 0.962 (sd 0.012)', () => {
    const key = empiricalKey(5);
    let sum = 0;
    for (let u = 0; u < 2000; u++) sum += empiricalPrr(key, u, u + 1, 10);
    expect(sum / 2000).toBeCloseTo(0.962, 2);
  });

  it('draws each direction on its own, so asymmetric links appear', () => {
    const t = radio(topology('grid:10x10', 10), { model: 'empirical', seed: 1 }).links;
    let asymmetric = 0;
    for (const [u, v, p] of entries(t)) if (Math.abs(p - linkPrr(t, v, u)) > 0.2) asymmetric++;
    expect(asymmetric).toBeGreaterThan(20);
  });

  it('builds the same table for the same seed and a different one for another seed', () => {
    const t = topology('random:200', 10, 4);
    const a = radio(t, { model: 'empirical', seed: 9 }).links;
    const b = radio(t, { model: 'empirical', seed: 9 }).links;
    const c = radio(t, { model: 'empirical', seed: 10 }).links;
    expect(entries(a)).toEqual(entries(b));
    expect(entries(a)).not.toEqual(entries(c));
  });

  it('keeps a pair’s rate when a mote is added elsewhere', () => {
    const small = radio(topology('random:50', 10, 2), { model: 'empirical', seed: 3 }).links;
    const large = radio(topology('random:51', 10, 2), { model: 'empirical', seed: 3 }).links;
    for (const [u, v, p] of entries(small)) expect(linkPrr(large, u, v)).toBe(p);
  });
});

describe('the link table builder', () => {
  it('agrees with an O(n^2) reference on small random topologies, for every distance model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 5, max: 200 }),
        fc.nat(),
        fc.constantFrom('perfect' as const, 'disk' as const, 'empirical' as const),
        fc.double({ min: 1, max: 60, noNaN: true }),
        (n, side, seed, model, range) => {
          const made = parseTopologySpec(`random:${n}`, { area: side, seed });
          if (!made.ok) return false;
          const t = made.topology;
          const table = radio(t, { model, seed, range }).links;
          const key = empiricalKey(seed);
          const expected =
            model === 'empirical' ? reference(t, (u, v, d) => empiricalPrr(key, u, v, d), EMPIRICAL_CUTOFF_FT) : reference(t, () => 1, range);
          expect(entries(table)).toEqual(expected);
          return true;
        },
      ),
      { numRuns: 120 },
    );
  });

  it('finds no link by lookup where the table has none, and the stored rate where it has one', () => {
    const t = radio(topology('grid:5x5', 10), { model: 'disk', seed: 0 }).links;
    expect(linkPrr(t, 0, 1)).toBe(1);
    expect(linkPrr(t, 0, 24)).toBe(0);
    expect(linkPrr(t, 0, 0)).toBe(0);
  });

  it('keeps far-apart motes cheap: a sparse line builds with few cells and no links', () => {
    const t = topology('line:1000', 10_000);
    expect(buildFromPositions(t.x, t.y, 20, () => 1)).toMatchObject({ ok: true, table: { neighbours: new Uint32Array(0) } });
  });

  it('gives a disk-model mote in a 10 ft grid its 12 neighbours at 10, 14.1 and 20 ft', () => {
    const t = radio(topology('grid:9x9', 10), { model: 'disk', seed: 0 });
    expect(receivers(t.links, 40).length).toBe(12);
    expect(t.collisions).toBe(true);
  });
});

describe('the radio models', () => {
  it('chooses a 20 ft default range, just under the 21.3 ft disk with the empirical model’s expected reach', () => {
    // pi r^2 = sum over rows of (mean rate x ring area): the disk with as many expected neighbours.
    let area = 0;
    for (let i = 1; i < EMPIRICAL_LOSS.length; i++) area += EMPIRICAL_LOSS[i].prrMean * (EMPIRICAL_LOSS[i].distanceFt ** 2 - EMPIRICAL_LOSS[i - 1].distanceFt ** 2);
    expect(Math.sqrt(area)).toBeCloseTo(21.3, 1);
    expect(DEFAULT_RANGE_FT).toBeLessThanOrEqual(Math.sqrt(area));
    expect(DEFAULT_RANGE_FT / Math.sqrt(area)).toBeGreaterThan(0.9);
  });

  it('makes perfect lossless and collision-free, and disk lossless with collisions', () => {
    const t = topology('grid:4x4', 10);
    const perfect = radio(t, { model: 'perfect', seed: 0 });
    const disk = radio(t, { model: 'disk', seed: 0 });
    expect([perfect.collisions, disk.collisions]).toEqual([false, true]);
    expect(entries(perfect.links)).toEqual(entries(disk.links));
    expect(entries(perfect.links).every(([, , p]) => p === 1)).toBe(true);
  });

  it('links every pair of a clique for perfect and disk, and rates them from the 2 ft row for empirical', () => {
    const t = topology('clique:30');
    expect(radio(t, { model: 'disk', seed: 0, range: 0.001 }).links.neighbours.length).toBe(30 * 29);
    const empirical = radio(t, { model: 'empirical', seed: 0 }).links;
    const rates = Array.from(empirical.prr);
    expect(rates.length).toBe(30 * 29);
    expect(Math.min(...rates)).toBeGreaterThan(0.95);
  });

  it('builds the file model from explicit links, leaving out zero-rate links', () => {
    const made = parseTopologyFile('link 0 1 0.25\nlink 1 0 0.75\nlink 2 0 0\n', 'f');
    if (!made.ok) throw new Error(made.error);
    expect(defaultModelFor(made.topology)).toBe('file');
    const table = radio(made.topology, { model: 'file', seed: 0 }).links;
    expect(entries(table)).toEqual([
      [0, 1, 0.25],
      [1, 0, 0.75],
    ]);
  });

  it('answers a model the topology cannot support with an error value', () => {
    const linksOnly = parseTopologyFile('link 0 1 1\n', 'f');
    if (!linksOnly.ok) throw new Error(linksOnly.error);
    const noPositions = buildRadio(linksOnly.topology, { model: 'empirical', seed: 0 });
    expect(noPositions).toEqual({ ok: false, error: expect.stringContaining('needs mote positions') });
    const noLinks = buildRadio(topology('line:3'), { model: 'file', seed: 0 });
    expect(noLinks).toEqual({ ok: false, error: expect.stringContaining('"link SRC DST PRR"') });
    expect(buildRadio(topology('line:3'), { model: 'disk', seed: 0, range: -5 })).toEqual({ ok: false, error: expect.stringContaining('range') });
    expect(defaultModelFor(topology('line:3'))).toBe('empirical');
  });
});
