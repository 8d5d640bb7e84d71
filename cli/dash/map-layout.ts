// Where each mote sits on the dashboard's map: a grid of at most maxCols x maxRows cells (issue 7).
// A lattice that fits (a 20 x 20 grid in 20 x 20 cells) gets one cell per mote; anything larger is
// scaled down so that a cell stands for a block of motes. Motes without positions are laid out by id.

import type { DashTopology } from './source.js';

export interface MapLayout {
  readonly cols: number;
  readonly rows: number;
  /** Cell index (row x cols + col) of each mote. */
  readonly cellOf: Int32Array;
  /** Lowest mote id in each cell, -1 for an empty cell: the mote a selection lands on. */
  readonly firstMote: Int32Array;
}

/** Distinct values, ascending; positions closer than this many feet count as one column or row. */
const SAME_FT = 1e-6;

function distinct(values: Float64Array): number[] {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - out[out.length - 1] > SAME_FT) out.push(v);
  return out;
}

/** Maps coordinates to cell indices 0..size-1: by rank when every distinct value gets its own cell, else scaled. */
function axis(values: Float64Array, max: number): { size: number; index: (v: number) => number } {
  const levels = distinct(values);
  if (levels.length <= max) {
    return {
      size: levels.length,
      index: (v) => {
        let i = 0;
        while (i + 1 < levels.length && levels[i + 1] - SAME_FT <= v) i++;
        return i;
      },
    };
  }
  const lo = levels[0];
  const span = levels[levels.length - 1] - lo;
  return { size: max, index: (v) => Math.min(max - 1, Math.floor(((v - lo) / span) * max)) };
}

export function layoutMap(topology: DashTopology, maxCols: number, maxRows: number): MapLayout {
  const { n } = topology;
  let x = topology.x;
  let y = topology.y;
  if (!topology.positioned) {
    const side = Math.ceil(Math.sqrt(n));
    x = new Float64Array(n);
    y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i % side;
      y[i] = Math.floor(i / side);
    }
  }
  const ax = axis(x, Math.max(1, maxCols));
  const ay = axis(y, Math.max(1, maxRows));
  const cols = Math.max(1, ax.size);
  const rows = Math.max(1, ay.size);
  const cellOf = new Int32Array(n);
  const firstMote = new Int32Array(cols * rows).fill(-1);
  for (let i = 0; i < n; i++) {
    const cell = ay.index(y[i]) * cols + ax.index(x[i]);
    cellOf[i] = cell;
    if (firstMote[cell] < 0) firstMote[cell] = i;
  }
  return { cols, rows, cellOf, firstMote };
}

/** The mote an arrow key selects: the first mote in the next non-empty cell that way, or `mote` at the edge. */
export function moveSelection(layout: MapLayout, mote: number, dx: number, dy: number): number {
  const cell = layout.cellOf[mote];
  let col = cell % layout.cols;
  let row = Math.floor(cell / layout.cols);
  for (;;) {
    col += dx;
    row += dy;
    if (col < 0 || row < 0 || col >= layout.cols || row >= layout.rows) return mote;
    const found = layout.firstMote[row * layout.cols + col];
    if (found >= 0) return found;
  }
}
