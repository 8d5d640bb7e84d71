// Space-time diagrams (sim/diagram/): the trace of an algorithm run survives CBOR; the diagram keeps
// every transmission and delivery, Lamport timestamps, crashes at their ticks and the lecture's
// snapshot cut; a hundred motes come a page at a time; the simulator's traces pair receptions with
// transmissions; and every SVG is well-formed XML.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floodSetRun } from '../../capsules/floodset/tick.js';
import { lamportRun } from '../../capsules/lamport/tick.js';
import type { TickNetwork } from '../../sim/algo/tick-network.js';
import { algorithm as lamport } from '../../capsules/lamport/index.js';
import { diagramFromRecords, parseMoteList, renderSvg, runRecords, selectView, watchCrashes, type DiagramRun, type ViewOptions } from '../../diagram/index.js';
import { encodeTrace, readTrace, type TraceRecord } from '../../sim/network/trace.js';
import { shipped, connectedGraph } from '../algo/helpers.js';
import { xmlProblems } from '../bench/parsers.js';
import { lectureDiagram } from './lecture.js';

function diagram(records: readonly TraceRecord[]): DiagramRun {
  const run = diagramFromRecords(records, 'test');
  if (!run.ok) throw new Error(run.error);
  return run.value;
}

function svg(run: DiagramRun, options: ViewOptions = {}): string {
  const view = selectView(run, options);
  if (!view.ok) throw new Error(view.error);
  return renderSvg(run, view.value);
}

/** A line of n motes, 0 to n-1. */
const line = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));

describe('an algorithm run as a trace and a diagram', () => {
  it('keeps every transmission, delivery and Lamport timestamp through the CBOR trace, and draws well-formed SVG', () => {
    fc.assert(
      fc.property(connectedGraph(2, 8), fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('sync' as const, 'async' as const), (out, seed, timing) => {
        const { net } = lamportRun({ capsules: shipped('lamport'), out, seed, timing, steps: 8 });
        const bytes = encodeTrace(runRecords(net, { algorithm: 'lamport', timing, marks: lamport.marks }));
        const read = readTrace(bytes, 'run.cbor');
        expect(read.ok).toBe(true);
        const run = diagram(read.records);
        const transmissions = new Set(net.messages.map((m) => m.transmission)).size;
        expect(run.events.filter((e) => e.kind === 'send')).toHaveLength(transmissions);
        expect(run.events.filter((e) => e.kind === 'recv')).toHaveLength(net.messages.filter((m) => m.deliveredTick >= 0).length);
        expect(run.messages).toHaveLength(net.messages.length);
        for (const m of run.messages) {
          if (m.recv < 0) continue;
          expect(run.events[m.recv].t).toBeGreaterThan(run.events[m.send].t);
          // Lamport: a receive's timestamp exceeds its send's.
          expect(Number(run.events[m.recv].label)).toBeGreaterThan(Number(run.events[m.send].label));
        }
        expect(run.events.every((e) => e.label !== undefined)).toBe(true);
        expect(xmlProblems(svg(run))).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it("crosses out crashed motes at the round they crash in: the flood-set adversary's chain", () => {
    let crashes: ReturnType<typeof watchCrashes> = [];
    let network: TickNetwork | undefined;
    const { crashes: plan } = floodSetRun({
      capsules: shipped('floodset'),
      n: 5,
      f: 1,
      seed: 1,
      crashes: { kind: 'chain', count: 2 },
      observe: (net) => {
        network = net;
        crashes = watchCrashes(net);
      },
    });
    expect(crashes).toEqual(plan.map((c) => ({ mote: c.mote, tick: c.round })));
    const run = diagram(runRecords(network!, { algorithm: 'floodset', timing: 'sync' }, crashes));
    expect(run.crashes).toEqual(plan.map((c) => ({ mote: c.mote, t: c.round })));
    expect(run.timing).toBe('sync');
    const picture = svg(run);
    expect(xmlProblems(picture)).toEqual([]);
    expect(picture.match(/stroke="#b03020" stroke-width="2.5"/g)).toHaveLength(plan.length + 1); // and the legend's
    // The first crash's lost copies: dashed, crossed out at the motes it did not reach.
    expect(run.messages.filter((m) => m.recv < 0 && run.events[m.send].mote === plan[0].mote).length).toBeGreaterThanOrEqual(2);
    expect(picture).toContain('stroke-dasharray="4 3"');
  });

  it("draws the lecture's cut through the states N1, N2 and N3 recorded at ticks 0, 1 and 4", () => {
    const run = lectureDiagram();
    expect(run.names).toEqual(['N1', 'N2', 'N3']);
    expect(run.cuts).toHaveLength(1);
    expect(run.cuts[0].events.map((e) => run.events[e].t)).toEqual([0, 1, 4]);
    expect(run.cuts[0].events.map((e) => run.events[e].mote)).toEqual([0, 1, 2]);
    // a (N2 -> N1) and b (N3 -> N2) cross the cut: sent before it, received after it.
    const tokens = run.messages.filter((m) => m.cls === 'token');
    expect(tokens.map((m) => [run.names[run.events[m.send].mote], run.names[m.to]])).toEqual([['N2', 'N1'], ['N3', 'N2']]);
    for (const m of tokens) {
      const cutAtReceiver = run.cuts[0].events[m.to];
      expect(m.recv).toBeGreaterThan(cutAtReceiver);
      expect(m.send).toBeLessThan(run.cuts[0].events[run.events[m.send].mote]);
    }
    expect(run.messages.filter((m) => m.cls === 'marker')).toHaveLength(6);
    const picture = svg(run);
    expect(xmlProblems(picture)).toEqual([]);
    expect(picture).toContain('>S0</text>');
  });
});

describe('choosing what to draw', () => {
  const run = diagram(runRecords(lamportRun({ capsules: shipped('lamport'), out: line(100), seed: 1, timing: 'sync', steps: 70 }).net, { algorithm: 'lamport', timing: 'sync', marks: lamport.marks }));

  it('shows a hundred motes twenty at a time, and the first 40 rounds, saying how to see the rest', () => {
    const view = selectView(run, {});
    expect(view.ok && view.value).toMatchObject({ rows: Array.from({ length: 20 }, (_, i) => i), page: 1, pages: 5, from: 0, to: 40 });
    expect(view.ok && view.value.note).toBe(`motes 0-19 of 100 (page 1 of 5; --page for the others), rounds 0-40 of ${run.end} (--from and --to for the rest)`);
    const last = selectView(run, { page: 5, from: 30, to: 50 });
    expect(last.ok && last.value.rows).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
    expect(selectView(run, { page: 6 })).toEqual({ ok: false, error: '--page 6: the run has 5 pages of 20 motes' });
    expect(selectView(run, { from: 9, to: 3 })).toEqual({ ok: false, error: '--from 9 is after --to 3' });
  });

  it('draws a chosen set of motes, messages to the others as stubs naming them', () => {
    const picture = svg(run, { motes: [10, 50], from: 0, to: 20 });
    expect(xmlProblems(picture)).toEqual([]);
    expect(picture).toMatch(/>\u219211<\/text>|>\u21929<\/text>|>11\u2192<\/text>|>9\u2192<\/text>/);
    expect(picture.match(/<line x1="78" y1="[\d.]+" x2="[\d.]+" y2="[\d.]+" stroke="#222222" stroke-width="1.5"\/>/g)).toHaveLength(2);
  });

  it('reads mote lists and refuses motes outside the run', () => {
    expect(parseMoteList('0-3,42,2', 100)).toEqual({ ok: true, value: [0, 1, 2, 3, 42] });
    expect(parseMoteList('5-100', 100)).toEqual({ ok: false, error: '--motes 5-100: the run has motes 0..99' });
    expect(parseMoteList('x', 100)).toEqual({ ok: false, error: "--motes wants a list like 0-9,42, got 'x'" });
  });
});

describe("a mote sim trace as a diagram", () => {
  const records: TraceRecord[] = [
    { t: 0, e: 'boot', m: 0 },
    { t: 1_000_000, e: 'tx', m: 0, am: 1, len: 4, dest: 0xffff },
    { t: 8_200_000, e: 'rx', m: 1, from: 0 },
    { t: 8_200_000, e: 'collision', m: 2, from: 0 },
    { t: 9_000_000, e: 'tx', m: 2, am: 1, len: 4, dest: 1 },
    { t: 16_200_000, e: 'rx', m: 1, from: 2 },
    { t: 20_000_000, e: 'uart', m: 1, bytes: '0102' },
    { t: 30_000_000, e: 'death', m: 2 },
  ];

  it('pairs each reception with the transmission it heard, in seconds, and ends a dead mote\'s line', () => {
    const run = diagram(records);
    expect(run.timing).toBe('continuous');
    expect(run.names).toEqual(['0', '1', '2']);
    expect(run.messages.map((m) => [run.events[m.send].mote, m.to, m.recv >= 0, m.cls])).toEqual([
      [0, 1, true, 'packet'],
      [0, 2, false, 'collision'],
      [2, 1, true, 'packet'],
    ]);
    expect(run.crashes).toEqual([{ mote: 2, t: 0.03 }]);
    expect(run.events.filter((e) => e.kind === 'local')).toHaveLength(1);
    expect(xmlProblems(svg(run))).toEqual([]);
  });

  it('names the file and record when a trace is not a run', () => {
    expect(diagramFromRecords([], 'x.cbor')).toEqual({ ok: false, error: 'x.cbor: the trace is empty' });
    expect(diagramFromRecords([{ t: 0, e: 'run', motes: 2, tick: 1e9 }, { t: 0, e: 'send', m: 7 }], 'y.cbor')).toEqual({ ok: false, error: 'y.cbor: record 1 (send) names no mote of the run' });
    expect(diagramFromRecords([{ t: 0, e: 'energy', uj: 1 }], 'z.cbor')).toEqual({ ok: false, error: 'z.cbor: no record names a mote' });
  });
});
