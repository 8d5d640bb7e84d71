// Flood-set consensus capsules and their oracle (SPEC 6; issue 6): up to f crashes at any point of
// a round never break agreement, validity, integrity or termination; the lecture's adversary with
// f + 1 crashes makes a run that disagrees; and the oracle names each property it finds broken.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floodSetRun, planCrashes } from '../../../capsules/floodset/tick.js';
import { consensusOracle } from '../../../capsules/floodset/oracle.js';
import { shipped } from '../../algo/helpers.js';

describe('flood-set consensus capsules', () => {
  it('reach consensus after f + 1 rounds with up to f crashes, each at any point of a round', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 15 }),
        (n, f, seed, values) => {
          const crashes = { kind: 'random' as const, count: Math.min(f, n - 1) };
          const run = floodSetRun({ capsules: shipped('floodset'), n, f, seed, crashes, values });
          expect(run.report.failures).toEqual([]);
          expect(run.report.rounds).toBe(f + 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('decide the minimum of the values once everybody has them', () => {
    const run = floodSetRun({ capsules: shipped('floodset'), n: 6, f: 1, seed: 3, values: 15 });
    expect(run.decisions.map((d) => d.value)).toEqual(Array(6).fill(Math.min(...run.inputs)));
    expect(run.decisions.every((d) => d.round === 3)).toBe(true);
  });

  it('disagree under the adversary of the proof: f + 1 crashes, each reaching one mote', () => {
    for (const f of [0, 1, 2, 3]) {
      const run = floodSetRun({ capsules: shipped('floodset'), n: f + 5, f, seed: 7, crashes: { kind: 'chain', count: f + 1 } });
      expect(run.report.ok).toBe(false);
      expect(run.report.failures).toEqual([expect.stringMatching(/^agreement: the motes that did not crash decided 0 by 1, 1 by \d+$/)]);
    }
  });

  it('agree under the same adversary with only f crashes', () => {
    for (const f of [1, 2, 3]) {
      const run = floodSetRun({ capsules: shipped('floodset'), n: f + 5, f, seed: 7, crashes: { kind: 'chain', count: f } });
      expect(run.report.failures).toEqual([]);
      expect(new Set(run.decisions.map((d) => d.value))).toEqual(new Set([0]));
    }
  });

  it('plan the chain as the proof tells: the only 0 crashes in round 1, each crash reaching the next link', () => {
    const planned = planCrashes({ capsules: [], n: 6, f: 2, seed: 5, crashes: { kind: 'chain', count: 3 } });
    if (planned === null) throw new Error('no plan');
    const { inputs, crashes } = planned;
    expect(inputs.filter((v) => v === 0)).toHaveLength(1);
    expect(crashes.map((c) => c.round)).toEqual([1, 2, 3]);
    expect(inputs[crashes[0].mote]).toBe(0);
    for (let k = 0; k + 1 < crashes.length; k++) expect([...crashes[k].reach]).toEqual([crashes[k + 1].mote]);
    expect(planCrashes({ capsules: [], n: 4, f: 2, seed: 5, crashes: { kind: 'chain', count: 3 } })).toBeNull();
  });
});

describe('the consensus oracle', () => {
  const decide = (values: number[], round = 3) => values.map((value, mote) => ({ mote, value, round }));

  it('passes agreement on a proposed value right after round f + 1', () => {
    expect(consensusOracle({ inputs: [0, 1, 1], crashed: [false, false, false], f: 1, decisions: decide([0, 0, 0]) })).toEqual({ ok: true, failures: [] });
  });

  it('fails disagreement', () => {
    const v = consensusOracle({ inputs: [0, 1, 1], crashed: [false, false, false], f: 1, decisions: decide([0, 1, 1]) });
    expect(v.failures).toEqual(['agreement: the motes that did not crash decided 0 by 1, 1 by 2']);
  });

  it('fails validity when all proposed the same value and another was decided', () => {
    const v = consensusOracle({ inputs: [1, 1], crashed: [false, false], f: 0, decisions: decide([0, 0], 2) });
    expect(v.failures).toEqual(['integrity: 0 was decided but nobody proposed it', 'validity: everybody proposed 1, yet 0 was decided']);
  });

  it('fails termination: a live mote that never decides, or decides late', () => {
    const v = consensusOracle({
      inputs: [0, 0, 0],
      crashed: [false, false, true],
      f: 1,
      decisions: [{ mote: 0, value: 0, round: 4 }],
    });
    expect(v.failures).toEqual(['termination: mote 0 decided in round 4, not right after round 2', 'termination: mote 1 never decided']);
  });

  it('fails an output set twice, and ignores crashed motes', () => {
    const v = consensusOracle({ inputs: [0, 1], crashed: [false, true], f: 1, decisions: [...decide([0, 1]), { mote: 0, value: 0, round: 3 }] });
    expect(v.failures).toEqual(['integrity: mote 0 decided 2 times']);
  });
});
