// Lamport clock capsules and their oracle (SPEC 6; issue 6): random runs in both timing models pass,
// capsules that break the receive rule fail, and the oracle reads hand-made traces right.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lamportRun } from '../../../capsules/lamport/tick.js';
import { lamportEvents, lamportOracle } from '../../../capsules/lamport/oracle.js';
import type { NetMessage, TraceEvent } from '../../../sim/algo/tick-network.js';
import { capsule, connectedGraph, replaced, shipped } from '../../algo/helpers.js';

const line = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));

function message(id: number, src: number, dst: number, ts: number): NetMessage {
  return { id, src, dst, transmission: id, words: [ts], sentTick: 0, readyTick: 1, deliveredTick: 1, lost: false };
}

describe('Lamport clock capsules', () => {
  it('stamp every event of random runs so that the oracle passes, asynchronous and synchronous', () => {
    fc.assert(
      fc.property(connectedGraph(2, 12), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('sync' as const, 'async' as const), (out, seed, timing) => {
        const { report } = lamportRun({ capsules: shipped('lamport'), out, seed, timing, steps: 10 });
        expect(report.failures).toEqual([]);
        expect(report.details.events).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it('count a message per send and charge every mote its cycles', () => {
    const { report, net } = lamportRun({ capsules: shipped('lamport'), out: line(5), seed: 2, timing: 'sync', steps: 4 });
    expect(report.messages).toBe(net.messages.length);
    expect(report.messages).toBeGreaterThan(0);
    expect(report.cycles).toBe(net.vms.reduce((a, vm) => a + vm.cycles, 0));
    expect(report.energy).toBeGreaterThan(0);
  });

  it('fail the oracle when the receive rule ignores the message timestamp', () => {
    const careless = capsule(
      '.capsule receive', '.name careless',
      'getvar 0', 'pushc 1', 'add', 'setvar 0', 'pushm', 'clear', 'pushc 2', 'add', 'getvar 0', 'add', 'uart', 'halt',
    );
    const failures = [1, 2, 3].flatMap(
      (seed) => lamportRun({ capsules: replaced('lamport', careless), out: line(6), seed, timing: 'async', steps: 15 }).report.failures,
    );
    expect(failures.some((f) => f.startsWith('TS(send) < TS(receive): message'))).toBe(true);
    expect(failures.some((f) => f.startsWith('a -> b implies TS(a) < TS(b):'))).toBe(true);
  });

  it('fail the oracle when a receive writes no timestamp', () => {
    const silent = capsule('.capsule receive', '.name silent', 'halt');
    const { report } = lamportRun({ capsules: replaced('lamport', silent), out: line(3), seed: 1, timing: 'sync', steps: 3 });
    expect(report.failures.some((f) => f.startsWith('receive without a timestamp: message'))).toBe(true);
  });
});

describe('the Lamport oracle', () => {
  const messages = [message(0, 0, 1, 2)];
  const trace = (receiveTs: number): TraceEvent[] => [
    { kind: 'clock', tick: 0, mote: 0 },
    { kind: 'uart', tick: 0, mote: 0, words: [1, 1] },
    { kind: 'clock', tick: 0, mote: 0 },
    { kind: 'send', tick: 0, mote: 0, msg: 0 },
    { kind: 'recv', tick: 1, mote: 1, msg: 0 },
    { kind: 'uart', tick: 1, mote: 1, words: [2, receiveTs] },
  ];

  it('rebuilds local, send and receive events with their timestamps', () => {
    expect(lamportEvents({ n: 2, messages, trace: trace(3) })).toEqual({
      events: [
        { kind: 'local', mote: 0, ts: 1, msg: -1 },
        { kind: 'send', mote: 0, ts: 2, msg: 0 },
        { kind: 'receive', mote: 1, ts: 3, msg: 0 },
      ],
      unstamped: [],
    });
    expect(lamportOracle({ n: 2, messages, trace: trace(3) })).toEqual({ ok: true, failures: [] });
  });

  it('fails a receive stamped no later than its send', () => {
    expect(lamportOracle({ n: 2, messages, trace: trace(2) }).failures).toEqual([
      'TS(send) < TS(receive): message 0 (mote 0 -> mote 1): sent at 2, received at 2',
      'a -> b implies TS(a) < TS(b): mote 1: receive at 2 has a cause at 2',
    ]);
  });

  it('fails timestamps that do not increase on one mote', () => {
    const t: TraceEvent[] = [
      { kind: 'uart', tick: 0, mote: 0, words: [1, 4] },
      { kind: 'uart', tick: 0, mote: 0, words: [1, 4] },
    ];
    expect(lamportOracle({ n: 1, messages: [], trace: t }).failures).toEqual([
      'timestamps per mote: mote 0: local at 4 after an event at 4',
      'a -> b implies TS(a) < TS(b): mote 0: local at 4 has a cause at 4',
    ]);
  });

  it('follows causality across motes: a chain through a third mote still counts', () => {
    const ms = [message(0, 0, 1, 5), message(1, 1, 2, 7)];
    const t: TraceEvent[] = [
      { kind: 'send', tick: 0, mote: 0, msg: 0 },
      { kind: 'recv', tick: 1, mote: 1, msg: 0 },
      { kind: 'uart', tick: 1, mote: 1, words: [2, 6] },
      { kind: 'send', tick: 1, mote: 1, msg: 1 },
      { kind: 'recv', tick: 2, mote: 2, msg: 1 },
      { kind: 'uart', tick: 2, mote: 2, words: [2, 8] },
      { kind: 'uart', tick: 2, mote: 2, words: [1, 9] },
    ];
    expect(lamportOracle({ n: 3, messages: ms, trace: t }).ok).toBe(true);
    const late = t.map((e, k) => (k === 5 ? { ...e, words: [2, 7] } : e));
    expect(lamportOracle({ n: 3, messages: ms, trace: late }).failures[0]).toBe(
      'TS(send) < TS(receive): message 1 (mote 1 -> mote 2): sent at 7, received at 7',
    );
  });

  it('shows five failures of a kind and counts the rest', () => {
    const t: TraceEvent[] = Array.from({ length: 8 }, () => ({ kind: 'uart' as const, tick: 0, mote: 0, words: [1, 1] }));
    const [first] = lamportOracle({ n: 1, messages: [], trace: t }).failures;
    expect(first.endsWith('(and 2 more)')).toBe(true);
  });
});
