// Where a Maté `send` goes: a shortest-path tree toward the base station (mote 0) by expected
// transmissions (ETX = 1 / reception rate, links of rate 0.1 or more), the metric the TinyOS 1.x
// multihop router (MintRoute) used. Built once, on the first routed send; routes do not adapt to
// faults (a crashed parent swallows its children's messages, as a stale tree would).

import { EventQueue } from '../core/event-queue.js';
import type { World } from './world.js';

const MIN_PRR = 0.1;

/** m's next hop toward mote 0, or -1 when it has none. */
export function parentOf(w: World, m: number): number {
  if (w.parent === undefined) w.parent = buildTree(w);
  return w.parent[m];
}

/** Dijkstra from mote 0 over reversed links: dist[u] = min over links u -> v of ETX(u, v) + dist[v]. */
function buildTree(w: World): Int32Array {
  const { n, offsets, neighbours, prr } = w.links;
  // Reverse CSR: for each v, the links u -> v (as indices into the forward table).
  const inStart = new Uint32Array(n + 1);
  for (let k = 0; k < neighbours.length; k++) if (prr[k] >= MIN_PRR) inStart[neighbours[k] + 1]++;
  for (let v = 0; v < n; v++) inStart[v + 1] += inStart[v];
  const fill = inStart.slice(0, n);
  const inFrom = new Uint32Array(inStart[n]);
  const inLink = new Uint32Array(inStart[n]);
  for (let u = 0; u < n; u++) {
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      if (prr[k] < MIN_PRR) continue;
      const at = fill[neighbours[k]]++;
      inFrom[at] = u;
      inLink[at] = k;
    }
  }
  const dist = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const heap = new EventQueue(64);
  if (n === 0) return parent;
  dist[0] = 0;
  heap.push(0, 0, 0, 0);
  while (heap.pop()) {
    const v = heap.target;
    if (done[v] === 1) continue;
    done[v] = 1;
    for (let i = inStart[v]; i < inStart[v + 1]; i++) {
      const u = inFrom[i];
      const d = dist[v] + 1 / prr[inLink[i]];
      if (d < dist[u]) {
        dist[u] = d;
        parent[u] = v;
        heap.push(d, 0, u, 0);
      }
    }
  }
  return parent;
}
