// The synchronous contrast (seed, backup slides "Consensus in a Synchronous System"): the same
// capsules in lock-step rounds decide within 2(f + 1) rounds in every run with at most one crash,
// while asynchronously the same inputs start a bivalent configuration.

import { describe, expect, it } from 'vitest';
import { SYNC_ROUND_BOUND, syncExplore, syncRun } from '../../../capsules/flp/sync.js';
import { flpCapsules, graphOf } from './helpers.js';

describe('the flp capsules in the synchronous model', () => {
  it('decide within the round bound in every run of 3 motes with at most one crash, agreeing and valid', () => {
    const summary = syncExplore(flpCapsules(), 3);
    expect(summary.failures).toEqual([]);
    expect(summary.runs).toBe(8 * (1 + 3 * (SYNC_ROUND_BOUND + 1) * 4));
    expect(summary.latest).toBe(SYNC_ROUND_BOUND);
    expect(summary.slowest.crash).not.toBeNull();
  });

  it('decide in round 2 without a crash when a majority agrees, in round 4 when the coin is needed', () => {
    const decided = (inputs: number[]): string[] => syncRun(flpCapsules(), inputs, null, 6).decisions.map((d) => (d === null ? '-' : `${d.value}@${d.round}`));
    expect(decided([1, 1, 0])).toEqual(['1@2', '1@2', '1@2']);
    expect(decided([1, 1, 0, 0])).toEqual(['0@4', '0@4', '0@4', '0@4']);
  });

  it('decide 110 in bounded time although asynchronously 110 is bivalent', () => {
    const graph = graphOf(3);
    expect(graph.valency[graph.initial[0b011]]).toBe(3);
    const run = syncRun(flpCapsules(), [1, 1, 0], { mote: 0, round: 0, reach: [1] }, 6);
    expect(run.decisions[1]?.round).toBeLessThanOrEqual(SYNC_ROUND_BOUND);
    expect(run.decisions[1]?.value).toBe(run.decisions[2]?.value);
  });

  it('decide within the round bound with 4 motes as well', () => {
    const summary = syncExplore(flpCapsules(), 4);
    expect(summary.failures).toEqual([]);
    expect(summary.latest).toBeLessThanOrEqual(SYNC_ROUND_BOUND);
  });
});
