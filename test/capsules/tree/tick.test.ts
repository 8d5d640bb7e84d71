// Tree and DAG routing to a base station (SPEC 6, "System Robustness"; issue 6): both deliver every
// reading before a failure and after the next beacon wave repairs them; in between the tree loses
// the failed mote's subtree and the DAG keeps most readings flowing. Broken capsules fail the oracle.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacency } from '../../../sim/algo/graph.js';
import { largestSubtree, routingRun, subtreeSizes } from '../../../capsules/tree/tick.js';
import { parseTopologySpec } from '../../../sim/world/topology.js';
import { capsule, connectedGraph, replaced, shipped } from '../../algo/helpers.js';
import { lyingForwarder, stubbornBeacons } from './broken-routing.js';

function grid(spec: string): number[][] {
  const r = parseTopologySpec(spec, { seed: 1 });
  if (!r.ok) throw new Error(r.error);
  return adjacency(r.topology);
}

describe('tree and DAG routing capsules', () => {
  it('deliver every reading, once and intact, on random connected topologies with a mote failing', () => {
    fc.assert(
      fc.property(connectedGraph(2, 12), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('tree' as const, 'dag' as const), (out, seed, kind) => {
        const report = routingRun({ capsules: shipped(kind), out, seed, kind, beaconPeriod: 8, rounds: 40, failAt: 22 });
        expect(report.failures).toEqual([]);
        expect(report.details.deliveryBefore).toBe(1);
      }),
      { numRuns: 20 },
    );
  });

  it('lose the subtree in a tree until the repair, while the DAG keeps delivering most readings', () => {
    const out = grid('grid:6x6');
    const tree = routingRun({ capsules: shipped('tree'), out, seed: 1, kind: 'tree' });
    const dag = routingRun({ capsules: shipped('dag'), out, seed: 1, kind: 'dag' });
    expect(tree.ok && dag.ok).toBe(true);
    expect(tree.details.failed).toBe(dag.details.failed);
    expect(tree.details.deliveryAfter).toBe(1);
    expect(dag.details.deliveryAfter).toBe(1);
    expect(dag.details.deliveryDuring).toBeGreaterThan(tree.details.deliveryDuring as number);
    expect(dag.details.lostDuring).toBeLessThan(tree.details.lostDuring as number);
    expect(tree.details.beaconMessages).toBe(dag.details.beaconMessages);
    expect(dag.cycles).toBeGreaterThan(tree.cycles);
  });

  it('in a tree, lose every reading of the orphaned subtree from the failure until the wave reaches it', () => {
    // 0 hears 1 and 2; 3 hears 1 and 2 and picks 1 (the lower id); 4 hangs below 3. Mote 1 fails in
    // round 7; the wave of round 11 reaches 3 in round 13, just before 4's reading of round 12 does:
    // 3 loses rounds 7-12, 4 rounds 7-11.
    const out = [[1, 2], [0, 3], [0, 3], [1, 2, 4], [3]];
    const options = { out, seed: 1, beaconPeriod: 10, rounds: 20, failAt: 7, failMote: 1 };
    const tree = routingRun({ ...options, capsules: shipped('tree'), kind: 'tree' });
    expect(tree.ok).toBe(true);
    expect(tree.details).toMatchObject({ orphaned: 2, unreachableAfter: 0, lostDuring: 11, deliveryDuring: 10 / 21, deliveryAfter: 1 });
    const dag = routingRun({ ...options, capsules: shipped('dag'), kind: 'dag' });
    expect(dag.ok).toBe(true);
    expect(dag.details.lostDuring).toBeLessThan(11);
  });

  it('count a mote cut off for good as unreachable, not as a delivery failure', () => {
    const report = routingRun({ capsules: shipped('tree'), out: [[1], [0, 2], [1, 3], [2]], seed: 1, kind: 'tree', beaconPeriod: 10, rounds: 20, failAt: 7, failMote: 1 });
    expect(report.ok).toBe(true);
    expect(report.details).toMatchObject({ orphaned: 2, unreachableAfter: 2, deliveryAfter: null });
  });

  it('pick the mote with the largest subtree of the beacon tree to fail', () => {
    const out = [[1, 2], [0, 3, 4], [0], [1], [1]];
    expect(subtreeSizes(out)).toEqual([5, 3, 1, 1, 1]);
    expect(largestSubtree(out)).toBe(1);
  });

  it('fail the oracle when motes never take a newer wave: the subtree stays cut off', () => {
    const stubborn = stubbornBeacons();
    const report = routingRun({ capsules: replaced('tree', stubborn), out: grid('grid:4x4'), seed: 1, kind: 'tree' });
    expect(report.failures).toEqual([expect.stringMatching(/^delivery after the repair: \d+ of \d+ readings arrived$/)]);
  });

  it('fail the oracle when readings are passed on twice', () => {
    const stutter = capsule(
      '.capsule receive', '.name stutter',
      'pushm', 'getms 0', 'pushc 1', 'eq', 'blez data', 'call 0', 'halt',
      'data: id', 'jumpc fwd', 'pushm', 'uart', 'halt',
      'fwd: pushm', 'getvar 2', 'sendr', 'pushm', 'getvar 2', 'sendr', 'halt',
    );
    const report = routingRun({ capsules: replaced('tree', stutter), out: [[1], [0, 2], [1]], seed: 1, kind: 'tree', failAt: 0 });
    expect(report.failures.some((f) => /^once: reading "2 \d+" \(mote, round\) arrived 2 times$/.test(f))).toBe(true);
  });

  it('fail the oracle when a forwarder alters a reading', () => {
    const liar = lyingForwarder();
    const report = routingRun({ capsules: replaced('tree', liar), out: [[1], [0, 2], [1]], seed: 1, kind: 'tree', failAt: 0 });
    expect(report.failures.some((f) => /^integrity: mote 2's reading of round \d+ arrived as 0, it read \d+$/.test(f))).toBe(true);
  });
});
