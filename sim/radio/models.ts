// Radio link models (SPEC 5, "Radio models"): each turns a topology into a fixed per-directed-link
// reception-rate table for the run. Collisions are not decided here: the simulator adds them on top
// (overlap at a receiver) for every model whose `collisions` flag is set.
//
//   perfect    rate 1 to everyone within `range` (default 20 ft); no loss and no collisions.
//   disk       rate 1 within `range` (default 20 ft), collisions on: the unit-disk model.
//   empirical  Woo et al.'s loss-by-distance table, one draw per directed pair (sim/radio/empirical.ts).
//   file       the topology file's explicit links, rates as given.
//   tossim     TOSSIM 1.x's bit-level lossy radio and mica MAC timing (sim/radio/tossim.ts).
//
// The 20 ft default: a disk of radius r has as many neighbours as the empirical model expects when
// pi r^2 = sum over rows of mean x ring area, which gives r = 21.3 ft (test/sim/radio-models.test.ts);
// 20 ft is the round figure below it; on a 10 ft grid a mote hears the 12 motes at 10, 14.1 and 20 ft.
// In a clique every pair is in range for perfect and disk; empirical still rates each pair by distance
// (a clique's motes are all within 2 ft, so that is the 2 ft row).

import type { Topology } from '../world/topology.js';
import { EMPIRICAL_MAX_LINK_FT, empiricalKey, empiricalPrr } from './empirical.js';
import { buildAllPairs, buildFromLinks, buildFromPositions, type LinkTable, type PairPrr } from './link-table.js';
import type { MacTiming } from './mac-timing.js';
import { buildTossimRadio, type TossimChoices } from './tossim-radio.js';

export const RADIO_MODELS = ['perfect', 'disk', 'empirical', 'file', 'tossim'] as const;
export type RadioModelName = (typeof RADIO_MODELS)[number];

export const DEFAULT_RANGE_FT = 20;

export interface RadioOptions {
  readonly model: RadioModelName;
  /** Feet, for perfect and disk; default DEFAULT_RANGE_FT. */
  readonly range?: number;
  /** Seeds the empirical draws. */
  readonly seed: number;
  /** tossim: modelling choices to switch off (the benchmark's ablation); default all on. */
  readonly tossim?: TossimChoices;
}

export interface Radio {
  readonly model: RadioModelName;
  /** Whether overlapping receptions destroy each other (false only for perfect). */
  readonly collisions: boolean;
  readonly links: LinkTable;
  readonly description: string;
  /** tossim: each link's bit error rate, aligned with links (NOISE_BER: carries noise only). */
  readonly bitErrors?: Float32Array;
  /** tossim: overlaps corrupt bits of a locked frame rather than destroying it outright. */
  readonly bitLevel?: boolean;
  /** tossim: receivers send the mica stack's acknowledgement byte after every packet they take. */
  readonly acks?: boolean;
  /** Frame and CSMA timing; default DEFAULT_MAC (sim/radio/mac-timing.ts). */
  readonly mac?: MacTiming;
}

export type RadioResult = { ok: true; radio: Radio } | { ok: false; error: string };

export function isRadioModel(name: string): name is RadioModelName {
  return (RADIO_MODELS as readonly string[]).includes(name);
}

/** What a topology suggests when the user names no model: its own links if it has them, else empirical. */
export function defaultModelFor(topology: Topology): RadioModelName {
  return topology.links ? 'file' : 'empirical';
}

const always: PairPrr = () => 1;

export function buildRadio(topology: Topology, opts: RadioOptions): RadioResult {
  const { model } = opts;
  const fail = (error: string): RadioResult => ({ ok: false, error });
  if (model === 'file') {
    if (!topology.links) return fail(`radio model file needs a topology file with "link SRC DST PRR" lines`);
    const built = buildFromLinks(topology.n, topology.links);
    if (!built.ok) return built;
    return { ok: true, radio: { model, collisions: true, links: built.table, description: `file: ${topology.links.length} explicit links` } };
  }
  if (!topology.positioned) return fail(`radio model ${model} needs mote positions; this topology only gives links (use the file model)`);

  if (model === 'tossim') return buildTossimRadio(topology, opts.seed, opts.tossim);
  if (model === 'empirical') {
    const key = empiricalKey(opts.seed);
    const prrOf: PairPrr = (u, v, d) => empiricalPrr(key, u, v, d);
    const built = topology.clique ? buildAllPairs(topology.x, topology.y, prrOf) : buildFromPositions(topology.x, topology.y, EMPIRICAL_MAX_LINK_FT, prrOf);
    if (!built.ok) return built;
    return { ok: true, radio: { model, collisions: true, links: built.table, description: `empirical (Woo et al.), seed ${opts.seed}` } };
  }

  const range = opts.range ?? DEFAULT_RANGE_FT;
  if (!(range > 0 && Number.isFinite(range))) return fail(`radio range must be a positive number of feet, got ${range}`);
  const built = topology.clique ? buildAllPairs(topology.x, topology.y, always) : buildFromPositions(topology.x, topology.y, range, always);
  if (!built.ok) return built;
  const description = topology.clique ? `${model}, one cell` : `${model}, range ${range} ft`;
  return { ok: true, radio: { model, collisions: model === 'disk', links: built.table, description } };
}
