// The snapshot capsules' limits (issue 17): nothing is kept per channel and the recorded set is
// four heap words, so a mote may have any number of incoming channels and 64 snapshots run, on the
// tick network and on the emulator; and a gap between the motes is named as the cause.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjacency } from '../../../sim/algo/graph.js';
import { snapshotFullRun } from '../../../capsules/snapshot/full.js';
import { randomSnapshotRun, replaySnapshotScenario, formatSnapshots } from '../../../capsules/snapshot/tick.js';
import { MAX_SNAPSHOTS, parseSnapshotEvents, parseSnapshotTopology } from '../../../capsules/snapshot/scenario.js';
import { parseTopologySpec, type Topology } from '../../../sim/world/topology.js';
import { shipped, shippedFile, stronglyConnected } from '../../algo/helpers.js';

function topology(spec: string, seed = 1): Topology {
  const r = parseTopologySpec(spec, { seed });
  if (!r.ok) throw new Error(r.error);
  return r.topology;
}

describe('snapshot limits', () => {
  it('runs snapshots where every mote has 69 incoming channels (a clique of 70, tick network)', () => {
    const out = adjacency(topology('clique:70'));
    const run = randomSnapshotRun({ capsules: shipped('snapshot'), out, seed: 3, timing: 'async', snapshots: 3, steps: 4 });
    expect(run.verdict.failures).toEqual([]);
    expect(run.recorded).toHaveLength(3);
    // Every mote recorded every snapshot and closed each of its 69 channels once.
    for (const snap of run.recorded) {
      expect(snap.states.every((s) => s !== undefined)).toBe(true);
      expect(snap.markersFrom.every((from) => new Set(from).size === 69 && from.length === 69)).toBe(true);
    }
  });

  it('runs 64 snapshots at once, every mote recording every one (a clique of 8, tick network)', () => {
    const run = randomSnapshotRun({ capsules: shipped('snapshot'), out: adjacency(topology('clique:8')), seed: 4, timing: 'async', snapshots: 64, steps: 6 });
    expect(MAX_SNAPSHOTS).toBe(64);
    expect(run.verdict.failures).toEqual([]);
    expect(run.recorded).toHaveLength(64);
    expect(run.recorded.every((snap) => snap.states.every((s) => s !== undefined))).toBe(true);
  });

  it('passes random runs with up to 64 concurrent snapshots on random one-way topologies', () => {
    fc.assert(
      fc.property(stronglyConnected(2, 8), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 12, max: 64 }), (out, seed, snapshots) => {
        const run = randomSnapshotRun({ capsules: shipped('snapshot'), out, seed, timing: 'async', snapshots, steps: 8 });
        expect(run.verdict.failures).toEqual([]);
        expect(run.recorded).toHaveLength(snapshots);
      }),
      { numRuns: 10 },
    );
  });

  it("replays 64 snapshots on the lecture's three motes, started by each in turn between gifts", () => {
    const t = parseSnapshotTopology(shippedFile('snapshot', 'p1p2p3.top').replace(/^(N\d) 5$/gm, '$1 100'), 't');
    if (!t.ok) throw new Error(t.error);
    const script = Array.from({ length: 64 }, (_, s) => `send N${1 + (s % 3)} N${1 + ((s + 1) % 3)} 1\nsnapshot N${1 + (s % 3)}\ntick`).join('\n');
    const e = parseSnapshotEvents(script, 'e', t.value);
    if (!e.ok) throw new Error(e.error);
    const r = replaySnapshotScenario(t.value, e.value, { capsules: shipped('snapshot'), seed: 5 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.verdict).toEqual({ ok: true, failures: [] });
    expect(formatSnapshots(r.value).split('\n').filter((l) => l.startsWith('snapshot '))).toHaveLength(64);
  });

  it('runs random:30 with a 25 ft range (up to 21 channels a mote; 14 were the limit) with 16 snapshots on the emulator', () => {
    const t = topology('random:30');
    expect(Math.max(...adjacency(t, 25).map((l) => l.length))).toBeGreaterThan(14);
    const { report } = snapshotFullRun({ capsules: shipped('snapshot'), topology: t, seed: 1, rangeFt: 25, snapshots: 16 });
    expect(report.failures).toEqual([]);
    expect(report.details.snapshots).toBe(16);
  });

  it('runs 64 snapshots on the emulator when they are spread over the run', () => {
    const { report } = snapshotFullRun({ capsules: shipped('snapshot'), topology: topology('line:3'), seed: 2, snapshots: 64, steps: 100 });
    expect(report.failures).toEqual([]);
    expect(report.details.snapshots).toBe(64);
  });

  it('names the gap on both networks when a random layout falls apart (random:30, seed 12)', () => {
    const t = topology('random:30', 12);
    const tick = randomSnapshotRun({ capsules: shipped('snapshot'), out: adjacency(t), seed: 12, timing: 'async' });
    const { report } = snapshotFullRun({ capsules: shipped('snapshot'), topology: t, seed: 12 });
    for (const failures of [tick.verdict.failures, report.failures]) {
      expect(failures.length).toBeGreaterThan(0);
      for (const f of failures) expect(f).toMatch(/^snapshot \d: not connected: no path of channels leads from the initiator \d+ to \d+ motes \(/);
    }
  });
});
