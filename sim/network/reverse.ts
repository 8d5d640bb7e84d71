// The link table turned around: for each mote, the motes it hears (senders of links into it), in
// ascending id order. Built once, on first use (the VM's `nbr` instructions, INCOMING direction).

import type { LinkTable } from '../radio/link-table.js';

export interface ReverseLinks {
  readonly start: Uint32Array;
  readonly from: Uint32Array;
}

export function reverseLinks(links: LinkTable): ReverseLinks {
  const { n, offsets, neighbours } = links;
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < neighbours.length; k++) start[neighbours[k] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const from = new Uint32Array(neighbours.length);
  // Senders in ascending order, so each receiver's list comes out sorted.
  for (let u = 0; u < n; u++) for (let k = offsets[u]; k < offsets[u + 1]; k++) from[fill[neighbours[k]]++] = u;
  return { start, from };
}
