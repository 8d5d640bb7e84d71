// The event heap (STYLE rule 8): ordered by (time, priority, insertion), growable, lazy cancellation.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../sim/core/event-queue.js';

interface Popped {
  time: number;
  priority: number;
  id: number;
}

/** An operation: push (time, priority) or pop. */
const operation = fc.oneof(
  fc.record({ op: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('pop' as const) }),
);

describe('the event queue', () => {
  it('pops in (time, priority, insertion) order for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(2);
        // Reference: a plain list searched for its minimum.
        const pending: Popped[] = [];
        let id = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            q.push(o.time, 1, 0, id, o.priority);
            pending.push({ time: o.time, priority: o.priority, id: id++ });
          } else {
            let best = -1;
            for (let i = 0; i < pending.length; i++) {
              const p = pending[i];
              const b = pending[best];
              if (best < 0 || p.time < b.time || (p.time === b.time && (p.priority < b.priority || (p.priority === b.priority && p.id < b.id)))) best = i;
            }
            const popped = q.pop();
            if (best < 0) {
              if (popped) return false;
              continue;
            }
            const expected = pending.splice(best, 1)[0];
            if (!popped || q.time !== expected.time || q.arg !== expected.id) return false;
          }
          if (q.size !== pending.length) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('pops equal times in insertion order and loads every payload field', () => {
    const q = new EventQueue();
    q.push(1000, 7, 3, 11);
    q.push(1000, 8, 4, 12);
    q.push(500, 9, 5, -2.5);
    const seen: number[][] = [];
    while (q.pop()) seen.push([q.time, q.kind, q.target, q.arg]);
    expect(seen).toEqual([
      [500, 9, 5, -2.5],
      [1000, 7, 3, 11],
      [1000, 8, 4, 12],
    ]);
  });

  it('lets a lower priority number go first at the same time, whatever the push order', () => {
    const q = new EventQueue();
    q.push(10, 1, 0, 0, 1);
    q.push(10, 2, 0, 0, 0);
    q.pop();
    expect(q.kind).toBe(2);
  });

  it('grows past its initial capacity and keeps every event', () => {
    const q = new EventQueue(1);
    for (let i = 0; i < 1000; i++) q.push(999 - i, 0, i, i);
    expect(q.size).toBe(1000);
    let last = -1;
    let count = 0;
    while (q.pop()) {
      expect(q.time).toBeGreaterThan(last);
      last = q.time;
      count++;
    }
    expect(count).toBe(1000);
  });

  it('reports Infinity and pops nothing when empty, and clear() empties it', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(false);
    q.push(5, 0, 0, 0);
    q.push(3, 0, 0, 0);
    expect(q.peekTime()).toBe(3);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(false);
  });

  it('keeps nanosecond times exact up to 2^53', () => {
    const q = new EventQueue();
    const big = 2 ** 53 - 1;
    q.push(big, 0, 0, 0);
    q.push(big - 1, 0, 1, 0);
    q.pop();
    expect([q.time, q.target]).toEqual([big - 1, 1]);
  });

  it('supports lazy cancellation: an event whose generation is stale is skipped by its consumer', () => {
    const q = new EventQueue();
    const generation = new Int32Array(1);
    q.push(100, 1, 0, generation[0]); // a timer armed at generation 0
    generation[0]++; // cancelled and re-armed
    q.push(200, 1, 0, generation[0]);
    const fired: number[] = [];
    while (q.pop()) if (q.arg === generation[q.target]) fired.push(q.time);
    expect(fired).toEqual([200]);
  });

  it('rejects a priority outside 0..15', () => {
    const q = new EventQueue();
    expect(() => q.push(0, 0, 0, 0, 16)).toThrow(RangeError);
    expect(() => q.push(0, 0, 0, 0, -1)).toThrow(RangeError);
  });
});
