// Where the motes are: positions in feet for the generated layouts (grid, line, ring, clique, random),
// the shapes of the Trickle paper's experiments (SPEC 8: 20 x 20 grids at 5-20 ft; a single cell).

import { namedStream } from '../core/rng.js';

export type TopologyKind = 'grid' | 'line' | 'ring' | 'clique' | 'random' | 'file';

/** An explicit directed link from a topology file: `src` is heard by `dst` with reception rate `prr`. */
export interface Link {
  readonly src: number;
  readonly dst: number;
  readonly prr: number;
}

export interface Topology {
  readonly kind: TopologyKind;
  /** One line for humans, e.g. "grid 20x20, 10 ft spacing". */
  readonly description: string;
  readonly n: number;
  /** Positions in feet; all 0 when `positioned` is false. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** False only for a file that gives links and no positions. */
  readonly positioned: boolean;
  /** One cell: the radio treats every pair as in range whatever the distance. */
  readonly clique: boolean;
  /** Explicit links (file topologies); the `file` radio model uses them as the whole link table. */
  readonly links?: readonly Link[];
}

export type TopologyResult = { ok: true; topology: Topology } | { ok: false; error: string };

export interface TopologyOptions {
  /** Feet between neighbours in grid, line and ring layouts; default DEFAULT_SPACING_FT. */
  readonly spacing?: number;
  /** Side in feet of the square `random` scatters over; default spacing x ceil(sqrt(N)), a grid's density. */
  readonly area?: number;
  /** Seeds the `random` layout (stream "topology"). */
  readonly seed: number;
  /** Which `random` layout of the seed: draw 0 (the default) from stream "topology", draw k > 0 from "topology/k". */
  readonly draw?: number;
}

/** 10 ft, one of the Trickle paper's grid spacings (SPEC 8). */
export const DEFAULT_SPACING_FT = 10;
/** Enough for experiments at the million-mote scale the radio builder is sized for; more is a typo. */
export const MAX_MOTES = 10_000_000;
/** Clique motes sit on a circle this wide, so every pair is closer than 2 ft (the empirical 2 ft row). */
const CLIQUE_DIAMETER_FT = 1.8;

function positioned(kind: TopologyKind, description: string, x: Float64Array, y: Float64Array, clique = false): Topology {
  return { kind, description, n: x.length, x, y, positioned: true, clique };
}

function grid(w: number, h: number, spacing: number): Topology {
  const n = w * h;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  // Row-major from mote 0 at the corner (0, 0).
  for (let i = 0; i < n; i++) {
    x[i] = (i % w) * spacing;
    y[i] = Math.floor(i / w) * spacing;
  }
  return positioned('grid', `grid ${w}x${h}, ${spacing} ft spacing`, x, y);
}

function line(n: number, spacing: number): Topology {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i * spacing;
  return positioned('line', `line of ${n}, ${spacing} ft spacing`, x, new Float64Array(n));
}

/** n points evenly spaced on a circle of `radius` feet around (0, 0), mote 0 at angle 0. */
function circle(n: number, radius: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    x[i] = radius * Math.cos(a);
    y[i] = radius * Math.sin(a);
  }
  return { x, y };
}

function ring(n: number, spacing: number): Topology {
  // A chord of `spacing` between neighbours: spacing = 2 r sin(pi / n).
  const radius = n === 1 ? 0 : spacing / (2 * Math.sin(Math.PI / n));
  const { x, y } = circle(n, radius);
  return positioned('ring', `ring of ${n}, ${spacing} ft between neighbours`, x, y);
}

function clique(n: number): Topology {
  const { x, y } = circle(n, CLIQUE_DIAMETER_FT / 2);
  return positioned('clique', `clique of ${n} (one cell)`, x, y, true);
}

function random(n: number, side: number, seed: number, draw: number): Topology {
  const rng = namedStream(seed, draw === 0 ? 'topology' : `topology/${draw}`);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  // Mote i's position is the i-th pair of draws, so random:N+1 keeps the first N positions.
  for (let i = 0; i < n; i++) {
    x[i] = rng.float() * side;
    y[i] = rng.float() * side;
  }
  const redrawn = draw === 0 ? '' : `, draw ${draw}`;
  return positioned('random', `random ${n} in ${side} x ${side} ft, seed ${seed}${redrawn}`, x, y);
}

function count(text: string): number | undefined {
  if (!/^[1-9][0-9]*$/.test(text)) return undefined;
  const v = Number(text);
  return v <= MAX_MOTES ? v : undefined;
}

function fail(error: string): TopologyResult {
  return { ok: false, error };
}

/** Parses `grid:WxH`, `line:N`, `ring:N`, `clique:N` or `random:N`; file topologies use parseTopologyFile. */
export function parseTopologySpec(spec: string, opts: TopologyOptions): TopologyResult {
  const spacing = opts.spacing ?? DEFAULT_SPACING_FT;
  if (!(spacing > 0 && Number.isFinite(spacing))) return fail(`spacing must be a positive number of feet, got ${spacing}`);
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const arg = colon < 0 ? '' : spec.slice(colon + 1);
  const usage = `topology "${spec}": expected grid:WxH, line:N, ring:N, clique:N or random:N`;
  if (kind === 'grid') {
    const m = /^([0-9]+)x([0-9]+)$/.exec(arg);
    const w = m ? count(m[1]) : undefined;
    const h = m ? count(m[2]) : undefined;
    if (w === undefined || h === undefined) return fail(`topology "${spec}": grid needs WxH with W, H from 1 to ${MAX_MOTES}`);
    if (w * h > MAX_MOTES) return fail(`topology "${spec}": ${w * h} motes is more than ${MAX_MOTES}`);
    return { ok: true, topology: grid(w, h, spacing) };
  }
  if (kind !== 'line' && kind !== 'ring' && kind !== 'clique' && kind !== 'random') return fail(usage);
  const n = count(arg);
  if (n === undefined) return fail(`topology "${spec}": ${kind} needs a mote count from 1 to ${MAX_MOTES}`);
  if (kind === 'line') return { ok: true, topology: line(n, spacing) };
  if (kind === 'ring') return { ok: true, topology: ring(n, spacing) };
  if (kind === 'clique') return { ok: true, topology: clique(n) };
  const side = opts.area ?? spacing * Math.ceil(Math.sqrt(n));
  if (!(side > 0 && Number.isFinite(side))) return fail(`area must be a positive side length in feet, got ${side}`);
  const draw = opts.draw ?? 0;
  if (!(Number.isInteger(draw) && draw >= 0)) return fail(`draw must be a whole number, got ${draw}`);
  return { ok: true, topology: random(n, side, opts.seed, draw) };
}
