// The configuration graph of the consensus capsules (issue 10, "FLP, explored"): its valency labels
// against a brute-force search on an independent model of the protocol, agreement on the graph
// without merging decided configurations, and random real runs that stay inside the graph and
// decide only values their configurations' valencies allow.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputsOf, valencyCounts } from '../../../capsules/flp/explore.js';
import { graphOf, observableKeys } from './helpers.js';
import { RawRun } from './raw-run.js';
import { referenceValencies } from './reference.js';

describe('the explored configuration graph', () => {
  for (const collapse of [true, false]) {
    it(`labels every configuration of 3 motes as the brute-force search of the reference model does (${collapse ? 'decided ones merged' : 'nothing merged'})`, () => {
      const graph = graphOf(3, collapse);
      const reference = referenceValencies(3, collapse);
      const keys = observableKeys(graph);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(reference.valency.size);
      expect(graph.edges).toBe(reference.edges);
      const mismatches = keys.filter((k, node) => reference.valency.get(k) !== graph.valency[node]);
      expect(mismatches).toEqual([]);
    });
  }

  it('never holds two decisions, and every configuration can still reach a decision', () => {
    const graph = graphOf(3, false);
    expect(graph.decided.filter((d) => d === 3)).toHaveLength(0);
    expect(valencyCounts(graph).undecidable).toBe(0);
    expect(valencyCounts(graphOf(3)).undecidable).toBe(0);
  });

  it('gives the same valency to every undecided configuration whether decided ones are merged or not', () => {
    const full = graphOf(3, false);
    const merged = graphOf(3, true);
    const keys = observableKeys(full);
    const mergedIndex = new Map(observableKeys(merged).map((k, node) => [k, node]));
    let undecided = 0;
    keys.forEach((k, node) => {
      if (full.decided[node] !== 0) return;
      undecided++;
      const twin = mergedIndex.get(k);
      expect(twin).toBeDefined();
      expect(merged.valency[twin as number]).toBe(full.valency[node]);
    });
    expect(undecided).toBe(merged.nodes.length - 2);
  });

  it('is 0-valent from all zeros and 1-valent from all ones (validity), and has bivalent initial configurations', () => {
    const graph = graphOf(3);
    const initial = graph.initial.map((node) => graph.valency[node]);
    expect(initial[0]).toBe(1);
    expect(initial[7]).toBe(2);
    expect(initial.filter((v) => v === 3).length).toBeGreaterThan(0);
    expect(inputsOf(6, 3)).toEqual([0, 1, 1]);
  });

  it('contains every configuration of random runs on plain VMs, and they decide only values their valency allows', () => {
    const graph = graphOf(3);
    const keys = observableKeys(graph);
    const nodeOf = new Map(keys.map((k, node) => [k, node]));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.array(fc.nat(), { minLength: 10, maxLength: 60 }), (bits, choices) => {
        const run = new RawRun(inputsOf(bits, 3));
        const passed: number[] = [];
        for (const choice of choices) {
          const node = nodeOf.get(run.key(true));
          expect(node).toBeDefined();
          passed.push(node as number);
          const events = run.enabled();
          if (events.length === 0) break;
          run.apply(events[choice % events.length]);
          if (!run.withinSkew()) return;
        }
        const decided = run.decisions().filter((d) => d >= 0);
        expect(new Set(decided).size).toBeLessThanOrEqual(1);
        for (const d of decided) for (const node of passed) expect(graph.valency[node] & (1 << d)).not.toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
