// Buckets mote positions into square cells (a fraction of the radio range wide), so the motes within
// range of one mote lie in a small block of cells and building links costs O(n x neighbours), never O(n^2).

export interface CellGrid {
  /** Cell side in feet: the size asked for, doubled as often as needed to bound the cell count. */
  readonly size: number;
  readonly cols: number;
  readonly rows: number;
  readonly minX: number;
  readonly minY: number;
  /** Motes of cell c are items[start[c] .. start[c + 1]), in ascending id order. */
  readonly start: Uint32Array;
  readonly items: Uint32Array;
}

/** Cells are doubled in size until there are at most this many per mote, so sparse layouts stay small. */
const MAX_CELLS_PER_MOTE = 4;

/** Cell coordinate along one axis; the clamp keeps the far edge (exactly max) inside the last cell. */
export function cellCoordinate(value: number, min: number, size: number, count: number): number {
  const c = Math.floor((value - min) / size);
  return c < count ? c : count - 1;
}

export function bucketByCell(x: Float64Array, y: Float64Array, cellSize: number): CellGrid {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  if (n === 0) minX = minY = maxX = maxY = 0;
  let size = cellSize > 0 ? cellSize : 1;
  let cols = Math.floor((maxX - minX) / size) + 1;
  let rows = Math.floor((maxY - minY) / size) + 1;
  while (cols * rows > MAX_CELLS_PER_MOTE * n + 16) {
    size *= 2;
    cols = Math.floor((maxX - minX) / size) + 1;
    rows = Math.floor((maxY - minY) / size) + 1;
  }
  // Counting sort by cell: count, prefix-sum, then place motes in ascending id order.
  const cellOf = new Uint32Array(n);
  const start = new Uint32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = cellCoordinate(y[i], minY, size, rows) * cols + cellCoordinate(x[i], minX, size, cols);
    cellOf[i] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cols * rows);
  const items = new Uint32Array(n);
  for (let i = 0; i < n; i++) items[fill[cellOf[i]]++] = i;
  return { size, cols, rows, minX, minY, start, items };
}
