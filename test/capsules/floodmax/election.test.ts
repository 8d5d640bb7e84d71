// Leader election capsules and their oracle (issue 6): FloodMax on random connected topologies in
// diameter rounds, LCR on rings in both timing models with Lynch's exact message counts, and the
// broken runs (too few rounds, a crashed ring member) that the oracle must catch.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floodMaxAlive, floodMaxRun } from '../../../capsules/floodmax/tick.js';
import { lcrRun, ringIds } from '../../../capsules/lcr/tick.js';
import { components } from '../../../sim/algo/graph.js';
import { electionOracle } from '../../../capsules/floodmax/oracle.js';
import { lcrCountFailures } from '../../../capsules/lcr/oracle.js';
import { connectedGraph, shipped } from '../../algo/helpers.js';

const line = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));

describe('FloodMax capsules', () => {
  it('elect the highest live id, known to every live mote, on random connected topologies', () => {
    fc.assert(
      fc.property(connectedGraph(1, 14), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 3 }), (out, seed, crashes) => {
        const report = floodMaxRun({ capsules: shipped('floodmax'), out, seed, crashes });
        const connected = report.details.diameter !== -1;
        // Crashes may cut the live motes apart; then the oracle must say so, and only then.
        expect(report.ok).toBe(connected);
        if (!connected) expect(report.failures[0]).toBe('the live motes are not connected: no algorithm can elect across the gap');
      }),
      { numRuns: 40 },
    );
  });

  it('take diameter rounds: on a line of 6 the leader is known after 5', () => {
    const report = floodMaxRun({ capsules: shipped('floodmax'), out: line(6), seed: 1 });
    expect(report).toMatchObject({ ok: true, rounds: 5, details: { diameter: 5, leader: [5] } });
  });

  it('fail the oracle when stopped a round short of the diameter', () => {
    const report = floodMaxRun({ capsules: shipped('floodmax'), out: line(6), seed: 1, rounds: 4 });
    expect(report.failures).toEqual(['everyone knows: 1 live motes do not know leader 5 (id 0 knows 4)']);
  });
});

describe('FloodMax across a gap (issue 17)', () => {
  /** Two connected graphs side by side: the second's motes numbered after the first's. */
  const apart = fc.tuple(connectedGraph(1, 8), connectedGraph(1, 8)).map(([a, b]) => [...a, ...b.map((list) => list.map((j) => j + a.length))]);

  it('elects the highest live id of every component, known to all of it, when asked to', () => {
    fc.assert(
      fc.property(apart, fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2 }), (out, seed, crashes) => {
        const report = floodMaxRun({ capsules: shipped('floodmax'), out, seed, crashes, perComponent: true });
        expect(report.failures).toEqual([]);
        const alive = floodMaxAlive(seed, out.length, crashes);
        const { of, count } = components(out, alive);
        const highest = Array.from({ length: count }, (_, c) => Math.max(...out.map((_, i) => i).filter((i) => of[i] === c)));
        expect(report.details.leader).toEqual(highest.sort((a, b) => a - b));
        expect(report.details.components).toBe(count);
      }),
      { numRuns: 30 },
    );
  });

  it('fails a component that elects two leaders, or none, or one the others do not know', () => {
    const base = { ids: [0, 1, 2, 3], alive: [true, true, true, true], components: [0, 0, 1, 1] };
    expect(electionOracle({ ...base, claims: [1, 3], known: [1, 1, 3, 3] }).ok).toBe(true);
    expect(electionOracle({ ...base, claims: [0, 1, 3], known: [1, 1, 3, 3] }).failures).toEqual([
      'exactly one leader in the component of ids 0, 1: 2 motes claim to lead (0, 1)',
      'highest id in the component of ids 0, 1: id 0 claims to lead, the highest live id is 1',
    ]);
    expect(electionOracle({ ...base, claims: [1], known: [1, 1, 3, 3] }).failures).toEqual(['exactly one leader in the component of ids 2, 3: 0 motes claim to lead ()']);
    expect(electionOracle({ ...base, claims: [1, 3], known: [1, 1, 1, 3] }).failures).toEqual([
      'everyone knows in the component of ids 2, 3: 1 live motes do not know leader 3 (id 2 knows 1)',
    ]);
  });

  it('fails a run that floods a round short of the widest component', () => {
    const out = [...line(4), ...line(2).map((l) => l.map((j) => j + 4))];
    expect(floodMaxRun({ capsules: shipped('floodmax'), out, seed: 1, perComponent: true })).toMatchObject({ ok: true, rounds: 3 });
    expect(floodMaxRun({ capsules: shipped('floodmax'), out, seed: 1, perComponent: true, rounds: 2 }).failures).toEqual([
      'everyone knows in the component of ids 0, 1, 2, 3: 1 live motes do not know leader 3 (id 0 knows 2)',
    ]);
  });
});

describe('LCR capsules', () => {
  it('send n(n+1)/2 election messages in the worst ring order and 2n-1 in the best, n more to announce', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('sync' as const, 'async' as const), (n, seed, timing) => {
        const worst = lcrRun({ capsules: shipped('lcr'), n, order: 'worst', seed, timing });
        const best = lcrRun({ capsules: shipped('lcr'), n, order: 'best', seed, timing });
        expect(worst.failures).toEqual([]);
        expect(best.failures).toEqual([]);
        expect(worst.messages).toBe((n * (n + 1)) / 2);
        expect(best.messages).toBe(2 * n - 1);
        expect(worst.details.announceMessages).toBe(n);
        expect(worst.details.leader).toEqual([n]);
      }),
      { numRuns: 25 },
    );
  });

  it('elect the highest id in any ring order, between the two counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 0, max: 1_000_000 }), (n, seed) => {
        const report = lcrRun({ capsules: shipped('lcr'), n, order: 'random', seed, timing: 'async' });
        expect(report.failures).toEqual([]);
        expect(report.messages).toBeGreaterThanOrEqual(2 * n - 1);
        expect(report.messages).toBeLessThanOrEqual((n * (n + 1)) / 2);
      }),
      { numRuns: 25 },
    );
  });

  it('fail the oracle when a ring member has crashed: nobody is elected', () => {
    const report = lcrRun({ capsules: shipped('lcr'), n: 6, order: 'random', seed: 2, timing: 'async', crashes: 1 });
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toBe('exactly one leader: 0 motes claim to lead ()');
  });

  it('place ids decreasing along the ring for the worst order and increasing for the best', () => {
    expect(ringIds(4, 'worst', 1)).toEqual([4, 3, 2, 1]);
    expect(ringIds(4, 'best', 1)).toEqual([1, 2, 3, 4]);
    expect([...ringIds(6, 'random', 1)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('the election oracle', () => {
  it('fails two leaders, a leader that is not the highest live id, and motes that know another', () => {
    const v = electionOracle({ ids: [3, 9, 5], alive: [true, false, true], claims: [0, 2], known: [3, undefined, 5] });
    expect(v.failures).toEqual([
      'exactly one leader: 2 motes claim to lead (3, 5)',
      'highest id: id 3 claims to lead, the highest live id is 5',
      'everyone knows: 1 live motes do not know leader 5 (id 3 knows 3)',
    ]);
  });

  it('checks the LCR counts exactly for best and worst orders and within bounds otherwise', () => {
    expect(lcrCountFailures(5, 'worst', 15, 5)).toEqual([]);
    expect(lcrCountFailures(5, 'worst', 14, 5)).toEqual(['messages: 14 election messages, the worst order takes n(n+1)/2 = 15']);
    expect(lcrCountFailures(5, 'best', 10, 4)).toEqual([
      'messages: 10 election messages, the best order takes 2n-1 = 9',
      'announceMessages: 4, the announcement goes round once: 5',
    ]);
    expect(lcrCountFailures(5, 'random', 8, 5)).toEqual(['messages: 8 election messages, outside 2n-1 = 9 .. n(n+1)/2 = 15']);
  });
});
