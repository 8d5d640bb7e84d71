// The adversary of the FLP proof on the explored graph (seed, backup slides; FLP Lemma 3): a fair,
// failure-free schedule of any length in which every configuration is bivalent, holding back the
// critical message each time delivering it would decide the run. Replayed on plain VMs, nobody decides.

import { describe, expect, it } from 'vitest';
import { bivalentSchedule } from '../../../capsules/flp/adversary.js';
import { initialConfiguration } from '../../../capsules/flp/configuration.js';
import { bivalentInitial } from '../../../capsules/flp/lemma.js';
import { graphOf } from './helpers.js';
import { RawRun } from './raw-run.js';

const STEPS = 400;

function schedule(motes: number, steps: number): ReturnType<typeof bivalentSchedule> & { inputs: readonly number[] } {
  const graph = graphOf(motes);
  const lemma = bivalentInitial(graph);
  if (lemma === null) throw new Error('no bivalent initial configuration');
  return { ...bivalentSchedule(graph, initialConfiguration(graph.machine, lemma.bivalent.inputs), steps), inputs: lemma.bivalent.inputs };
}

describe('the adversary', () => {
  it('keeps 3 motes bivalent for as many steps as asked, holding critical messages back', () => {
    const run = schedule(3, STEPS);
    expect(run.stuck).toBeUndefined();
    expect(run.steps).toHaveLength(STEPS);
    expect(run.steps.every((s) => s.valency === 'bivalent')).toBe(true);
    expect(run.heldBack).toBeGreaterThan(STEPS / 10);
    expect(run.steps.filter((s) => s.holdsBack !== undefined)).toHaveLength(run.heldBack);
    expect(Math.min(...run.last.step)).toBeGreaterThan(STEPS / 5);
  });

  it('writes a schedule that, replayed on plain VMs, never decides and keeps every message moving', () => {
    const run = schedule(3, STEPS);
    const raw = new RawRun(run.inputs);
    const waiting = new Map<string, number>();
    run.steps.forEach((s, k) => {
      if (s.event === 'start') raw.apply({ kind: 'start', mote: s.mote });
      else {
        const m = s.message;
        const index = raw.messages.findIndex((x) => x.src === s.from && x.dst === s.mote && x.step === m?.step && x.value === m?.value);
        if (s.stale) expect(m === undefined || m.step < raw.steps[s.mote]).toBe(true);
        if (index >= 0) raw.apply({ kind: 'deliver', index });
        else expect(s.stale).toBe(true);
      }
      expect(raw.withinSkew()).toBe(true);
      expect(raw.decisions()).toEqual([-1, -1, -1]);
      for (const m of raw.messages) {
        const id = `${m.src}>${m.dst}@${m.step}`;
        if (!waiting.has(id)) waiting.set(id, k);
        if (m.step >= raw.steps[m.dst]) expect(k - (waiting.get(id) as number)).toBeLessThan(12);
      }
    });
  });

  it('keeps 4 motes bivalent too', { timeout: 120_000 }, () => {
    const run = schedule(4, 120);
    expect(run.stuck).toBeUndefined();
    expect(run.steps.every((s) => s.valency === 'bivalent')).toBe(true);
    expect(run.heldBack).toBeGreaterThan(0);
  });
});
