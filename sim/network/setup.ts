// Turns the text a user gives (`grid:20x20`, `empirical`, a range) into the topology and radio a
// network is made of, with errors as values: shared by `mote sim`, the dashboard and the benchmarks.

import { buildRadio, DEFAULT_RANGE_FT, defaultModelFor, isRadioModel, RADIO_MODELS, type Radio, type RadioModelName } from '../radio/models.js';
import { parseTopologySpec, type Topology } from '../world/topology.js';
import type { TossimChoices } from '../radio/tossim-radio.js';

export interface WorldSpec {
  /** A parsed topology (files), or a spec such as grid:20x20, line:N, ring:N, clique:N, random:N. */
  readonly topology: Topology | string;
  readonly spacing?: number;
  readonly area?: number;
  /** Default: the topology's own links for files, else empirical. */
  readonly radio?: string;
  readonly range?: number;
  readonly seed: number;
  /** tossim: modelling choices to switch off (the Trickle benchmark's ablation). */
  readonly tossim?: TossimChoices;
}

export type WorldResult = { ok: true; topology: Topology; radio: Radio } | { ok: false; error: string };

export function buildWorld(spec: WorldSpec): WorldResult {
  let topology: Topology;
  if (typeof spec.topology === 'string') {
    const parsed = parseTopologySpec(spec.topology, { spacing: spec.spacing, area: spec.area, seed: spec.seed });
    if (!parsed.ok) return parsed;
    topology = parsed.topology;
  } else {
    topology = spec.topology;
  }
  const name = spec.radio ?? defaultModelFor(topology);
  if (!isRadioModel(name)) return { ok: false, error: `radio model "${name}": expected one of ${RADIO_MODELS.join(', ')}` };
  const model: RadioModelName = name;
  const built = buildRadio(topology, { model, seed: spec.seed, range: spec.range ?? DEFAULT_RANGE_FT, tossim: spec.tossim });
  if (!built.ok) return built;
  return { ok: true, topology, radio: built.radio };
}
