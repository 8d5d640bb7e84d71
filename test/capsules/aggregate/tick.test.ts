// TinyDB-style aggregation (issue 6): the base station's average equals the average of the readings
// taken, with one message per mote per epoch against one per hop for shipping every reading.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateRun } from '../../../capsules/aggregate/tick.js';
import { capsule, connectedGraph, shipped } from '../../algo/helpers.js';
import type { Capsule } from '../../../vm/capsule.js';

/** The aggregation capsules run on the tree's beacon handler. */
const capsules = (...others: Capsule[]): Capsule[] => [
  ...shipped('tree').filter((c) => c.type === 'sub0'),
  ...shipped('aggregate').map((c) => others.find((o) => o.type === c.type) ?? c),
];

describe('aggregation capsules', () => {
  it('compute the exact average of every epoch on random connected topologies, one message a mote', () => {
    fc.assert(
      fc.property(connectedGraph(1, 14), fc.integer({ min: 0, max: 1_000_000 }), (out, seed) => {
        const report = aggregateRun({ capsules: capsules(), out, seed, epochs: 2 });
        expect(report.failures).toEqual([]);
        expect(report.details.aggregateMessagesPerEpoch).toBe(out.length - 1);
      }),
      { numRuns: 25 },
    );
  });

  it('cost fewer messages than shipping every reading on a line: n - 1 against the sum of the hops', () => {
    const line = Array.from({ length: 6 }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < 6));
    const report = aggregateRun({ capsules: capsules(), out: line, seed: 3 });
    expect(report.ok).toBe(true);
    expect(report.details).toMatchObject({ aggregateMessagesPerEpoch: 5, shippingMessagesPerEpoch: 15, epochRounds: 12 });
  });

  it('fail the oracle when a mote counts its own reading twice', () => {
    const twice = capsule('.capsule sub2', '.name twice', 'pushc 1', 'sense', 'cast', 'pushc 2', 'shiftr', 'getvar 7', 'add', 'setvar 7', 'getvar 8', 'pushc 2', 'add', 'setvar 8', 'ret');
    const report = aggregateRun({ capsules: capsules(twice), out: [[1], [0]], seed: 1, epochs: 1 });
    expect(report.failures).toEqual([expect.stringMatching(/^epoch 0: the base station averaged \d+\/4, the motes read \d+\/2$/)]);
  });
});
