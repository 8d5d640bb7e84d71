// The panel grid: exact rectangles at 80 x 24, nothing overlapping or off screen at any size, and a
// clear message below the minimum.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_HEIGHT, MIN_WIDTH, mapCapacity, placePanels, type Rect } from '../../cli/dash/layout.js';

function overlap(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

describe('the dashboard layout', () => {
  it('fits a 20 x 20 map in an 80 x 24 terminal', () => {
    expect(mapCapacity(80, 24)).toEqual({ cols: 21, rows: 20 });
    const p = placePanels(80, 24, 20);
    if (!p.ok) throw new Error(p.message);
    expect(p.rects).toEqual({
      map: { left: 0, top: 0, width: 42, height: 22 },
      status: { left: 0, top: 22, width: 80, height: 2 },
      propagation: { left: 42, top: 0, width: 38, height: 6 },
      traffic: { left: 42, top: 6, width: 38, height: 4 },
      energy: { left: 42, top: 10, width: 38, height: 6 },
      events: { left: 42, top: 16, width: 38, height: 6 },
    });
  });

  it('gives a taller terminal extra rows to the event log', () => {
    const p = placePanels(120, 40, 20);
    expect(p.ok && p.rects.events).toEqual({ left: 42, top: 16, width: 78, height: 22 });
  });

  it('tiles any terminal from the minimum up without overlap or overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_WIDTH, max: 400 }), fc.integer({ min: MIN_HEIGHT, max: 200 }), fc.integer({ min: 1, max: 300 }), (w, h, cols) => {
        const p = placePanels(w, h, Math.min(cols, mapCapacity(w, h).cols));
        if (!p.ok) throw new Error(p.message);
        const rects = Object.values(p.rects);
        let area = 0;
        for (const [i, r] of rects.entries()) {
          expect(r.left + r.width).toBeLessThanOrEqual(w);
          expect(r.top + r.height).toBeLessThanOrEqual(h);
          expect(r.width).toBeGreaterThan(2);
          expect(r.height).toBeGreaterThan(0);
          for (const other of rects.slice(i + 1)) expect(overlap(r, other)).toBe(false);
          area += r.width * r.height;
        }
        expect(area).toBe(w * h);
      }),
      { numRuns: 200 },
    );
  });

  it('says how big the terminal is and what it needs when it is too small', () => {
    expect(placePanels(79, 30, 20)).toEqual({
      ok: false,
      message: 'This terminal is 79x30; the dashboard needs at least 80x24. Enlarge it, or press q to quit.',
    });
    expect(placePanels(100, 23, 20).ok).toBe(false);
  });
});
