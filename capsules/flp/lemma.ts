// The lecture's first lemma, "some initial configuration is bivalent" (seed, backup slides; FLP
// Lemma 2), on the explored graph. Line the initial configurations up so that neighbours differ in
// one mote's input, from all zeros (0-valent by validity) to all ones (1-valent): somewhere along
// the chain the valency changes. Were two neighbours 0-valent and 1-valent, the mote whose input
// differs could crash before its first step; the rest cannot tell the two apart, so the same
// configuration would be reachable from both, and its valency would be both {0} and {1}. So one of
// the chain is bivalent. The report shows that chain, the bivalent configuration, its two
// neighbours, and for each neighbour the configuration both reach when that mote crashes at once.

import { applyEvent, initialConfiguration } from './configuration.js';
import { nodeOf, valencyName, type ConfigurationGraph } from './explore.js';

export interface InitialConfiguration {
  readonly inputs: readonly number[];
  readonly valency: string;
}

export interface Neighbour extends InitialConfiguration {
  /** The mote whose input differs from the bivalent configuration's. */
  readonly mote: number;
  /** Valency of the configuration both reach when that mote crashes before its first step. */
  readonly silentValency: string;
}

export interface BivalentInitial {
  /** all zeros, then the inputs of motes 0, 1, ... turned to 1 one at a time. */
  readonly chain: InitialConfiguration[];
  /** Its index in the chain. */
  readonly at: number;
  readonly bivalent: InitialConfiguration;
  readonly neighbours: Neighbour[];
}

function valencyOfInputs(graph: ConfigurationGraph, inputs: readonly number[]): number {
  const bits = inputs.reduce((b, x, i) => b | (x << i), 0);
  return graph.valency[graph.initial[bits]];
}

/** The first bivalent configuration of the chain; null when there is none (the lemma would be false). */
export function bivalentInitial(graph: ConfigurationGraph): BivalentInitial | null {
  const n = graph.motes;
  const chain = Array.from({ length: n + 1 }, (_, k) => {
    const inputs = Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
    return { inputs, valency: valencyName(valencyOfInputs(graph, inputs)) };
  });
  const at = chain.findIndex((c) => valencyOfInputs(graph, c.inputs) === 3);
  if (at < 0) return null;
  const neighbours = [at - 1, at + 1]
    .filter((k) => k >= 0 && k <= n)
    .map((k) => {
      const mote = Math.min(k, at);
      return { ...chain[k], mote, silentValency: valencyName(silentValency(graph, chain[k].inputs, mote)) };
    });
  return { chain, at, bivalent: chain[at], neighbours };
}

/** Valency of the configuration reached when `mote` crashes before anyone takes a step. */
function silentValency(graph: ConfigurationGraph, inputs: readonly number[], mote: number): number {
  const crashed = applyEvent(graph.machine, initialConfiguration(graph.machine, inputs), { kind: 'crash', mote });
  const node = crashed === null ? undefined : nodeOf(graph, crashed);
  return node === undefined ? 0 : graph.valency[node];
}
