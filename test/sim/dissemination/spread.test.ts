// Code injected at one mote reaches every mote (issue 5, "Dissemination"), on the fake network:
// random connected lossy topologies, classic and extended capsules, the version rule and its
// tie-break, several types at once, and the per-capsule report the CLI prints.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTrickleParams, imaxOf } from '../../../trickle/index.js';
import { AM } from '../../../sim/network/protocol.js';
import { contentHash, isNewer } from '../../../sim/dissemination/index.js';
import { CAPSULE_TYPES, type Capsule } from '../../../vm/capsule.js';
import { capsule } from './capsules.js';
import { FakeNetwork, SECOND, clique, holds, line } from './fake-network.js';
import { eccentricity, topology } from './topologies.js';

const params = { trickle: defaultTrickleParams };
const IMAX = imaxOf(defaultTrickleParams);

/** Every install at every mote moves forward in the version order, and no mote installs more than `most` times. */
function expectMonotone(net: FakeNetwork, most: number): void {
  for (const m of net.motes) {
    const seq = net.installsAt(m.moteId).map((i) => i.capsule);
    expect(seq.length).toBeLessThanOrEqual(most);
    for (let i = 1; i < seq.length; i++) {
      expect(isNewer(seq[i].version, contentHash(seq[i].code), seq[i - 1].version, contentHash(seq[i - 1].code))).toBe(true);
    }
  }
}

describe('spreading code', () => {
  it('brings a classic or extended capsule to every mote of a connected lossy topology within (hops + 2) largest intervals', () => {
    fc.assert(
      fc.property(topology(16, 0.3), fc.integer({ min: 1, max: 128 }), fc.nat(), (t, length, at) => {
        const net = new FakeNetwork({ ...t, params });
        net.bootAll();
        net.runUntil(3 * SECOND);
        const c = capsule(length, 1);
        const origin = at % t.n;
        net.inject(origin, c);
        const bound = 3 * SECOND + (eccentricity(t, origin) + 2) * IMAX;
        expect(net.runUntilCovered(c, bound)).not.toBeNull();
        expect(net.installs).toHaveLength(t.n); // one install each, the injection included
        expect(net.pastTimers).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('sends a classic capsule whole, in capsule packets, and an extended one only in fragments', () => {
    for (const [length, used, unused] of [
      [24, AM.capsule, AM.fragment],
      [25, AM.fragment, AM.capsule],
    ] as const) {
      const net = new FakeNetwork({ n: 5, links: line(5), seed: 7, params });
      net.bootAll();
      const c = capsule(length, 1);
      net.inject(0, c);
      expect(net.runUntilCovered(c, 120 * SECOND)).not.toBeNull();
      expect(net.packets(used).length).toBeGreaterThanOrEqual(4);
      expect(net.packets(unused)).toHaveLength(0);
    }
  });

  it('lets a newer version injected while an older one still spreads win everywhere, each mote moving forward only', () => {
    fc.assert(
      fc.property(topology(14, 0.2), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 8000 }), fc.integer({ min: 1, max: 128 }), (t, a, b, delayMs, length) => {
        const net = new FakeNetwork({ ...t, params });
        net.bootAll();
        net.runUntil(3 * SECOND);
        const v1 = capsule(length, 1, 1);
        const v2 = capsule(Math.max(1, 129 - length), 2, 2);
        net.inject(a % t.n, v1);
        net.runUntil(3 * SECOND + delayMs * 1_000_000);
        net.inject(b % t.n, v2);
        expect(net.runUntilCovered(v2, net.now + (t.n + 2) * IMAX)).not.toBeNull();
        expectMonotone(net, 2);
      }),
      { numRuns: 30 },
    );
  });

  it('converges two codes injected with one version to the one with the greater content hash, without flip-flopping', () => {
    fc.assert(
      fc.property(topology(14, 0.2), fc.integer({ min: 1, max: 128 }), fc.integer({ min: 1, max: 128 }), (t, la, lb) => {
        const a = capsule(la, 7, 3);
        const b = capsule(lb, 7, 4);
        fc.pre(contentHash(a.code) !== contentHash(b.code));
        const winner = contentHash(a.code) > contentHash(b.code) ? a : b;
        const net = new FakeNetwork({ ...t, params });
        net.bootAll();
        net.runUntil(3 * SECOND);
        net.inject(0, a);
        net.inject(t.n - 1, b);
        expect(net.runUntilCovered(winner, net.now + (t.n + 2) * IMAX)).not.toBeNull();
        expectMonotone(net, 2);
        const settled = net.installs.length;
        net.runUntil(net.now + 10 * IMAX);
        expect(net.installs).toHaveLength(settled);
      }),
      { numRuns: 30 },
    );
  });

  it('spreads six capsule types at once, more than one summary lists, by rotating the summary window', () => {
    const net = new FakeNetwork({ n: 8, links: line(8, 0.1), seed: 11, params });
    net.bootAll();
    net.runUntil(3 * SECOND);
    const types = ['sub0', 'sub1', 'sub2', 'clock', 'send', 'once'] as const;
    const caps: Capsule[] = types.map((type, i) => capsule(10 + 20 * i, 1, i, type));
    caps.forEach((c, i) => net.inject(i % 2 === 0 ? 0 : 7, c));
    net.runUntil(net.now + 20 * IMAX);
    for (const m of net.motes) for (const c of caps) expect(holds(m.flash, c)).toBe(true);
    // With six types in use a summary lists four: every summary on the air is at most 29 bytes.
    expect(Math.max(...net.packets(AM.summary).map((p) => p.bytes.length))).toBe(29);
  });

  it('reports each injected capsule: name, version, injectedAt, coveredAt, coverage and transmissions matching the air', () => {
    const net = new FakeNetwork({ n: 6, links: clique(6, 0.2), seed: 5, params });
    net.bootAll();
    net.runUntil(5 * SECOND);
    const c = capsule(60, 3, 0, 'clock', 'cnt_to_leds');
    net.inject(2, c);
    const covered = net.runUntilCovered(c, 600 * SECOND);
    expect(covered).not.toBeNull();
    const [report] = net.dissemination.capsules();
    const lastInstall = Math.max(...net.installs.map((i) => i.time));
    const onAir = net.packets(AM.fragment).length + net.packets(AM.request).length;
    expect(report).toEqual({
      name: 'cnt_to_leds',
      type: 'clock',
      version: 3,
      hash: contentHash(c.code),
      injectedAt: 5,
      coveredAt: lastInstall / SECOND,
      coverage: 1,
      transmissions: onAir,
      data: net.packets(AM.fragment).length,
      requests: net.packets(AM.request).length,
      installs: 6,
      hops: report.hops,
      secondsPerHop: (lastInstall / SECOND - 5) / report.hops,
    });
    // Every mote hears the injector directly, but a lossy link may leave it to take a copy of a copy.
    expect(report.hops).toBeGreaterThanOrEqual(1);
    expect(report.hops).toBeLessThanOrEqual(5);
    // Received copies carry the injected name (simulator metadata, never on the air).
    expect(net.motes.every((m) => m.flash.get(CAPSULE_TYPES.indexOf('clock'))?.name === 'cnt_to_leds')).toBe(true);
  });

  it('reports the dissemination tree: on a line each mote takes the code from the one before it, so the depth is n - 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 128 }), fc.nat(), (n, length, seed) => {
        const net = new FakeNetwork({ n, links: line(n), seed, params });
        net.bootAll();
        net.runUntil(3 * SECOND);
        const c = capsule(length, 1);
        net.inject(0, c);
        const covered = net.runUntilCovered(c, 3 * SECOND + (n + 2) * IMAX);
        expect(covered).not.toBeNull();
        const [report] = net.dissemination.capsules();
        expect(report.hops).toBe(n - 1);
        const lastInstall = Math.max(...net.installs.map((i) => i.time));
        expect(report.secondsPerHop).toBeCloseTo((lastInstall / SECOND - 3) / (n - 1), 9);
      }),
      { numRuns: 20 },
    );
  });

  it('a tree is never shallower than the farthest mote is from the injector in hops', () => {
    fc.assert(
      fc.property(topology(16, 0.3), fc.nat(), (t, at) => {
        const net = new FakeNetwork({ ...t, params });
        net.bootAll();
        net.runUntil(3 * SECOND);
        const c = capsule(20, 1);
        const origin = at % t.n;
        net.inject(origin, c);
        expect(net.runUntilCovered(c, 3 * SECOND + (eccentricity(t, origin) + 2) * IMAX)).not.toBeNull();
        const [report] = net.dissemination.capsules();
        expect(report.hops).toBeGreaterThanOrEqual(eccentricity(t, origin));
        expect(report.hops).toBeLessThan(Math.max(1, t.n));
      }),
      { numRuns: 30 },
    );
  });

  it('reports coverage among live motes only, and no coveredAt until all of them hold the code', () => {
    const net = new FakeNetwork({ n: 4, links: line(4), seed: 2, params });
    net.boot(0);
    net.boot(1);
    const c = capsule(10, 1);
    net.inject(0, c);
    net.runUntil(60 * SECOND);
    const all = net.dissemination.capsules()[0];
    expect(all.coverage).toBe(0.5);
    expect(all.coveredAt).toBeNull();
    const live = net.dissemination.capsules((id) => id < 2)[0];
    expect(live.coverage).toBe(1);
    expect(live.coveredAt).toBe(Math.max(...net.installs.map((i) => i.time)) / SECOND);
  });
});
