// Who hears whom on the tick network, and the graph figures the algorithms are judged against
// (diameter for FloodMax's rounds, connectivity for the snapshot's "a path between every pair"),
// and random layouts redrawn until they are connected (issue 17).

import type { Topology } from '../world/topology.js';

/** A random layout is redrawn at most this many times looking for a connected one. */
export const MAX_REDRAWS = 1000;

/** Outgoing neighbours (mote indices) of every mote. */
export type Adjacency = readonly (readonly number[])[];

/** 1.5 x the 10 ft default spacing: a grid mote hears its eight surrounding motes, a line or ring its two. */
export const DEFAULT_RANGE_FT = 15;

/**
 * Neighbours on a topology: explicit links (prr > 0) when a file gives them, every pair in a clique,
 * otherwise every mote within `rangeFt` feet (a unit-disk radio, both directions).
 */
export function adjacency(topology: Topology, rangeFt = DEFAULT_RANGE_FT): number[][] {
  const n = topology.n;
  const out: number[][] = Array.from({ length: n }, () => []);
  if (topology.links !== undefined) {
    for (const link of topology.links) if (link.prr > 0 && !out[link.src].includes(link.dst)) out[link.src].push(link.dst);
  } else {
    const r2 = rangeFt * rangeFt;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = topology.x[i] - topology.x[j];
        const dy = topology.y[i] - topology.y[j];
        if (topology.clique || dx * dx + dy * dy <= r2 + 1e-9) {
          out[i].push(j);
          out[j].push(i);
        }
      }
    }
  }
  for (const list of out) list.sort((a, b) => a - b);
  return out;
}

/** A unidirectional ring: mote i sends to i + 1, the last to the first (a ring of one sends to itself). */
export function ring(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => [(i + 1) % n]);
}

/** Hop distances from `from` over live motes (-1: unreachable). */
export function hops(out: Adjacency, from: number, alive: readonly boolean[] = []): Int32Array {
  const dist = new Int32Array(out.length).fill(-1);
  if (alive[from] === false) return dist;
  dist[from] = 0;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const v of out[u]) {
      if (dist[v] >= 0 || alive[v] === false) continue;
      dist[v] = dist[u] + 1;
      queue.push(v);
    }
  }
  return dist;
}

/** Largest hop distance between live motes; -1 when some live mote cannot reach another. */
export function diameter(out: Adjacency, alive: readonly boolean[] = []): number {
  let worst = 0;
  for (let i = 0; i < out.length; i++) {
    if (alive[i] === false) continue;
    const dist = hops(out, i, alive);
    for (let j = 0; j < out.length; j++) {
      if (alive[j] === false) continue;
      if (dist[j] < 0) return -1;
      worst = Math.max(worst, dist[j]);
    }
  }
  return worst;
}

/**
 * Component of every mote over two-way reachability on a symmetric graph (-1: dead), numbered
 * 0, 1, ... in order of their lowest mote.
 */
export function components(out: Adjacency, alive: readonly boolean[] = []): { of: Int32Array; count: number } {
  const of = new Int32Array(out.length).fill(-1);
  const queue = new Int32Array(out.length);
  let count = 0;
  for (let i = 0; i < out.length; i++) {
    if (of[i] >= 0 || alive[i] === false) continue;
    of[i] = count;
    queue[0] = i;
    for (let head = 0, tail = 1; head < tail; head++) {
      for (const v of out[queue[head]]) {
        if (of[v] >= 0 || alive[v] === false) continue;
        of[v] = count;
        queue[tail++] = v;
      }
    }
    count++;
  }
  return { of, count };
}

/** Largest hop distance inside any one component of live motes (0 when no mote hears another). */
export function componentDiameter(out: Adjacency, alive: readonly boolean[] = []): number {
  let worst = 0;
  for (let i = 0; i < out.length; i++) {
    if (alive[i] === false) continue;
    for (const d of hops(out, i, alive)) worst = Math.max(worst, d);
  }
  return worst;
}

/**
 * The first of draw(0), draw(1), ... whose motes are connected within `rangeFt`, and how many
 * draws were thrown away; undefined when none of the first `maxDraws + 1` is.
 */
export function firstConnected(
  draw: (k: number) => Topology,
  rangeFt = DEFAULT_RANGE_FT,
  maxDraws = MAX_REDRAWS,
): { topology: Topology; redraws: number } | undefined {
  for (let k = 0; k <= maxDraws; k++) {
    const topology = draw(k);
    if (components(adjacency(topology, rangeFt)).count <= 1) return { topology, redraws: k };
  }
  return undefined;
}
