// The map's cells: one per mote when the lattice fits, blocks when it does not, arrows that skip gaps.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutMap, moveSelection } from '../../cli/dash/map-layout.js';
import type { DashTopology } from '../../cli/dash/source.js';
import { gridTopology } from './fake-source.js';

function scattered(points: readonly [number, number][]): DashTopology {
  return {
    n: points.length,
    x: Float64Array.from(points.map((p) => p[0])),
    y: Float64Array.from(points.map((p) => p[1])),
    positioned: true,
    description: 'scattered',
  };
}

describe('layoutMap', () => {
  it('gives each mote of a 20 x 20 grid its own cell, mote 0 top left, row-major', () => {
    const layout = layoutMap(gridTopology(20, 20), 21, 20);
    expect([layout.cols, layout.rows]).toEqual([20, 20]);
    for (let m = 0; m < 400; m++) expect(layout.cellOf[m]).toBe(m);
    expect(Array.from(layout.firstMote)).toEqual(Array.from({ length: 400 }, (_, i) => i));
  });

  it('scales a 100 x 100 grid into 20 x 20 blocks of 5 x 5 motes', () => {
    const layout = layoutMap(gridTopology(100, 100), 20, 20);
    expect([layout.cols, layout.rows]).toEqual([20, 20]);
    expect(layout.cellOf[0]).toBe(0);
    expect(layout.cellOf[4]).toBe(0);
    expect(layout.cellOf[5]).toBe(1);
    expect(layout.cellOf[99 * 100 + 99]).toBe(399);
    expect(layout.firstMote[21]).toBe(5 * 100 + 5);
  });

  it('lays out motes without positions by id in a square', () => {
    const t: DashTopology = { n: 5, x: new Float64Array(5), y: new Float64Array(5), positioned: false, description: 'links only' };
    const layout = layoutMap(t, 10, 10);
    expect([layout.cols, layout.rows]).toEqual([3, 2]);
    expect(Array.from(layout.cellOf)).toEqual([0, 1, 2, 3, 4]);
    expect(layout.firstMote[5]).toBe(-1);
  });

  it('puts every mote in a cell within bounds, and each cell first mote is the lowest id there', () => {
    const point = fc.tuple(fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (points, cols, rows) => {
        const layout = layoutMap(scattered(points), cols, rows);
        expect(layout.cols).toBeLessThanOrEqual(cols);
        expect(layout.rows).toBeLessThanOrEqual(rows);
        for (let m = 0; m < points.length; m++) {
          const c = layout.cellOf[m];
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThan(layout.cols * layout.rows);
          expect(layout.firstMote[c]).toBeLessThanOrEqual(m);
          expect(layout.cellOf[layout.firstMote[c]]).toBe(c);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('moveSelection', () => {
  it('moves one cell in the arrow direction and stays put at the edge', () => {
    const layout = layoutMap(gridTopology(20, 20), 20, 20);
    expect(moveSelection(layout, 0, 1, 0)).toBe(1);
    expect(moveSelection(layout, 0, 0, 1)).toBe(20);
    expect(moveSelection(layout, 0, -1, 0)).toBe(0);
    expect(moveSelection(layout, 399, 0, 1)).toBe(399);
  });

  it('skips empty cells to the next mote that way', () => {
    const layout = layoutMap(scattered([[0, 0], [30, 0], [10, 10]]), 4, 2);
    // Columns 0, 10, 30 are three distinct levels; rows 0 and 10.
    expect(moveSelection(layout, 0, 1, 0)).toBe(1);
    expect(moveSelection(layout, 2, 1, 0)).toBe(2);
  });
});
