// n Trickle timers in one cell (everyone hears everyone), event-driven and deterministic: the
// maintenance model of Levis et al. (NSDI 2004, section 4) for counting transmissions per interval.

import { advance, createTrickle, heardConsistent, imaxOf, nextDeadline, start, type TrickleParams, type TrickleState } from './timer.js';

export interface CellOptions {
  readonly n: number;
  readonly params: TrickleParams;
  /** Intervals to count, after the warm-up. */
  readonly intervals: number;
  /** Probability that one mote misses one transmission, independently per reception. */
  readonly loss: number;
  /** All intervals begin together at time 0, or each mote's at a uniform offset in [0, I). */
  readonly synchronized: boolean;
  /** The one stream for offsets, t draws and losses, in [0, 1). */
  readonly random: () => number;
}

export interface CellResult {
  /** I, fixed at Imax: every mote is consistent, so no interval ever shrinks (steady state). */
  readonly interval: number;
  /** Transmissions in each window [w*I, (w+1)*I) after the warm-up. */
  readonly transmissionsPerInterval: number[];
  readonly mean: number;
  readonly max: number;
}

/**
 * Windows before this are warm-up and not counted: a transmission at time >= 2I falls in an
 * interval begun at >= I, when every mote (started at < I) is already listening.
 */
const WARMUP = 2;

/**
 * Each mote starts at Imax (rule 1 allows it) and, all being consistent, stays there, so "per
 * interval" has one meaning. Transmissions are instantaneous; simultaneous deadlines go in mote
 * order, so a later mote hears an earlier one.
 */
export function simulateCell(o: CellOptions): CellResult {
  const { n, params, random, loss } = o;
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(o.intervals) && o.intervals >= 1 && loss >= 0 && loss <= 1)) {
    throw new RangeError(`simulateCell: bad n=${n}, intervals=${o.intervals} or loss=${loss}`);
  }
  const interval = imaxOf(params);
  const motes: TrickleState[] = [];
  const deadline = new Float64Array(n);
  const heap = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    const s = createTrickle(params);
    start(s, o.synchronized ? 0 : Math.floor(random() * interval), random, params.doublings);
    motes.push(s);
    deadline[m] = nextDeadline(s);
    heap[m] = m;
  }
  for (let h = (n >> 1) - 1; h >= 0; h--) siftDown(heap, deadline, h);

  const counts = new Array<number>(o.intervals).fill(0);
  const end = (WARMUP + o.intervals) * interval;
  for (;;) {
    const m = heap[0];
    const now = deadline[m];
    if (now >= end) break;
    if (advance(motes[m], now, random) === 'transmit') {
      const w = Math.floor(now / interval) - WARMUP;
      if (w >= 0) counts[w] += 1;
      for (let j = 0; j < n; j++) {
        if (j !== m && (loss === 0 || random() >= loss)) heardConsistent(motes[j]);
      }
    }
    deadline[m] = nextDeadline(motes[m]);
    siftDown(heap, deadline, 0);
  }
  let sum = 0;
  let max = 0;
  for (const c of counts) {
    sum += c;
    max = Math.max(max, c);
  }
  return { interval, transmissionsPerInterval: counts, mean: sum / o.intervals, max };
}

/** Min-heap of mote indices keyed by (deadline, index); the index tie-break keeps runs deterministic. */
function siftDown(heap: Int32Array, key: Float64Array, h: number): void {
  const n = heap.length;
  for (;;) {
    const l = 2 * h + 1;
    if (l >= n) return;
    let c = l;
    if (l + 1 < n && before(heap[l + 1], heap[l], key)) c = l + 1;
    if (!before(heap[c], heap[h], key)) return;
    const tmp = heap[h];
    heap[h] = heap[c];
    heap[c] = tmp;
    h = c;
  }
}

function before(a: number, b: number, key: Float64Array): boolean {
  return key[a] < key[b] || (key[a] === key[b] && a < b);
}
