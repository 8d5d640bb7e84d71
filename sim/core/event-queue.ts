// The simulator's event queue: a 4-ary min-heap in one typed array keyed by (time, priority, sequence),
// SimPy's core.py ordering (STYLE rule 8): equal times and priorities pop in insertion order.
//
// Time is integer nanoseconds in a float64: exact up to 2^53 ns (about 104 days); past that it rounds to
// the nearest representable value (8 ns steps at one year) and order stays deterministic through the
// sequence number.
//
// Cancelling is lazy, with no decrease-key: keep a generation counter per (mote, timer) in the simulator,
// bump it when the timer is cancelled or re-armed, push the generation as `arg`, and when the event pops
// ignore it if `arg` no longer equals the current generation.

const INITIAL_CAPACITY = 64;
/** (priority, sequence) share one float64 key: priority x 2^48 + sequence, exact while sequence < 2^48. */
const PRIORITY_SCALE = 2 ** 48;
export const MAX_PRIORITY = 15;
/**
 * Layout: one float64 record per entry, [time, order, arg, kind x 2^32 + target as uint32], and four
 * children per node. A sift step then reads one node's four children from two adjacent cache lines and
 * moves one 32-byte record, where a binary heap over five parallel arrays touched ten lines: with a
 * million motes each holding a timer, that is the difference between cache misses and none. The pop
 * order is the keys' order, whatever the arity, so runs are unchanged.
 */
const FIELDS = 4;
const TIME = 0;
const ORDER = 1;
const ARG = 2;
const KIND_TARGET = 3;
const ARITY = 4;
const TWO_POW_32 = 2 ** 32;

export class EventQueue {
  /** The last popped entry, loaded by pop(). */
  time = 0;
  kind = 0;
  target = 0;
  arg = 0;

  private heap: Float64Array;
  private count = 0;
  private sequence = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.heap = new Float64Array(Math.max(1, capacity) * FIELDS);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.heap[TIME];
  }

  /**
   * Schedules an event. `kind` is a uint16 code, `target` a mote index (int32), `arg` any float64 (an
   * int32 payload or a generation counter). Lower `priority` (0..15) pops first among equal times.
   */
  push(time: number, kind: number, target: number, arg: number, priority = 0): void {
    if (!(priority >= 0 && priority <= MAX_PRIORITY)) throw new RangeError(`priority ${priority} is outside 0..${MAX_PRIORITY}`);
    if ((this.count + 1) * FIELDS > this.heap.length) this.grow();
    const order = priority * PRIORITY_SCALE + this.sequence++;
    // Sift up with a hole: parents move down until the new entry's place is found, then it is written once.
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = heap[p * FIELDS + TIME];
      if (pt < time || (pt === time && heap[p * FIELDS + ORDER] < order)) break;
      copy(heap, p, i);
      i = p;
    }
    const at = i * FIELDS;
    heap[at + TIME] = time;
    heap[at + ORDER] = order;
    heap[at + ARG] = arg;
    heap[at + KIND_TARGET] = (kind & 0xffff) * TWO_POW_32 + (target >>> 0);
  }

  /** Removes the earliest event into time/kind/target/arg; false (fields untouched) when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const heap = this.heap;
    this.time = heap[TIME];
    this.arg = heap[ARG];
    const kt = heap[KIND_TARGET];
    const kind = Math.floor(kt / TWO_POW_32);
    this.kind = kind;
    this.target = (kt - kind * TWO_POW_32) | 0;
    const last = --this.count;
    if (last === 0) return true;
    const from = last * FIELDS;
    const time = heap[from + TIME];
    const order = heap[from + ORDER];
    // Sift the former last entry down from the root, moving the smallest child up into the hole.
    let i = 0;
    for (;;) {
      const first = ARITY * i + 1;
      if (first >= last) break;
      let c = first;
      let ct = heap[c * FIELDS + TIME];
      const end = first + ARITY < last ? first + ARITY : last;
      for (let k = first + 1; k < end; k++) {
        const kt2 = heap[k * FIELDS + TIME];
        if (kt2 < ct || (kt2 === ct && heap[k * FIELDS + ORDER] < heap[c * FIELDS + ORDER])) {
          c = k;
          ct = kt2;
        }
      }
      if (time < ct || (time === ct && order < heap[c * FIELDS + ORDER])) break;
      copy(heap, c, i);
      i = c;
    }
    const at = i * FIELDS;
    heap[at + TIME] = time;
    heap[at + ORDER] = order;
    heap[at + ARG] = heap[from + ARG];
    heap[at + KIND_TARGET] = heap[from + KIND_TARGET];
    return true;
  }

  /** Drops every event; the sequence counter keeps counting so later ties still break by push order. */
  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const heap = new Float64Array(this.heap.length * 2);
    heap.set(this.heap);
    this.heap = heap;
  }
}

/** Moves entry `from`'s record to slot `to`. */
function copy(heap: Float64Array, from: number, to: number): void {
  const a = from * FIELDS;
  const b = to * FIELDS;
  heap[b] = heap[a];
  heap[b + 1] = heap[a + 1];
  heap[b + 2] = heap[a + 2];
  heap[b + 3] = heap[a + 3];
}
