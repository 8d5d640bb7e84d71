// The shared channel (SPEC 5): collisions when transmissions overlap at a receiver under every model
// but perfect; perfect loses nothing; every reception is accounted for exactly once.

import { describe, expect, it } from 'vitest';
import { clock, handler, network, SECOND } from './helpers.js';

/** Every mote broadcasts a message every tick: a loaded channel, all clocks in step. */
const chatter = clock('pushm', 'clear', 'pushc 1', 'add', 'pushw 65535', 'sendr', 'halt');

describe('collisions', () => {
  for (const radio of ['disk', 'empirical']) {
    it(`happen under load with the ${radio} model`, () => {
      const { net } = network({ topology: 'grid:6x6', spacing: 5, radio, capsules: [chatter] });
      net.runUntil(10 * SECOND);
      expect(net.stats.transmissions).toBeGreaterThan(300);
      expect(net.stats.collisions).toBeGreaterThan(0);
    });
  }

  it('never happen with the perfect model, which delivers every packet to every neighbour', () => {
    const { net } = network({ topology: 'clique:12', radio: 'perfect', capsules: [chatter] });
    net.runUntil(10 * SECOND);
    expect(net.stats.collisions).toBe(0);
    expect(net.stats.lost).toBe(0);
    expect(net.stats.missed).toBe(0);
    expect(net.stats.receptions).toBe(net.stats.transmissions * 11);
  });

  it('hidden terminals: two senders out of each other`s range collide at the mote between them', () => {
    // line:3 at 15 ft with a 20 ft disk: 0 and 2 cannot hear each other, 1 hears both.
    const both = clock('id', 'pushc 1', 'eq', 'jumpc done', 'pushm', 'clear', 'pushc 1', 'add', 'pushw 65535', 'sendr', 'done: halt');
    let collided = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { net, of } = network({ topology: 'line:3', spacing: 15, radio: 'disk', capsules: [both], seed });
      net.runUntil(1.5 * SECOND);
      expect(net.stats.transmissions).toBe(2);
      collided += of('collision', 1).length;
    }
    // Both send within a 10 ms backoff window with 7.2 ms packets: they overlap at mote 1 most of the time.
    expect(collided).toBeGreaterThan(0);
  });
});

describe('accounting', () => {
  it('gives every neighbour of every transmission exactly one outcome', () => {
    const { net, records } = network({ topology: 'grid:4x4', spacing: 8, radio: 'empirical', capsules: [chatter], seed: 3 });
    net.runUntil(5 * SECOND);
    const links = net.world.links;
    const expected = records.filter((r) => r.e === 'tx').reduce((sum, r) => sum + links.offsets[(r.m ?? 0) + 1] - links.offsets[r.m ?? 0], 0);
    const s = net.stats;
    expect(s.receptions + s.lost + s.collisions + s.missed).toBe(expected);
  });

  it('delivers a received VM message to the receive context of the addressed mote only', () => {
    const toOne = clock('id', 'blez go', 'halt', 'go: pushm', 'clear', 'pushc 2', 'add', 'pushc 1', 'sendr', 'halt');
    const show = handler('receive', 'pushm', 'getmb 0', 'putled', 'halt');
    const { net } = network({ topology: 'clique:3', radio: 'perfect', capsules: [toOne, show] });
    net.runUntil(1.5 * SECOND);
    expect(net.moteView(1).leds).toBe(2); // the payload's first byte, 2: green
    expect(net.moteView(2).leds).toBe(0); // overheard, not addressed to it
    expect(net.moteView(0).leds).toBe(0);
  });
});
