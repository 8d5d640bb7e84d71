// Neighbours on a topology for the tick network, and the diameter FloodMax runs for.

import { describe, expect, it } from 'vitest';
import { adjacency, diameter, hops, ring } from '../../sim/algo/graph.js';
import { parseTopologySpec, type Topology } from '../../sim/world/topology.js';
import { parseTopologyFile } from '../../sim/world/topology-file.js';

function topology(spec: string): Topology {
  const r = parseTopologySpec(spec, { seed: 1 });
  if (!r.ok) throw new Error(r.error);
  return r.topology;
}

describe('graphs for the algorithms', () => {
  it('gives a grid mote its eight surrounding motes at the default 15 ft range', () => {
    const out = adjacency(topology('grid:3x3'));
    expect(out[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(out[0]).toEqual([1, 3, 4]);
  });

  it('gives a ring mote its two neighbours and a clique mote everyone', () => {
    expect(adjacency(topology('ring:6'))[0]).toEqual([1, 5]);
    expect(adjacency(topology('clique:4'))[2]).toEqual([0, 1, 3]);
  });

  it('takes the links of a topology file as one-way neighbours, dropping links that never deliver', () => {
    const r = parseTopologyFile('link 0 1 0.5\nlink 1 2 1\nlink 2 0 0\n', 'f');
    if (!r.ok) throw new Error(r.error);
    expect(adjacency(r.topology)).toEqual([[1], [2], []]);
  });

  it('measures hops and the diameter over live motes, -1 when they are cut apart', () => {
    const line = adjacency(topology('line:5'));
    expect(Array.from(hops(line, 0))).toEqual([0, 1, 2, 3, 4]);
    expect(diameter(line)).toBe(4);
    expect(diameter(line, [true, true, false, true, true])).toBe(-1);
    expect(diameter(adjacency(topology('grid:10x10')))).toBe(9);
    expect(diameter(ring(5))).toBe(4);
  });
});
