// The mote's receive queue (sim/network/receive-queue.ts): packets for a busy receive handler wait in
// arrival order and are handed over one by one as it goes idle; past RECEIVE_QUEUE they are dropped
// and counted; a crash empties it.

import { describe, expect, it } from 'vitest';
import { RECEIVE_QUEUE } from '../../../sim/network/receive-queue.js';
import { clock, handler, network } from './helpers.js';

const SECOND = 1e9;

/** Mote 0's clock sends [k] to mote 1 for k = 1..count, one sendr after another. */
function burst(count: number) {
  const sends = Array.from({ length: count }, (_, k) => ['pushm', 'clear', `pushc ${k + 1}`, 'add', 'pushc 1', 'sendr']).flat();
  return clock('id', 'blez go', 'halt', 'go: pushc 0', 'clockf', ...sends, 'halt');
}

/** Writes the message to the serial port, then counts down 10 x 63 times: half a second, where a packet takes 20 ms. */
const slowEcho = handler(
  'receive', 'pushm', 'uart', 'pushc 10',
  'outer: pushc 63', 'inner: pushc 1', 'inv', 'add', 'copy', 'blez next', 'pushc 1', 'jumpc inner',
  'next: pop', 'pushc 1', 'inv', 'add', 'copy', 'blez done', 'pushc 1', 'jumpc outer', 'done: halt',
);

describe('the receive queue', () => {
  it('hands every packet that came while the handler was busy to it in arrival order', () => {
    const { net, of } = network({ radio: 'perfect', capsules: [burst(3), slowEcho] });
    net.runUntil(5 * SECOND);
    expect(of('uart', 1).map((r) => r.bytes)).toEqual(['0100', '0200', '0300']);
    expect(net.stats.receiveDrops).toBe(0);
  });

  it(`drops and counts what arrives while ${RECEIVE_QUEUE} packets already wait`, () => {
    const extra = 3;
    const { net, of } = network({ radio: 'perfect', capsules: [burst(RECEIVE_QUEUE + 1 + extra), slowEcho] });
    net.runUntil(8 * SECOND); // half a second per packet handled
    const written = of('uart', 1).map((r) => r.bytes);
    expect(written).toHaveLength(RECEIVE_QUEUE + 1); // the one being handled and the queue
    expect(written[0]).toBe('0100');
    expect(net.stats.receiveDrops).toBe(extra);
    expect(net.world.rxDrops[1]).toBe(extra);
  });

  it('loses the waiting packets with the RAM when the mote crashes', () => {
    const first = network({ radio: 'perfect', capsules: [burst(3), slowEcho] });
    first.net.runUntil(5 * SECOND);
    const busyAt = (first.of('uart', 1)[0].t ?? 0) + 0.05 * SECOND; // the first handled, two waiting
    const { net, of } = network({ radio: 'perfect', capsules: [burst(3), slowEcho] });
    net.runUntil(busyAt);
    expect(net.world.rxCount[1]).toBe(2);
    net.fault({ at: busyAt, kind: 'crash', mote: 1 });
    net.runUntil(5 * SECOND);
    expect(net.world.rxCount[1]).toBe(0);
    expect(of('uart', 1)).toHaveLength(1);
  });
});
