// Shared shapes for the FLP tests: the shipped capsules of capsules/flp/, explored graphs cached per
// shape (3 motes take well under a second), and the observable key: a configuration written from what
// the protocol's variables say (MoteView), so that the explorer, raw VM runs and the reference model
// can be compared without sharing the explorer's own canonical keys.

import { explore, type ConfigurationGraph } from '../../../capsules/flp/explore.js';
import type { MoteView } from '../../../capsules/flp/protocol.js';
import type { Capsule } from '../../../vm/capsule.js';
import { shipped } from '../../algo/helpers.js';

/** The shipped capsules of capsules/flp/, assembled once (test/algo/helpers.ts caches them). */
export function flpCapsules(): Capsule[] {
  return shipped('flp');
}

const graphs = new Map<string, ConfigurationGraph>();

export function graphOf(motes: number, collapse = true): ConfigurationGraph {
  const key = `${motes}${collapse}`;
  let g = graphs.get(key);
  if (g === undefined) {
    g = explore({ capsules: flpCapsules(), motes, collapse });
    graphs.set(key, g);
  }
  return g;
}

/** A mote as the observable key sees it: its protocol variables, with an absolute step. */
export type Observed = Omit<MoteView, 'counts'> & { readonly counts: readonly (readonly number[])[] };

export interface ObservedMessage {
  readonly dst: number;
  readonly step: number;
  readonly value: number;
}

/**
 * The configuration as a string: "decided v" once someone decided (with collapse); else, per mote,
 * started/input/step/value/decision/counts and the messages waiting for it (stale ones and those to
 * a crashed mote left out), steps from the smallest live one rounded down to even, motes sorted.
 */
export function observableKey(motes: readonly Observed[], crashed: number, messages: readonly ObservedMessage[], collapse: boolean): string {
  if (collapse) {
    const decided = motes.find((m) => m.decision >= 0);
    if (decided !== undefined) return `decided ${decided.decision}`;
  }
  let base = Infinity;
  motes.forEach((m, i) => {
    if (i !== crashed) base = Math.min(base, m.step);
  });
  base -= base & 1;
  const inbox: number[][] = motes.map(() => []);
  for (const m of messages) {
    if (m.dst !== crashed && m.step >= motes[m.dst].step) inbox[m.dst].push((m.step - base) * 4 + m.value);
  }
  return motes
    .map((m, i) => {
      if (i === crashed) return `x${m.decision}`;
      const state = [m.started ? 1 : 0, m.input, m.step - base, m.value, m.decision, m.counts.flat().join('')].join('/');
      return `${state}<${inbox[i].sort((a, b) => a - b).join(',')}`;
    })
    .sort()
    .join('|');
}

/** The observable key of every node of an explored graph, in node order. */
export function observableKeys(graph: ConfigurationGraph): string[] {
  return graph.nodes.map((c) => {
    const motes = c.local.map((local, i) => ({ ...graph.machine.view(local), step: c.step[i] }));
    return observableKey(motes, c.crashed, c.messages, graph.collapse);
  });
}
