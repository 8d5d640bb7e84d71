// How far across a network is, seen from one mote: hop counts over the radio's link table
// (sim/radio/link-table.ts). The Trickle paper's figure legends give "the expected number of
// transmissions necessary to get from corner to corner, considering loss" (Levis et al., NSDI 2004,
// section 5): that is `etxAcross`, the shortest path with each link costing 1/PRR. `hopsAcross` is the
// plain hop count over links good enough to matter.

import type { LinkTable } from '../../sim/radio/link-table.js';

/**
 * Links below this reception rate do not count as hops: they deliver fewer than one packet in five.
 * Every 20 x 20 empirical grid from 5 to 20 ft spacing stays connected over the rest.
 */
export const HOP_MIN_PRR = 0.2;

/** The most hops (breadth first, links with PRR >= minPrr) from `from` to any mote it reaches; -1 if some mote is unreachable. */
export function hopsAcross(links: LinkTable, from: number, minPrr = HOP_MIN_PRR): number {
  const hops = new Int32Array(links.n).fill(-1);
  const queue = new Int32Array(links.n);
  hops[from] = 0;
  queue[0] = from;
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    const u = queue[head];
    for (let k = links.offsets[u]; k < links.offsets[u + 1]; k++) {
      const v = links.neighbours[k];
      if (hops[v] < 0 && links.prr[k] >= minPrr) {
        hops[v] = hops[u] + 1;
        queue[tail++] = v;
      }
    }
  }
  return tail < links.n ? -1 : Math.max(...hops);
}

/**
 * The largest, over motes, of the expected transmissions from `from` along the best path (Dijkstra,
 * link cost 1/PRR); Infinity if some mote is unreachable. O(n^2): meant for the few hundred motes of
 * the benchmarks.
 */
export function etxAcross(links: LinkTable, from: number): number {
  const n = links.n;
  const cost = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  cost[from] = 0;
  let farthest = 0;
  for (let round = 0; round < n; round++) {
    let u = -1;
    for (let v = 0; v < n; v++) if (done[v] === 0 && (u < 0 || cost[v] < cost[u])) u = v;
    if (cost[u] === Infinity) return Infinity;
    done[u] = 1;
    farthest = cost[u];
    for (let k = links.offsets[u]; k < links.offsets[u + 1]; k++) {
      const v = links.neighbours[k];
      const through = cost[u] + 1 / links.prr[k];
      if (through < cost[v]) cost[v] = through;
    }
  }
  return farthest;
}
