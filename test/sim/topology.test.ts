// Topologies: generated layouts (sizes, spacing, mote 0 at the corner) and topology files with file:line errors.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopologyFile } from '../../sim/world/topology-file.js';
import { DEFAULT_SPACING_FT, parseTopologySpec, type Topology, type TopologyResult } from '../../sim/world/topology.js';

function ok(result: TopologyResult): Topology {
  if (!result.ok) throw new Error(result.error);
  return result.topology;
}

function error(result: TopologyResult): string {
  if (result.ok) throw new Error(`expected an error, got ${result.topology.description}`);
  return result.error;
}

function distance(t: Topology, a: number, b: number): number {
  return Math.hypot(t.x[a] - t.x[b], t.y[a] - t.y[b]);
}

describe('generated topologies', () => {
  it('lays a WxH grid row by row from mote 0 at the corner, spacing feet apart', () => {
    const t = ok(parseTopologySpec('grid:20x20', { spacing: 5, seed: 1 }));
    expect([t.kind, t.n, t.positioned, t.clique]).toEqual(['grid', 400, true, false]);
    expect([t.x[0], t.y[0]]).toEqual([0, 0]);
    expect([t.x[1], t.y[1]]).toEqual([5, 0]);
    expect([t.x[20], t.y[20]]).toEqual([0, 5]);
    expect([t.x[399], t.y[399]]).toEqual([95, 95]); // SPEC 8: 95 x 95 ft at 5 ft spacing
    expect(t.description).toBe('grid 20x20, 5 ft spacing');
  });

  it('has W x H motes for any grid size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (w, h) => {
        const t = ok(parseTopologySpec(`grid:${w}x${h}`, { seed: 0 }));
        return t.n === w * h && t.x.length === w * h && t.y.length === w * h && t.x[w * h - 1] === (w - 1) * DEFAULT_SPACING_FT;
      }),
      { numRuns: 50 },
    );
  });

  it('spaces a line and a ring so neighbours are exactly `spacing` apart', () => {
    fc.assert(
      fc.property(fc.constantFrom('line', 'ring'), fc.integer({ min: 2, max: 200 }), fc.double({ min: 1, max: 100, noNaN: true }), (kind, n, spacing) => {
        const t = ok(parseTopologySpec(`${kind}:${n}`, { spacing, seed: 0 }));
        if (t.n !== n) return false;
        for (let i = 0; i + 1 < n; i++) if (Math.abs(distance(t, i, i + 1) - spacing) > 1e-9 * spacing) return false;
        // A ring closes: the last mote is a neighbour of the first (for n >= 3).
        return kind === 'line' || n < 3 || Math.abs(distance(t, n - 1, 0) - spacing) < 1e-9 * spacing;
      }),
      { numRuns: 60 },
    );
  });

  it('puts a clique in one cell: flagged, every pair closer than 2 ft', () => {
    const t = ok(parseTopologySpec('clique:50', { seed: 0 }));
    expect(t.clique).toBe(true);
    for (let a = 0; a < t.n; a++) for (let b = 0; b < t.n; b++) expect(distance(t, a, b)).toBeLessThan(2);
  });

  it('scatters random motes inside the square, the same for the same seed, keeping earlier motes when N grows', () => {
    const a = ok(parseTopologySpec('random:100', { area: 300, seed: 7 }));
    const b = ok(parseTopologySpec('random:100', { area: 300, seed: 7 }));
    const c = ok(parseTopologySpec('random:101', { area: 300, seed: 7 }));
    const d = ok(parseTopologySpec('random:100', { area: 300, seed: 8 }));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(c.x.subarray(0, 100))).toEqual(Array.from(a.x));
    expect(Array.from(d.x)).not.toEqual(Array.from(a.x));
    for (let i = 0; i < a.n; i++) {
      expect(a.x[i]).toBeGreaterThanOrEqual(0);
      expect(a.x[i]).toBeLessThan(300);
      expect(a.y[i]).toBeGreaterThanOrEqual(0);
      expect(a.y[i]).toBeLessThan(300);
    }
  });

  it('defaults the random square to a grid density: spacing x ceil(sqrt(N)) on a side', () => {
    const t = ok(parseTopologySpec('random:400', { spacing: 5, seed: 1 }));
    expect(t.description).toBe('random 400 in 100 x 100 ft, seed 1');
  });

  it('draws the random layout again from its own stream when asked for a later draw, and says which', () => {
    const first = ok(parseTopologySpec('random:20', { seed: 3 }));
    expect(ok(parseTopologySpec('random:20', { seed: 3, draw: 0 }))).toEqual(first);
    const again = ok(parseTopologySpec('random:20', { seed: 3, draw: 2 }));
    expect(again.description).toBe('random 20 in 50 x 50 ft, seed 3, draw 2');
    expect(Array.from(again.x)).not.toEqual(Array.from(first.x));
    expect(ok(parseTopologySpec('random:20', { seed: 3, draw: 2 }))).toEqual(again);
    expect(error(parseTopologySpec('random:20', { seed: 3, draw: 1.5 }))).toBe('draw must be a whole number, got 1.5');
  });

  it('answers a bad spec with an error value naming the problem', () => {
    expect(error(parseTopologySpec('hexagon:5', { seed: 0 }))).toContain('expected grid:WxH');
    expect(error(parseTopologySpec('grid:20', { seed: 0 }))).toContain('grid needs WxH');
    expect(error(parseTopologySpec('line:0', { seed: 0 }))).toContain('line needs a mote count');
    expect(error(parseTopologySpec('ring:-3', { seed: 0 }))).toContain('ring needs a mote count');
    expect(error(parseTopologySpec('grid:5000x5000', { seed: 0 }))).toContain('more than');
    expect(error(parseTopologySpec('line:5', { spacing: 0, seed: 0 }))).toContain('spacing');
    expect(error(parseTopologySpec('random:5', { area: -1, seed: 0 }))).toContain('area');
  });
});

describe('topology files', () => {
  it('reads positions, comments and blank lines', () => {
    const t = ok(parseTopologyFile('# three motes\n0 0 0\n\n1 10.5 0   # east\n2 0 -2e1\n', 'tri.topo'));
    expect([t.kind, t.n, t.positioned, t.links]).toEqual(['file', 3, true, undefined]);
    expect(Array.from(t.x)).toEqual([0, 10.5, 0]);
    expect(Array.from(t.y)).toEqual([0, 0, -20]);
  });

  it('reads explicit directed links with no positions', () => {
    const t = ok(parseTopologyFile('link 0 1 0.9\nlink 1 0 0.5\nlink 1 3 1\n', 'links.topo'));
    expect([t.n, t.positioned]).toEqual([4, false]);
    expect(t.links).toEqual([
      { src: 0, dst: 1, prr: 0.9 },
      { src: 1, dst: 0, prr: 0.5 },
      { src: 1, dst: 3, prr: 1 },
    ]);
  });

  it('reports each mistake as file:line: message', () => {
    const cases: [string, string][] = [
      ['0 0 0\n1 x 0\n', 't:2: bad x "x"'],
      ['0 0 0\n0 1 1\n', 't:2: mote 0 is placed twice'],
      ['link 0 1 1.5\n', 't:1: bad reception rate "1.5"'],
      ['link 0 0 1\n', 't:1: mote 0 cannot link to itself'],
      ['link 0 1 1\n\nlink 0 1 0.5\n', 't:3: link 0 -> 1 already given on line 1'],
      ['link 0 1\n', 't:1: expected "link SRC DST PRR"'],
      ['0 0\n', 't:1: expected "ID X Y"'],
      ['-1 0 0\n', 't:1: bad mote id "-1"'],
      ['0 0 0\n2 5 5\n', 't:2: mote 2 makes 3 motes, but mote 1 has no position'],
      ['# nothing\n', 't:1: no motes'],
    ];
    for (const [text, message] of cases) expect(error(parseTopologyFile(text, 't'))).toContain(message);
  });

  it('round-trips any placement written in the file format', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 1, maxLength: 30 }), (points) => {
        const text = points.map(([x, y], i) => `${i} ${x / 4} ${y / 4}`).join('\n');
        const t = ok(parseTopologyFile(text, 'p'));
        return t.n === points.length && points.every(([x, y], i) => t.x[i] === x / 4 && t.y[i] === y / 4);
      }),
      { numRuns: 50 },
    );
  });
});
