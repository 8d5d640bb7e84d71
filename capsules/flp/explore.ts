// Every reachable configuration of the consensus capsules, from every initial configuration (each
// vector of binary inputs), and each one's valency as the lecture's proof defines it: the set V of
// decision values reachable from it; |V| = 2 bivalent, V = {v} v-valent (seed, backup slides "Easier
// Consensus Problem"). Breadth-first over canonical keys (configuration.ts), then V by two backward
// sweeps over the reversed graph, one from the configurations where 0 is decided and one for 1.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import {
  applyEvent, configurationKey, decisionsOf, enabledEvents, initialConfiguration, type Configuration,
} from './configuration.js';
import { MoteMachine } from './mote-machine.js';

export const MIN_MOTES = 3;
export const MAX_MOTES = 4;

export interface ExploreOptions {
  readonly capsules: readonly Capsule[];
  readonly motes: number;
  /** Merge the configurations where some mote decided v into one (default true; configuration.ts). */
  readonly collapse?: boolean;
  readonly profile?: CostProfile;
}

/** Valency bits: 1 = 0 reachable, 2 = 1 reachable; 3 bivalent; 0 when no decision is reachable. */
export type Valency = 0 | 1 | 2 | 3;

export interface ConfigurationGraph {
  readonly motes: number;
  readonly machine: MoteMachine;
  readonly collapse: boolean;
  /** A concrete configuration of each node (its motes named; others differ by a renaming). */
  readonly nodes: Configuration[];
  readonly index: Map<string, number>;
  /** Distinct successors of each node. */
  readonly successors: Int32Array[];
  readonly edges: number;
  /** Decision values present in each node (bits as in Valency). */
  readonly decided: Uint8Array;
  readonly valency: Uint8Array;
  /** Node of the initial configuration of each input vector, indexed by its bits (mote i = bit i). */
  readonly initial: number[];
}

export function inputsOf(bits: number, motes: number): number[] {
  return Array.from({ length: motes }, (_, i) => (bits >> i) & 1);
}

export function explore(options: ExploreOptions): ConfigurationGraph {
  const { motes } = options;
  const collapse = options.collapse ?? true;
  const machine = new MoteMachine(options.capsules, motes, options.profile);
  const nodes: Configuration[] = [];
  const index = new Map<string, number>();
  const successors: Int32Array[] = [];
  const decidedList: number[] = [];
  const queue: number[] = [];
  const visit = (c: Configuration): number => {
    const key = configurationKey(machine, c, collapse);
    let id = index.get(key);
    if (id === undefined) {
      id = nodes.length;
      index.set(key, id);
      nodes.push(c);
      decidedList.push(decisionsOf(machine, c));
      queue.push(id);
    }
    return id;
  };
  const initial: number[] = [];
  for (let bits = 0; bits < 1 << motes; bits++) initial.push(visit(initialConfiguration(machine, inputsOf(bits, motes))));
  let edges = 0;
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    const c = nodes[id];
    const next = new Set<number>();
    if (!(collapse && decidedList[id] !== 0)) {
      for (const e of enabledEvents(machine, c, true)) {
        const after = applyEvent(machine, c, e);
        if (after !== null) next.add(visit(after));
      }
    }
    successors[id] = Int32Array.from(next);
    edges += next.size;
  }
  const decided = Uint8Array.from(decidedList);
  return { motes, machine, collapse, nodes, index, successors, edges, decided, valency: valencies(successors, decided), initial };
}

/** V of every node: a backward sweep from the nodes where 0 is decided, and one for 1. */
function valencies(successors: readonly Int32Array[], decided: Uint8Array): Uint8Array {
  const n = successors.length;
  const count = new Int32Array(n + 1);
  for (const list of successors) for (const j of list) count[j + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const predecessors = new Int32Array(count[n]);
  const fill = count.slice(0, n);
  successors.forEach((list, i) => {
    for (const j of list) predecessors[fill[j]++] = i;
  });
  const valency = new Uint8Array(n);
  const stack = new Int32Array(n);
  for (const bit of [1, 2]) {
    let top = 0;
    for (let i = 0; i < n; i++) {
      if (decided[i] & bit) {
        valency[i] |= bit;
        stack[top++] = i;
      }
    }
    while (top > 0) {
      const j = stack[--top];
      for (let k = count[j]; k < count[j + 1]; k++) {
        const i = predecessors[k];
        if (!(valency[i] & bit)) {
          valency[i] |= bit;
          stack[top++] = i;
        }
      }
    }
  }
  return valency;
}

/** The node of any configuration reachable in the graph; undefined if it is not (a bug or another protocol). */
export function nodeOf(graph: ConfigurationGraph, c: Configuration): number | undefined {
  return graph.index.get(configurationKey(graph.machine, c, graph.collapse));
}

export function valencyName(v: number): string {
  return v === 3 ? 'bivalent' : v === 1 ? '0-valent' : v === 2 ? '1-valent' : 'no decision reachable';
}

/** How many nodes of each valency. */
export function valencyCounts(graph: ConfigurationGraph): { zeroValent: number; oneValent: number; bivalent: number; undecidable: number } {
  const counts = [0, 0, 0, 0];
  for (const v of graph.valency) counts[v]++;
  return { zeroValent: counts[1], oneValent: counts[2], bivalent: counts[3], undecidable: counts[0] };
}
