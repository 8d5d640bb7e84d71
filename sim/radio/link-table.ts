// Per-directed-link packet reception rates in compressed sparse rows (CSR): the receivers of a
// transmission from u are neighbours[offsets[u] .. offsets[u + 1]), sorted by id, with their rates in
// `prr`. Only links with a rate above 0 are stored: 8 bytes a link, so a million motes fit in memory.

import type { Link } from '../world/topology.js';
import { bucketByCell, cellCoordinate } from './spatial-grid.js';

export interface LinkTable {
  readonly n: number;
  readonly offsets: Uint32Array;
  readonly neighbours: Uint32Array;
  readonly prr: Float32Array;
}

export type LinkTableResult = { ok: true; table: LinkTable } | { ok: false; error: string };

/** Rate of the directed link u -> v for a pair `distanceFt` apart; 0 means no link. */
export type PairPrr = (u: number, v: number, distanceFt: number) => number;

/** A bound on stored links (4 GB of table; building briefly holds twice that). */
export const MAX_LINKS = 500_000_000;

/** Rate of u -> v by binary search in u's row; 0 when there is no such link. */
export function linkPrr(table: LinkTable, u: number, v: number): number {
  let lo = table.offsets[u];
  let hi = table.offsets[u + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const w = table.neighbours[mid];
    if (w === v) return table.prr[mid];
    if (w < v) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

const CHUNK = 1 << 20;

/**
 * Collects rows one sender at a time into fixed-size chunks (no doubling copies), sorts each row by
 * receiver id, and packs everything into exact-size arrays at the end.
 */
class RowWriter {
  private readonly offsets: Uint32Array;
  private readonly neighbourChunks: Uint32Array[] = [];
  private readonly prrChunks: Float32Array[] = [];
  private count = 0;
  /** Next free slot in the last chunk. */
  private at = 0;
  private row = 0;
  /** Receivers of the open row, and their rates indexed by receiver id so sorting ids alone suffices. */
  private rowIds = new Uint32Array(64);
  private rowLength = 0;
  private rowSorted = true;
  private readonly rateOf: Float32Array;

  constructor(readonly n: number) {
    this.offsets = new Uint32Array(n + 1);
    this.rateOf = new Float32Array(n);
  }

  add(v: number, prr: number): void {
    if (this.rowLength === this.rowIds.length) {
      const grown = new Uint32Array(this.rowIds.length * 2);
      grown.set(this.rowIds);
      this.rowIds = grown;
    }
    if (this.rowLength > 0 && this.rowIds[this.rowLength - 1] > v) this.rowSorted = false;
    this.rowIds[this.rowLength++] = v;
    this.rateOf[v] = prr;
  }

  /** Closes the current sender's row; false once the table would pass MAX_LINKS. */
  endRow(): boolean {
    const length = this.rowLength;
    const ids = this.rowIds;
    if (!this.rowSorted) ids.subarray(0, length).sort();
    if (this.count + length > MAX_LINKS) return false;
    for (let i = 0; i < length; i++) {
      if (this.at === CHUNK || this.neighbourChunks.length === 0) {
        this.neighbourChunks.push(new Uint32Array(CHUNK));
        this.prrChunks.push(new Float32Array(CHUNK));
        this.at = 0;
      }
      const chunk = this.neighbourChunks.length - 1;
      const v = ids[i];
      this.neighbourChunks[chunk][this.at] = v;
      this.prrChunks[chunk][this.at++] = this.rateOf[v];
    }
    this.count += length;
    this.offsets[++this.row] = this.count;
    this.rowLength = 0;
    this.rowSorted = true;
    return true;
  }

  finish(): LinkTable {
    const neighbours = new Uint32Array(this.count);
    const prr = new Float32Array(this.count);
    for (let c = 0; c < this.neighbourChunks.length; c++) {
      const length = Math.min(CHUNK, this.count - c * CHUNK);
      neighbours.set(this.neighbourChunks[c].subarray(0, length), c * CHUNK);
      prr.set(this.prrChunks[c].subarray(0, length), c * CHUNK);
    }
    return { n: this.n, offsets: this.offsets, neighbours, prr };
  }
}

function tooMany(): LinkTableResult {
  return { ok: false, error: `more than ${MAX_LINKS} links: too dense or too large a network for memory` };
}

/** Links between every ordered pair at most `range` feet apart, rated by `prrOf`; O(n x neighbours). */
export function buildFromPositions(x: Float64Array, y: Float64Array, range: number, prrOf: PairPrr): LinkTableResult {
  const n = x.length;
  const writer = new RowWriter(n);
  // Half-range cells: scanning the 5 x 5 block around a mote, less the cells wholly out of range, looks
  // at about 30% fewer candidates than the 3 x 3 block of range-wide cells.
  const grid = bucketByCell(x, y, range / CELLS_PER_RANGE);
  const reach = Math.ceil(range / grid.size);
  const range2 = range * range;
  for (let u = 0; u < n; u++) {
    const xu = x[u];
    const yu = y[u];
    const cx = cellCoordinate(xu, grid.minX, grid.size, grid.cols);
    const cy = cellCoordinate(yu, grid.minY, grid.size, grid.rows);
    for (let gy = Math.max(0, cy - reach); gy <= Math.min(grid.rows - 1, cy + reach); gy++) {
      const dyCell = gapToCell(yu, grid.minY + gy * grid.size, grid.size);
      for (let gx = Math.max(0, cx - reach); gx <= Math.min(grid.cols - 1, cx + reach); gx++) {
        const dxCell = gapToCell(xu, grid.minX + gx * grid.size, grid.size);
        if (dxCell * dxCell + dyCell * dyCell > range2 * SKIP_MARGIN) continue;
        const cell = gy * grid.cols + gx;
        for (let k = grid.start[cell]; k < grid.start[cell + 1]; k++) {
          const v = grid.items[k];
          const dx = x[v] - xu;
          const dy = y[v] - yu;
          const d2 = dx * dx + dy * dy;
          if (d2 > range2 || v === u) continue;
          const p = prrOf(u, v, Math.sqrt(d2));
          if (p > 0) writer.add(v, p);
        }
      }
    }
    if (!writer.endRow()) return tooMany();
  }
  return { ok: true, table: writer.finish() };
}

const CELLS_PER_RANGE = 2;
/** A cell is skipped only when clearly out of range, so rounding at a cell edge can never lose a link. */
const SKIP_MARGIN = 1 + 1e-6;

/** Distance from a coordinate to the interval [low, low + size] along one axis. */
function gapToCell(value: number, low: number, size: number): number {
  return value < low ? low - value : value > low + size ? value - low - size : 0;
}

/** Links between every ordered pair whatever the distance (one cell); O(n^2), for cliques. */
export function buildAllPairs(x: Float64Array, y: Float64Array, prrOf: PairPrr): LinkTableResult {
  const n = x.length;
  if (n * (n - 1) > MAX_LINKS) return tooMany();
  const writer = new RowWriter(n);
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      if (v === u) continue;
      const p = prrOf(u, v, Math.hypot(x[v] - x[u], y[v] - y[u]));
      if (p > 0) writer.add(v, p);
    }
    writer.endRow();
  }
  return { ok: true, table: writer.finish() };
}

/** The table of an explicit link list (topology files); links with rate 0 are left out. */
export function buildFromLinks(n: number, links: readonly Link[]): LinkTableResult {
  if (links.length > MAX_LINKS) return tooMany();
  // Group by sender with a counting sort, then let the writer sort each row by receiver.
  const start = new Uint32Array(n + 1);
  for (const l of links) start[l.src + 1]++;
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const fill = start.slice(0, n);
  const order = new Uint32Array(links.length);
  for (let i = 0; i < links.length; i++) order[fill[links[i].src]++] = i;
  const writer = new RowWriter(n);
  for (let u = 0; u < n; u++) {
    for (let k = start[u]; k < start[u + 1]; k++) {
      const l = links[order[k]];
      if (l.prr > 0) writer.add(l.dst, l.prr);
    }
    writer.endRow();
  }
  return { ok: true, table: writer.finish() };
}
