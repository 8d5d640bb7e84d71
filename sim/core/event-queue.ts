// The simulator's event queue: a binary min-heap on typed arrays keyed by (time, priority, sequence),
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

export class EventQueue {
  /** The last popped entry, loaded by pop(). */
  time = 0;
  kind = 0;
  target = 0;
  arg = 0;

  private times: Float64Array;
  private orders: Float64Array;
  private kinds: Uint16Array;
  private targets: Int32Array;
  private args: Float64Array;
  private count = 0;
  private sequence = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    const c = Math.max(1, capacity);
    this.times = new Float64Array(c);
    this.orders = new Float64Array(c);
    this.kinds = new Uint16Array(c);
    this.targets = new Int32Array(c);
    this.args = new Float64Array(c);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[0];
  }

  /**
   * Schedules an event. `kind` is a uint16 code, `target` a mote index (int32), `arg` any float64 (an
   * int32 payload or a generation counter). Lower `priority` (0..15) pops first among equal times.
   */
  push(time: number, kind: number, target: number, arg: number, priority = 0): void {
    if (!(priority >= 0 && priority <= MAX_PRIORITY)) throw new RangeError(`priority ${priority} is outside 0..${MAX_PRIORITY}`);
    if (this.count === this.times.length) this.grow();
    const order = priority * PRIORITY_SCALE + this.sequence++;
    // Sift up with a hole: parents move down until the new entry's place is found, then it is written once.
    const times = this.times;
    const orders = this.orders;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && orders[p] < order)) break;
      this.move(p, i);
      i = p;
    }
    this.write(i, time, order, kind, target, arg);
  }

  /** Removes the earliest event into time/kind/target/arg; false (fields untouched) when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const times = this.times;
    const orders = this.orders;
    this.time = times[0];
    this.kind = this.kinds[0];
    this.target = this.targets[0];
    this.arg = this.args[0];
    const last = --this.count;
    if (last === 0) return true;
    const time = times[last];
    const order = orders[last];
    // Sift the former last entry down from the root, moving the smaller child up into the hole.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      let ct = times[c];
      const r = c + 1;
      if (r < last) {
        const rt = times[r];
        if (rt < ct || (rt === ct && orders[r] < orders[c])) {
          c = r;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && order < orders[c])) break;
      this.move(c, i);
      i = c;
    }
    this.write(i, time, order, this.kinds[last], this.targets[last], this.args[last]);
    return true;
  }

  /** Drops every event; the sequence counter keeps counting so later ties still break by push order. */
  clear(): void {
    this.count = 0;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.orders[to] = this.orders[from];
    this.kinds[to] = this.kinds[from];
    this.targets[to] = this.targets[from];
    this.args[to] = this.args[from];
  }

  private write(i: number, time: number, order: number, kind: number, target: number, arg: number): void {
    this.times[i] = time;
    this.orders[i] = order;
    this.kinds[i] = kind;
    this.targets[i] = target;
    this.args[i] = arg;
  }

  private grow(): void {
    const c = this.times.length * 2;
    this.times = copyInto(new Float64Array(c), this.times);
    this.orders = copyInto(new Float64Array(c), this.orders);
    this.kinds = copyInto(new Uint16Array(c), this.kinds);
    this.targets = copyInto(new Int32Array(c), this.targets);
    this.args = copyInto(new Float64Array(c), this.args);
  }
}

function copyInto<T extends Float64Array | Uint16Array | Int32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
