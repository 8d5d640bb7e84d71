// The scripted tick network of sim/algo/: 1 + d ticks a message, FIFO channels, the per-source
// delivery limit of the scenario replay, broadcast as one transmission or one per channel, crashes,
// the serial port and the watchdog.

import { describe, expect, it } from 'vitest';
import { TickNetwork, type TickNetworkOptions } from '../../sim/algo/tick-network.js';
import { configCapsule } from '../../sim/algo/config.js';
import type { Capsule } from '../../vm/capsule.js';
import { capsule } from './helpers.js';

/** On each clock firing: send [heap 0] to the neighbour whose id is heap 1 (0xffff: all), then heap 0 += 1. */
const sender = capsule(
  '.capsule clock',
  'reset', 'pushm', 'clear', 'getvar 0', 'add', 'getvar 1', 'sendr',
  'getvar 0', 'pushc 1', 'add', 'setvar 0', 'halt',
);
/** On each message: write [1, its first word, its source] to the serial port. */
const logger = capsule('.capsule receive', 'pushm', 'getms 0', 'pushm', 'clear', 'pushc 1', 'add', 'swap', 'add', 'msrc', 'add', 'uart', 'halt');

function net(options: Partial<TickNetworkOptions> & { out: number[][]; dest?: number[] }): TickNetwork {
  const capsules: Capsule[] = options.capsules ? [...options.capsules] : [sender, logger];
  return new TickNetwork({
    ids: options.ids ?? options.out.map((_, i) => i),
    capsules,
    config: (i) => configCapsule([[1, options.dest?.[i] ?? 0xffff]]),
    delay: () => 0,
    seed: 1,
    ...options,
  });
}

/** [tick, receiving mote, word, source id] of every serial record. */
function received(n: TickNetwork): number[][] {
  return n.trace.flatMap((e) => (e.kind === 'uart' ? [[e.tick, e.mote, e.words[1], e.words[2]]] : []));
}

describe('the tick network', () => {
  it('delivers a message sent at tick t from tick t + 1 + d', () => {
    const n = net({ out: [[1], []], dest: [1], delay: () => 2 });
    n.fire(0);
    for (let k = 0; k < 4; k++) n.step();
    expect(received(n)).toEqual([[3, 1, 0, 0]]);
    expect(n.messages[0]).toMatchObject({ src: 0, dst: 1, sentTick: 0, readyTick: 3, deliveredTick: 3, lost: false });
    expect(n.busy).toBe(false);
  });

  it('keeps a channel FIFO: a slow head holds back a fast message behind it', () => {
    const delays = [3, 0];
    const n = net({ out: [[1], []], dest: [1], delay: () => delays.shift() ?? 0 });
    n.fire(0);
    n.fire(0);
    for (let k = 0; k < 5; k++) n.step();
    expect(received(n)).toEqual([[4, 1, 0, 0], [4, 1, 1, 0]]);
  });

  it('lets the fast message overtake when the link layer is not FIFO (a broken run)', () => {
    const delays = [3, 0];
    const n = net({ out: [[1], []], dest: [1], delay: () => delays.shift() ?? 0, fifo: false });
    n.fire(0);
    n.fire(0);
    for (let k = 0; k < 5; k++) n.step();
    expect(received(n)).toEqual([[1, 1, 1, 0], [4, 1, 0, 0]]);
  });

  it('with a per-source limit of 1, a source delivers one ready head a tick, oldest first', () => {
    const n = net({ out: [[1, 2], [], []], perSourceLimit: 1, broadcast: 'channels' });
    n.fire(0);
    for (let k = 0; k < 3; k++) n.step();
    expect(received(n)).toEqual([[1, 1, 0, 0], [2, 2, 0, 0]]);
  });

  it('with the destination pick, a source delivers the ready head on its channel to the lowest id first, however old the others', () => {
    // Mote 0 broadcasts twice at tick 0, a copy per channel: to id 1 (index 2) ready at ticks 2 and 6,
    // to id 2 (index 1) ready at tick 1 twice. At tick 2 the copy to id 2 has waited a tick longer.
    const run = (pick: 'oldest' | 'destination'): number[][] => {
      const delays = [1, 0, 5, 0];
      const n = net({ out: [[1, 2], [], []], ids: [0, 2, 1], perSourceLimit: 1, broadcast: 'channels', delay: () => delays.shift() ?? 0, pick });
      n.fire(0);
      n.fire(0);
      for (let k = 0; k < 3; k++) n.step();
      return received(n);
    };
    expect(run('oldest')).toEqual([[1, 1, 0, 0], [2, 1, 1, 0], [3, 2, 0, 0]]);
    expect(run('destination')).toEqual([[1, 1, 0, 0], [2, 2, 0, 0], [3, 1, 1, 0]]);
  });

  it('goes through sources in ascending id order each tick', () => {
    const n = net({ out: [[2], [2], []], ids: [9, 4, 6], dest: [6, 6] });
    n.fire(0);
    n.fire(1);
    n.step();
    expect(received(n).map((r) => r[3])).toEqual([4, 9]);
  });

  it('counts a radio broadcast as one transmission and a broadcast on channels as one per channel', () => {
    const radio = net({ out: [[1, 2], [], []], broadcast: 'radio' });
    const channels = net({ out: [[1, 2], [], []], broadcast: 'channels' });
    for (const n of [radio, channels]) {
      n.fire(0);
      n.step();
      expect(received(n).map((r) => r[1])).toEqual([1, 2]);
    }
    expect(radio.stats[0].sent).toBe(1);
    expect(channels.stats[0].sent).toBe(2);
  });

  it('loses a copy a crash plan cuts off, and anything sent to a crashed mote', () => {
    const n = net({ out: [[1, 2], [], []], reach: (_s, dst) => dst === 2 });
    n.crash(2);
    n.fire(0);
    n.step();
    expect(received(n)).toEqual([]);
    expect(n.messages.map((m) => m.lost)).toEqual([true, true]);
    expect(n.busy).toBe(false);
  });

  it('loses a message to an address that names no neighbour', () => {
    const n = net({ out: [[1], [0]], dest: [5] });
    n.fire(0);
    n.step();
    expect(n.messages).toMatchObject([{ dst: -1, lost: true }]);
  });

  it('hands injected commands to the receive context with the mote itself as the source', () => {
    const n = net({ out: [[], []], ids: [3, 8] });
    n.inject(1, [-2]);
    expect(received(n)).toEqual([[0, 1, -2, 8]]);
  });

  it('stops a handler that never ends with the watchdog and carries on', () => {
    const spin = capsule('.capsule clock', 'top: jump top');
    const n = net({ out: [[1], []], capsules: [spin, logger] });
    n.fire(0);
    expect(n.stats[0].runaways).toBe(1);
    n.inject(1, [7]);
    expect(received(n)).toEqual([[0, 1, 7, 1]]);
  });

  it('offers both neighbour directions to nbrs, nbr and nbri', () => {
    const probe = capsule(
      '.capsule once', '.name probe',
      'pushm', 'pushc 0', 'nbrs', 'add', 'pushc 1', 'nbrs', 'add', 'pushc 0', 'pushc 1', 'nbr', 'add',
      'pushc 2', 'pushc 1', 'nbri', 'add', 'uart',
    );
    const n = net({ out: [[1], [0, 2], [1]], ids: [1, 2, 3], capsules: [probe], config: () => undefined });
    const words = n.trace.flatMap((e) => (e.kind === 'uart' ? [[e.mote, ...e.words]] : []));
    expect(words).toEqual([[0, 1, 1, 2, 0], [1, 2, 2, 1, -1], [2, 1, 1, 2, 0]]);
  });
});
