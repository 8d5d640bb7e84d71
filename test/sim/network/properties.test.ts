// Properties over random small networks (fast-check): whatever the topology, radio, seed and faults,
// energy is conserved per mote, every reception has exactly one outcome, time and energy only move
// forward, and the same inputs give the same run.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../sim/network/power.js';
import type { Fault } from '../../../sim/network/faults.js';
import { clock, network, SECOND, type Spec } from './helpers.js';

const chatter = clock('pushc 1', 'sense', 'pushm', 'clear', 'add', 'pushw 65535', 'sendr', 'halt');

const arbitraryRun = fc
  .record({
    shape: fc.constantFrom('grid:3x3', 'line:5', 'ring:6', 'clique:5', 'random:8'),
    radio: fc.constantFrom('perfect', 'disk', 'empirical'),
    spacing: fc.integer({ min: 3, max: 15 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    linkLayer: fc.constantFrom('plain' as const, 'reliable' as const),
    faults: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 6 * SECOND }),
        kind: fc.constantFrom('crash' as const, 'reboot' as const, 'drain' as const, 'jam' as const),
        mote: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((r): Spec => ({ topology: r.shape, radio: r.radio, spacing: r.spacing, seed: r.seed, linkLayer: r.linkLayer, faults: r.faults as Fault[], capsules: [chatter] }));

describe('random small networks', () => {
  it('conserve energy per mote and give every reception one outcome', () => {
    fc.assert(
      fc.property(arbitraryRun, (spec) => {
        const { net, records } = network(spec);
        let lastEnergy = 0;
        for (let s = 1; s <= 8; s++) {
          net.runUntil(s * SECOND);
          const e = net.energy().joules;
          expect(e).toBeGreaterThanOrEqual(lastEnergy);
          lastEnergy = e;
        }
        const w = net.world;
        for (let m = 0; m < w.n; m++) {
          let parts = 0;
          for (let c = 0; c < COMPONENTS.length; c++) {
            const uj = w.ledger.component(m, c, w.now);
            expect(uj).toBeGreaterThanOrEqual(0);
            parts += uj;
          }
          expect(parts).toBeCloseTo(w.ledger.used(m, w.now), 5);
        }
        // Packets still on the air at the end have no outcome yet; one cut off by a crash or jam has.
        const ends = records.filter((r) => r.e === 'tx' && r.t + 7_200_000 <= w.now);
        const reached = ends.reduce((sum, r) => sum + w.links.offsets[(r.m ?? 0) + 1] - w.links.offsets[r.m ?? 0], 0);
        const s = net.stats;
        expect(s.receptions + s.lost + s.collisions + s.missed).toBe(reached);
      }),
      { numRuns: 25 },
    );
  });

  it('run the same way twice from the same inputs', () => {
    fc.assert(
      fc.property(arbitraryRun, (spec) => {
        const a = network(spec);
        const b = network(spec);
        a.net.runUntil(5 * SECOND);
        b.net.runUntil(5 * SECOND);
        expect(b.records).toEqual(a.records);
        expect(b.net.summary()).toEqual(a.net.summary());
      }),
      { numRuns: 15 },
    );
  });
});
