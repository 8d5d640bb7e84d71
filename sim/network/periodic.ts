// Periodic timers in FIFO rings, one ring per period, beside the event heap. A timer that fires at t
// and re-arms for t + P lands behind everything already in its ring (which all fired by t), so each
// ring stays sorted without any sifting: O(1) per firing instead of the heap's O(log n). Thousands of
// motes running clock capsules at the same rate (Maté's default 1 s) cost one ring. Only re-arms go
// here; a timer's first deadline goes through the heap, which keeps no such order.

const MAX_RINGS = 4;

class Ring {
  times = new Float64Array(64);
  targets = new Int32Array(64);
  args = new Float64Array(64);
  head = 0;
  count = 0;

  constructor(readonly period: number) {}

  push(time: number, target: number, arg: number): void {
    if (this.count === this.times.length) this.grow();
    const at = (this.head + this.count) & (this.times.length - 1);
    this.times[at] = time;
    this.targets[at] = target;
    this.args[at] = arg;
    this.count++;
  }

  private grow(): void {
    const size = this.times.length;
    const times = new Float64Array(size * 2);
    const targets = new Int32Array(size * 2);
    const args = new Float64Array(size * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (size - 1);
      times[i] = this.times[from];
      targets[i] = this.targets[from];
      args[i] = this.args[from];
    }
    this.times = times;
    this.targets = targets;
    this.args = args;
    this.head = 0;
  }
}

export class PeriodicTimers {
  private readonly rings: Ring[] = [];
  /** The entry popped last, and its ring's period. */
  time = 0;
  target = 0;
  arg = 0;
  period = 0;

  /** Queues a re-arm at `time`; false when this period has no ring and no ring is free (use the heap). */
  push(period: number, time: number, target: number, arg: number): boolean {
    for (let r = 0; r < this.rings.length; r++) {
      const ring = this.rings[r];
      if (ring.period === period) {
        if (ring.count > 0 && time < ring.times[(ring.head + ring.count - 1) & (ring.times.length - 1)]) return false;
        ring.push(time, target, arg);
        return true;
      }
    }
    if (this.rings.length === MAX_RINGS) return false;
    const ring = new Ring(period);
    this.rings.push(ring);
    ring.push(time, target, arg);
    return true;
  }

  /** The earliest time in any ring, or Infinity. */
  peekTime(): number {
    let best = Infinity;
    for (let r = 0; r < this.rings.length; r++) {
      const ring = this.rings[r];
      if (ring.count > 0 && ring.times[ring.head] < best) best = ring.times[ring.head];
    }
    return best;
  }

  /** Removes the earliest entry into time/target/arg (the first ring wins a tie); false when empty. */
  pop(): boolean {
    let pick = -1;
    let best = Infinity;
    for (let r = 0; r < this.rings.length; r++) {
      const ring = this.rings[r];
      if (ring.count > 0 && ring.times[ring.head] < best) {
        best = ring.times[ring.head];
        pick = r;
      }
    }
    if (pick < 0) return false;
    const ring = this.rings[pick];
    const h = ring.head;
    this.time = ring.times[h];
    this.target = ring.targets[h];
    this.arg = ring.args[h];
    this.period = ring.period;
    ring.head = (h + 1) & (ring.times.length - 1);
    ring.count--;
    return true;
  }
}
