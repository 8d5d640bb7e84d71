// Once code has spread, Trickle keeps the network consistent for a few packets per interval
// (Levis et al., NSDI 2004 section 4; SPEC 8): summaries only, k per interval in a lossless cell,
// O(log n) more with loss, one timer armed about twice an interval, and the figures the CLI and
// the dashboard read.

import { describe, expect, it } from 'vitest';
import { defaultTrickleParams, imaxOf } from '../../../trickle/index.js';
import { capsule } from './capsules.js';
import { FakeNetwork, SECOND, clique, line } from './fake-network.js';

const IMAX = imaxOf(defaultTrickleParams);

/** A cell of n motes, code injected at 0, run for `intervals` largest intervals. */
function settledCell(n: number, k: number, loss: number, intervals = 30): FakeNetwork {
  const net = new FakeNetwork({ n, links: clique(n, loss), seed: 100 + n, params: { trickle: { ...defaultTrickleParams, k } } });
  net.bootAll();
  net.inject(0, capsule(10, 1));
  net.runUntil(intervals * IMAX);
  return net;
}

describe('maintenance once stable', () => {
  it('sends k summaries per interval in a lossless cell of any size (listen-only half)', () => {
    for (const k of [1, 2]) {
      for (const n of [1, 2, 8, 32]) {
        const m = settledCell(n, k, 0).dissemination.maintenance(30 * IMAX);
        const expected = Math.min(k, n);
        expect(m.transmissionsPerInterval).toBeGreaterThanOrEqual(expected * 0.95);
        expect(m.transmissionsPerInterval).toBeLessThanOrEqual(expected * 1.1);
      }
    }
  });

  it('sends more with loss, but no more than k (1 + log2 n) per interval', () => {
    for (const n of [8, 64]) {
      const lossless = settledCell(n, 1, 0).dissemination.maintenance(30 * IMAX).transmissionsPerInterval ?? NaN;
      const lossy = settledCell(n, 1, 0.3).dissemination.maintenance(30 * IMAX).transmissionsPerInterval ?? NaN;
      expect(lossy).toBeGreaterThan(lossless);
      expect(lossy).toBeLessThan(1 + Math.log2(n));
    }
  });

  it('sends only summaries in the stable window, and reports no figure until a whole interval of it has passed', () => {
    const net = new FakeNetwork({ n: 6, links: line(6, 0.1), seed: 8, params: { trickle: defaultTrickleParams } });
    net.bootAll();
    net.inject(0, capsule(100, 1));
    net.runUntil(300 * SECOND);
    const from = net.dissemination.stats.stableFrom;
    const lastNews = Math.max(...net.installs.map((i) => i.time));
    expect(from).toBeGreaterThanOrEqual(lastNews + 2 * IMAX);
    expect(net.dissemination.maintenance(from + IMAX / 2).transmissionsPerInterval).toBeNull();
    net.runUntil(from + 20 * IMAX);
    const m = net.dissemination.maintenance(net.now);
    expect(m.stableSince).toBe(from / SECOND);
    const inWindow = net.sent.filter((p) => p.time >= from);
    expect(inWindow.every((p) => p.amType === 0x20)).toBe(true);
    expect(m.transmissions).toBe(inWindow.length);
    expect(m.transmissionsPerInterval).toBeCloseTo(inWindow.length / 20, 6);
    expect(m.perMotePerHour).toBeCloseTo(inWindow.length / 6 / ((20 * IMAX) / SECOND / 3600), 6);
    expect(m.perMotePerHour).toBeLessThan(60); // "a few sends an hour": at most one a minute here
  });

  it('arms the one timer about twice an interval (t and the interval end), never per packet and never in the past', () => {
    const net = settledCell(32, 1, 0.2, 10);
    const armed = net.timersArmed;
    net.runUntil(30 * IMAX);
    expect((net.timersArmed - armed) / 32 / 20).toBeLessThanOrEqual(2.5);
    expect(net.pastTimers).toBe(0);
  });

  it("shows each mote's Trickle interval and counter to the dashboard", () => {
    const net = settledCell(4, 1, 0);
    for (let id = 0; id < 4; id++) {
      const t = net.dissemination.trickleOf(id);
      expect(t?.i).toBe(IMAX);
      expect(t?.c).toBeGreaterThanOrEqual(0);
      expect(t?.c).toBeLessThanOrEqual(3);
    }
    expect(net.dissemination.trickleOf(99)).toBeUndefined();
    net.inject(2, capsule(10, 2));
    expect(net.dissemination.trickleOf(2)?.i).toBe(defaultTrickleParams.imin); // new code resets it (rule 6)
  });
});
