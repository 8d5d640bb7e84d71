// Random connected topologies for the dissemination tests: a random spanning tree plus extra edges,
// each direction with its own loss probability, and the hop count from a mote to the farthest one.

import fc from 'fast-check';

export interface Topology {
  readonly n: number;
  /** Directed links [from, to, loss]. */
  readonly links: [number, number, number][];
  readonly seed: number;
}

/** n motes in 2..maxN, connected through a random tree, with losses in [0, maxLoss]. */
export function topology(maxN: number, maxLoss: number): fc.Arbitrary<Topology> {
  return fc.integer({ min: 2, max: maxN }).chain((n) =>
    fc
      .record({
        parents: fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
        extra: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n }),
        losses: fc.array(fc.double({ min: 0, max: maxLoss, noNaN: true }), { minLength: 1, maxLength: 8 }),
        seed: fc.integer({ min: 0, max: 0x7fff_ffff }),
      })
      .map(({ parents, extra, losses, seed }) => {
        const edges: [number, number][] = parents.map((p, i) => [i + 1, p % (i + 1)]);
        for (const [a, b] of extra) if (a !== b) edges.push([a, b]);
        const links: [number, number, number][] = [];
        edges.forEach(([a, b], i) => {
          links.push([a, b, losses[(2 * i) % losses.length]]);
          links.push([b, a, losses[(2 * i + 1) % losses.length]]);
        });
        return { n, links, seed };
      }),
  );
}

/** Hops from `from` to the farthest mote (breadth-first over the links). */
export function eccentricity(t: Topology, from: number): number {
  const dist = new Array<number>(t.n).fill(-1);
  dist[from] = 0;
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const a = queue[q];
    for (const [x, y] of t.links) {
      if (x === a && dist[y] < 0) {
        dist[y] = dist[a] + 1;
        queue.push(y);
      }
    }
  }
  return Math.max(...dist);
}
