// The radio the algorithms run over on the full emulator: SPEC 5's `perfect` model (every link within
// range delivers, no collisions), with the tick network's range (graph.ts) so both networks give each
// mote the same neighbours; or, for a ring, exactly the ring's one-way links. The lecture's models
// assume reliable channels; loss and collisions are the emulator's other experiments.

import { buildFromLinks } from '../../radio/link-table.js';
import { buildRadio, type Radio } from '../../radio/models.js';
import type { Link, Topology } from '../../world/topology.js';
import { DEFAULT_RANGE_FT } from '../graph.js';

/** Every pair within `rangeFt` (every pair in a clique) hears the other, always. */
export function perfectRadio(topology: Topology, seed: number, rangeFt = DEFAULT_RANGE_FT): Radio {
  const built = buildRadio(topology, { model: 'perfect', range: rangeFt, seed });
  if (!built.ok) throw new Error(built.error); // generated topologies always have positions
  return built.radio;
}

/** A unidirectional ring through the motes in `order`: order[p] hears nobody but order[p - 1]. */
export function ringRadio(order: readonly number[]): { topology: Topology; radio: Radio } {
  const n = order.length;
  const links: Link[] = order.map((src, p) => ({ src, dst: order[(p + 1) % n], prr: 1 }));
  const built = buildFromLinks(n, links);
  if (!built.ok) throw new Error(built.error);
  const topology: Topology = {
    kind: 'file',
    description: `one-way ring of ${n}`,
    n,
    x: new Float64Array(n),
    y: new Float64Array(n),
    positioned: false,
    clique: false,
    links,
  };
  return { topology, radio: { model: 'file', collisions: false, links: built.table, description: `one-way ring of ${n}, no loss` } };
}
