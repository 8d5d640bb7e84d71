// Chandy-Lamport snapshot capsules and their oracle (SPEC 6; issue 6): the lecture's P1/P2/P3
// example comes out as on the slide, random runs (several snapshots at once, both timing models,
// random one-way topologies) pass the oracle, and broken runs fail it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomSnapshotRun, replaySnapshotScenario, formatSnapshots, type SnapshotResult } from '../../../capsules/snapshot/tick.js';
import { snapshotOracle } from '../../../capsules/snapshot/oracle.js';
import { parseDelays, parseSnapshotEvents, parseSnapshotTopology } from '../../../capsules/snapshot/scenario.js';
import type { Capsule } from '../../../vm/capsule.js';
import { capsule, connectedGraph, replaced, shipped, shippedFile, stronglyConnected } from '../../algo/helpers.js';

function replay(top: string, events: string, delays?: string, capsules: Capsule[] = shipped('snapshot')): SnapshotResult {
  const t = parseSnapshotTopology(top, 'top');
  if (!t.ok) throw new Error(t.error);
  const e = parseSnapshotEvents(events, 'events', t.value);
  if (!e.ok) throw new Error(e.error);
  const d = delays === undefined ? undefined : parseDelays(delays, 'delays');
  if (d !== undefined && !d.ok) throw new Error(d.error);
  const r = replaySnapshotScenario(t.value, e.value, { capsules, delays: d?.value, seed: 1 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const lecture = (): SnapshotResult =>
  replay(shippedFile('snapshot', 'p1p2p3.top'), shippedFile('snapshot', 'p1p2p3.events'), shippedFile('snapshot', 'p1p2p3.delays'));

describe("the lecture's P1/P2/P3 example", () => {
  it('records C21 = {a}, C32 = {b} and every other channel empty, as on the slide', () => {
    const run = lecture();
    expect(formatSnapshots(run)).toBe(['snapshot 0', 'N1 5', 'N2 3', 'N3 2', 'N2 N1 token(2)', 'N3 N2 token(3)'].join('\n'));
    expect(run.verdict).toEqual({ ok: true, failures: [] });
  });

  it("takes the slide's seven steps in its order, one tick each as the delays file says", () => {
    const run = lecture();
    const steps = run.net.trace.flatMap((e) => {
      if (e.kind !== 'recv') return [];
      const m = run.net.messages[e.msg];
      const what = m.words[0] === 2 ? 'marker' : `token(${m.words[1]})`;
      return [`${e.tick} ${run.names[m.src]}->${run.names[m.dst]} ${what}`];
    });
    expect(steps).toEqual([
      '1 N1->N2 marker', // 2: P2 records S2, C12 = {}
      '2 N2->N1 token(2)', // a reaches P1 while C21 records
      '2 N3->N2 token(3)', // b reaches P2 while C32 records
      '3 N2->N1 marker', // 3: C21 = {a}
      '4 N1->N3 marker', // 4: P3 records S3, C13 = {}
      '5 N3->N2 marker', // 5: C32 = {b}
      '6 N2->N3 marker', // 6: C23 = {}
      '6 N3->N1 marker', // 7: C31 = {}
    ]);
    expect(run.ticks).toBe(6);
  });

  it('sends markers to destinations in sorted id order', () => {
    const run = lecture();
    const markers = run.net.messages.filter((m) => m.words[0] === 2).map((m) => `${run.names[m.src]}${run.names[m.dst]}`);
    expect(markers).toEqual(['N1N2', 'N1N3', 'N2N1', 'N2N3', 'N3N1', 'N3N2']);
  });
});

describe('the replay order (issue 17)', () => {
  const order = (pick?: 'oldest' | 'destination'): SnapshotResult => {
    const t = parseSnapshotTopology(shippedFile('snapshot', 'order.top'), 'order.top');
    if (!t.ok) throw new Error(t.error);
    const e = parseSnapshotEvents(shippedFile('snapshot', 'order.events'), 'order.events', t.value);
    const d = parseDelays(shippedFile('snapshot', 'order.delays'), 'order.delays');
    if (!e.ok || !d.ok) throw new Error('order scenario does not parse');
    const r = replaySnapshotScenario(t.value, e.value, { capsules: shipped('snapshot'), delays: d.value, seed: 1, pick });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  it('delivers from the first ready channel in sorted destination order: B keeps its 4 tokens, A -> C holds token(2)', () => {
    const run = order();
    expect(formatSnapshots(run)).toBe(['snapshot 0', 'A 3', 'B 14', 'C 11', 'A C token(2)'].join('\n'));
    expect(run.verdict).toEqual({ ok: true, failures: [] });
  });

  it('is a scenario where oldest-ready-first gives another, also consistent, snapshot', () => {
    const run = order('oldest');
    expect(formatSnapshots(run)).toBe(['snapshot 0', 'A 3', 'B 10', 'C 13', 'A B token(4)'].join('\n'));
    expect(run.verdict.ok).toBe(true);
  });

  it('holds for any seed: the delays file fixes every message of the scenario', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = parseSnapshotTopology(shippedFile('snapshot', 'order.top'), 't');
        const e = t.ok ? parseSnapshotEvents(shippedFile('snapshot', 'order.events'), 'e', t.value) : undefined;
        const d = parseDelays(shippedFile('snapshot', 'order.delays'), 'd');
        if (!t.ok || e === undefined || !e.ok || !d.ok) throw new Error('order scenario does not parse');
        const r = replaySnapshotScenario(t.value, e.value, { capsules: shipped('snapshot'), delays: d.value, seed });
        expect(r.ok && formatSnapshots(r.value)).toBe(formatSnapshots(order()));
      }),
      { numRuns: 5 },
    );
  });
});

describe('scenario replay', () => {
  const top = '3\nA 10\nB 10\nC 10\nA B\nB C\nC A\n';

  it('runs several snapshots at once and finishes every one', () => {
    const run = replay(top, 'send A B 4\nsnapshot A\nsend B C 3\ntick\nsnapshot C\nsend C A 1\ntick 2\nsnapshot B\n');
    expect(run.verdict).toEqual({ ok: true, failures: [] });
    expect(run.recorded).toHaveLength(3);
    // A marker record per incoming channel: A hears C, B hears A, C hears B.
    for (const snap of run.recorded) expect(snap.markersFrom).toEqual([[2], [0], [1]]);
  });

  it('reports a give larger than the balance as a mistake on its line', () => {
    const t = parseSnapshotTopology(top, 'top');
    if (!t.ok) throw new Error(t.error);
    const e = parseSnapshotEvents('send A B 6\nsend A B 5\n', 'x.events', t.value);
    if (!e.ok) throw new Error(e.error);
    expect(replaySnapshotScenario(t.value, e.value, { capsules: shipped('snapshot'), seed: 1, file: 'x.events' })).toEqual({
      ok: false,
      error: 'x.events:2: A has 4 tokens, cannot give 5',
    });
  });

  it('names the gap when a mote is unreachable from the initiator, instead of what follows from it', () => {
    const run = replay('3\nA 1\nB 1\nC 1\nA B\nC A\n', 'snapshot A\n');
    expect(run.verdict.failures).toEqual(['snapshot 0: not connected: no path of channels leads from the initiator A to 1 mote (C), so no marker reaches them']);
    expect(formatSnapshots(run).split('\n')).toContain('C ?');
  });
});

describe('the snapshot oracle', () => {
  it('passes random runs: random one-way topologies, delays, timing models and concurrent snapshots', () => {
    fc.assert(
      fc.property(
        stronglyConnected(2, 9),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('sync' as const, 'async' as const),
        fc.integer({ min: 1, max: 4 }),
        (out, seed, timing, snapshots) => {
          const run = randomSnapshotRun({ capsules: shipped('snapshot'), out, seed, timing, snapshots, steps: 12 });
          expect(run.verdict.failures).toEqual([]);
          expect(run.recorded).toHaveLength(snapshots);
          const incoming = out.map((_, i) => out.flatMap((list, src) => (list.includes(i) ? [src] : [])));
          for (const snap of run.recorded) expect(snap.markersFrom.map((from) => [...from].sort((a, b) => a - b))).toEqual(incoming);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('passes random runs on random two-way topologies', () => {
    fc.assert(
      fc.property(connectedGraph(2, 10), fc.integer({ min: 0, max: 1_000_000 }), (out, seed) => {
        expect(randomSnapshotRun({ capsules: shipped('snapshot'), out, seed, timing: 'async', steps: 10 }).verdict.failures).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('fails a link layer that is not FIFO: markers overtake tokens and the cut breaks', () => {
    const out = [[1, 2], [0, 2], [0, 1]];
    const broken = [1, 2, 3, 4, 5].map((seed) => randomSnapshotRun({ capsules: shipped('snapshot'), out, seed, timing: 'async', fifo: false }));
    const failures = broken.flatMap((r) => r.verdict.failures);
    expect(failures.some((f) => /cut inconsistent|recorded \{.*\}, in transit were/.test(f))).toBe(true);
  });

  it('fails capsules that never record channels: tokens in flight go missing', () => {
    const forgetful = capsule(
      '.capsule sub3', '.name forgetful',
      'pushm', 'getms 1', 'getvar 0', 'add', 'setvar 0', 'ret',
    );
    const run = replay(shippedFile('snapshot', 'p1p2p3.top'), shippedFile('snapshot', 'p1p2p3.events'), shippedFile('snapshot', 'p1p2p3.delays'), replaced('snapshot', forgetful));
    expect(run.verdict.failures).toEqual([
      'snapshot 0: channel N2 -> N1 recorded {}, in transit were {2}',
      'snapshot 0: channel N3 -> N2 recorded {}, in transit were {3}',
      'snapshot 0: 10 tokens recorded + 0 in transit = 10, but 15 exist',
    ]);
  });

  it('fails capsules that never pass markers on: the snapshot does not terminate', () => {
    const mute = capsule(
      '.capsule sub0', '.name mute',
      'getvar 1', 'pushc 1', 'add', 'setvar 3', 'call 2', 'swap', 'setvar 2', 'getvar 2', 'getvi', 'or', 'getvar 2', 'setvi',
      'pushm', 'clear', 'pushc 1', 'add', 'getvar 1', 'add', 'getvar 0', 'add', 'uart', 'ret',
    );
    const run = replay(shippedFile('snapshot', 'p1p2p3.top'), 'snapshot N1\n', undefined, replaced('snapshot', mute));
    expect(run.verdict.failures).toEqual([
      'snapshot 0: N1 never had a marker from N2, N3 (not terminated)',
      'snapshot 0: N2 never recorded its state',
      'snapshot 0: N2 never had a marker from N1, N3 (not terminated)',
      'snapshot 0: N3 never recorded its state',
      'snapshot 0: N3 never had a marker from N1, N2 (not terminated)',
    ]);
  });

  it('fails a recorded state that the mote history contradicts', () => {
    const run = lecture();
    const input = run.input;
    const doctored = input.trace.map((e) => (e.kind === 'uart' && e.words[0] === 1 && e.mote === 1 ? { ...e, words: [1, 0, 4] } : e));
    expect(snapshotOracle({ ...input, trace: doctored }).failures).toEqual([
      'snapshot 0: N2 recorded 4 tokens, its history says 3',
      'snapshot 0: 11 tokens recorded + 5 in transit = 16, but 15 exist',
    ]);
    expect(snapshotOracle(input).ok).toBe(true);
  });

  it('fails a state recorded twice, a channel closed twice, and a marker from a mote with no channel', () => {
    const input = lecture().input;
    const extra = (words: number[], mote = 0): typeof input => ({ ...input, trace: [...input.trace, { kind: 'uart' as const, tick: 9, mote, words }] });
    expect(snapshotOracle(extra([3, 0, 2])).failures).toEqual(['snapshot 0: N1 recorded the marker from N2 2 times']);
    expect(snapshotOracle(extra([1, 0, 5])).failures[0]).toBe('snapshot 0: N1 recorded its state 2 times');
    const oneWay = { ...input, out: [[1], [0, 2], [0, 1]] }; // no channel N1 -> N3
    expect(snapshotOracle(oneWay).failures).toEqual(['snapshot 0: N3 recorded a marker from N1, which has no channel to it']);
    expect(snapshotOracle(input).ok).toBe(true);
  });
});
