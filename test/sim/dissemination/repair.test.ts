// Repairs and local events (issue 5, "Dissemination"): a lost fragment costs one packet, a rebooted
// mote keeps its code, a mote that missed an update catches up, forw/forwo, injection rules, and a
// full send queue.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTrickleParams, imaxOf } from '../../../trickle/index.js';
import { AM } from '../../../sim/network/protocol.js';
import { pieceCount } from '../../../sim/dissemination/index.js';
import { capsule } from './capsules.js';
import { AIRTIME_NS, FakeNetwork, SECOND, bothWays, holds, line } from './fake-network.js';

const params = { trickle: defaultTrickleParams };
const IMAX = imaxOf(defaultTrickleParams);

/** Two motes on a lossless link that lose the first transmission of fragment `lost` (none when -1). */
function pair(seed: number, lost: number): FakeNetwork {
  let dropped = false;
  return new FakeNetwork({
    n: 2,
    links: bothWays([[0, 1, 0]]),
    seed,
    params,
    drop: (d) => {
      if (dropped || d.packet.amType !== AM.fragment || d.packet.bytes[8] !== lost) return false;
      dropped = true;
      return true;
    },
  });
}

describe('repairing and rejoining', () => {
  it('resends only what was lost: one lost fragment costs one more fragment packet, not the capsule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 128 }), fc.nat(), fc.integer({ min: 0, max: 1000 }), (length, which, seed) => {
        const count = pieceCount(length);
        const c = capsule(length, 1);
        for (const lost of [-1, which % count]) {
          const net = pair(seed, lost);
          net.bootAll();
          net.runUntil(3 * SECOND);
          net.inject(0, c);
          expect(net.runUntilCovered(c, 60 * SECOND)).not.toBeNull();
          expect(net.packets(AM.fragment)).toHaveLength(lost < 0 ? count : count + 1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('asks for the missing pieces by bitmap after a loss', () => {
    const net = pair(3, 2);
    net.bootAll();
    net.runUntil(3 * SECOND);
    const c = capsule(128, 1);
    net.inject(0, c);
    net.runUntilCovered(c, 60 * SECOND);
    const bitmaps = net.packets(AM.request, 1).map((p) => p.bytes[7]);
    expect(bitmaps[0]).toBe(0xff); // nothing held yet: all of it
    expect(bitmaps.at(-1)).toBe(1 << 2); // then only fragment 2
  });

  it('lets a rebooted mote keep its code and rejoin without asking for it or installing it again', () => {
    const net = new FakeNetwork({ n: 6, links: line(6, 0.1), seed: 4, params });
    net.bootAll();
    const c = capsule(90, 1);
    net.inject(0, c);
    expect(net.runUntilCovered(c, 300 * SECOND)).not.toBeNull();
    net.runUntil(net.now + 3 * IMAX);
    const installs = net.installs.length;
    const from = net.now;
    net.reboot(3);
    net.runUntil(from + 3 * IMAX);
    const after = net.sent.filter((p) => p.time >= from);
    expect(after.filter((p) => p.from === 3).length).toBeGreaterThan(0); // it is back on the air
    expect(after.filter((p) => p.amType !== AM.summary)).toHaveLength(0); // no request, no code sent
    expect(net.installs).toHaveLength(installs);
    expect(holds(net.motes[3].flash, c)).toBe(true);
    expect(net.dissemination.installed(3, 4)?.version).toBe(1);
  });

  it('brings a mote that was off while newer code spread up to date when it boots again', () => {
    const net = new FakeNetwork({ n: 5, links: line(5, 0.1), seed: 9, params });
    net.bootAll();
    const v1 = capsule(40, 1);
    net.inject(0, v1);
    expect(net.runUntilCovered(v1, 300 * SECOND)).not.toBeNull();
    net.motes[4].alive = false;
    const v2 = capsule(70, 2, 5);
    net.inject(0, v2);
    net.runUntil(net.now + 2 * IMAX);
    expect(holds(net.motes[4].flash, v1)).toBe(true);
    net.reboot(4);
    expect(net.runUntilCovered(v2, net.now + 2 * IMAX)).not.toBeNull();
  });

  it('sends the stored capsule at once on forw, and every fragment of an extended one', () => {
    for (const length of [12, 128]) {
      const net = new FakeNetwork({ n: 2, links: bothWays([[0, 1, 0]]), seed: 1, params });
      net.bootAll();
      const c = capsule(length, 1);
      net.inject(0, c);
      net.runUntilCovered(c, 60 * SECOND);
      net.runUntil(net.now + 3 * IMAX);
      const at = net.now;
      const before = net.sent.length;
      net.motes[0].protocol.forward(net.motes[0], 4);
      const immediate = net.sent.slice(before);
      expect(immediate).toHaveLength(1);
      expect(immediate[0].time).toBe(at);
      expect(immediate[0].amType).toBe(length <= 24 ? AM.capsule : AM.fragment);
      net.runUntil(at + SECOND);
      const data = net.sent.slice(before).filter((p) => p.amType === AM.capsule || p.amType === AM.fragment);
      expect(data).toHaveLength(pieceCount(length));
    }
  });

  it('sends nothing on forw of an empty type, an out-of-range type, or before boot', () => {
    const net = new FakeNetwork({ n: 2, links: bothWays([[0, 1, 0]]), seed: 1, params });
    const m = net.motes[0];
    m.protocol.forward(m, 4);
    net.bootAll();
    for (const type of [0, 7, -1, 8, 2.5, NaN]) m.protocol.forward(m, type);
    expect(net.sent.filter((p) => p.amType !== AM.summary)).toHaveLength(0);
  });

  it('refuses to inject code no newer than what the mote holds, or code that does not verify', () => {
    const net = new FakeNetwork({ n: 2, links: bothWays([[0, 1, 0]]), seed: 1, params });
    net.bootAll();
    net.inject(0, capsule(20, 5));
    net.inject(0, capsule(20, 4, 1));
    net.inject(0, capsule(20, 5));
    net.inject(0, capsule(20, 6, 1));
    net.inject(0, { type: 'send', version: 6, name: 'bad', code: Uint8Array.from([0x0b]) }); // pop on the empty stack of a send context
    expect(net.installsAt(0).map((i) => i.capsule.version)).toEqual([5, 6]);
    expect(net.notes.filter((n) => n.event === 'stale')).toHaveLength(2);
    expect(net.notes.filter((n) => n.event === 'reject')).toHaveLength(1);
    expect(net.dissemination.stats.rejected).toBe(1);
  });

  it("answers news after replyDelay plus the jitter: at once by default, a second later as the paper's Maté did", () => {
    for (const replyDelay of [0, SECOND]) {
      const net = new FakeNetwork({ n: 2, links: bothWays([[0, 1, 0]]), seed: 2, params: { ...params, replyDelay } });
      net.bootAll();
      net.runUntil(3 * SECOND);
      const c = capsule(12, 1);
      net.inject(0, c);
      net.runUntilCovered(c, 60 * SECOND);
      const answers = net.sent.filter((p) => p.amType === AM.request || p.amType === AM.capsule);
      expect(answers.length).toBeGreaterThanOrEqual(2);
      for (const answer of answers) {
        // Some packet from the other mote, heard one airtime after it was sent, prompted this answer.
        const waits = net.sent.filter((p) => p.from !== answer.from && p.time >= 3 * SECOND).map((p) => answer.time - p.time - AIRTIME_NS);
        expect(waits.some((w) => w >= replyDelay && w < replyDelay + 64_000_000)).toBe(true);
      }
    }
  });

  it('tries again when the send queue is full, and the code still spreads', () => {
    let refusals = 0;
    const net = new FakeNetwork({
      n: 4,
      links: line(4),
      seed: 6,
      params,
      queueFull: () => refusals++ % 3 !== 0, // two of every three broadcasts are refused
    });
    net.bootAll();
    const c = capsule(80, 1);
    net.inject(0, c);
    expect(net.runUntilCovered(c, 600 * SECOND)).not.toBeNull();
    expect(net.refused).toBeGreaterThan(net.sent.length);
  });
});
