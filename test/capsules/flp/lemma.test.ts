// The lecture's first lemma on the explored graph (seed, backup slides "Some initial configuration
// is bivalent"): the chain of initial configurations, its bivalent member and the two neighbours,
// and the argument's crash: the mote whose input differs crashes first, and both sides meet.

import { describe, expect, it } from 'vitest';
import { applyEvent, initialConfiguration } from '../../../capsules/flp/configuration.js';
import { nodeOf } from '../../../capsules/flp/explore.js';
import { bivalentInitial } from '../../../capsules/flp/lemma.js';
import { graphOf } from './helpers.js';

describe('the bivalent initial configuration', () => {
  it('of 3 motes is 110, between the 0-valent 100 and the 1-valent 111', () => {
    const lemma = bivalentInitial(graphOf(3));
    expect(lemma).not.toBeNull();
    if (lemma === null) return;
    expect(lemma.chain.map((c) => `${c.inputs.join('')} ${c.valency}`)).toEqual(['000 0-valent', '100 0-valent', '110 bivalent', '111 1-valent']);
    expect(lemma.bivalent.inputs).toEqual([1, 1, 0]);
    expect(lemma.neighbours).toEqual([
      { inputs: [1, 0, 0], valency: '0-valent', mote: 1, silentValency: '0-valent' },
      { inputs: [1, 1, 1], valency: '1-valent', mote: 2, silentValency: '1-valent' },
    ]);
  });

  it('has neighbours that differ from it in exactly the input of the mote named', () => {
    const lemma = bivalentInitial(graphOf(3));
    if (lemma === null) throw new Error('no bivalent initial configuration');
    for (const n of lemma.neighbours) {
      const differ = n.inputs.flatMap((x, i) => (x === lemma.bivalent.inputs[i] ? [] : [i]));
      expect(differ).toEqual([n.mote]);
    }
  });

  it('and each neighbour reach one configuration when the mote whose input differs crashes first', () => {
    const graph = graphOf(3);
    const lemma = bivalentInitial(graph);
    if (lemma === null) throw new Error('no bivalent initial configuration');
    for (const n of lemma.neighbours) {
      const meet = [lemma.bivalent.inputs, n.inputs].map((inputs) => {
        const after = applyEvent(graph.machine, initialConfiguration(graph.machine, inputs), { kind: 'crash', mote: n.mote });
        return after === null ? undefined : nodeOf(graph, after);
      });
      expect(meet[0]).toBeDefined();
      expect(meet[0]).toBe(meet[1]);
    }
  });
});
