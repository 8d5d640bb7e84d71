// Builds the `tossim` radio (sim/radio/tossim.ts): Woo's loss drawn per directed pair exactly as the
// `empirical` model draws it (same seed, same draws), turned into a bit error rate as LossyBuilder did,
// for every pair at most 50 ft apart. The options switch single modelling choices back to the packet-level
// simulator's, one at a time, so the Trickle benchmark can measure what each one is worth.

import type { Topology } from '../world/topology.js';
import { empiricalKey, empiricalPrr } from './empirical.js';
import { buildAllPairs, buildFromPositions, type LinkTableResult, type PairPrr } from './link-table.js';
import { DEFAULT_MAC, TOSSIM_MAC, type MacTiming } from './mac-timing.js';
import { bitErrorRate, NOISE_BER, packetSuccess, TOSSIM_INTERFERENCE_FT } from './tossim.js';
import type { Radio, RadioResult } from './models.js';

export interface TossimChoices {
  /** Overlaps corrupt bits (true) or destroy both packets outright (false: the packet-level rule). */
  readonly bitLevel: boolean;
  /** Links that deliver nothing still carry noise to 50 ft (true), or are left out (false). */
  readonly noise: boolean;
  /** The mica stack's frame and CSMA timing (true) or ours (false: sim/radio/mac-timing.ts DEFAULT_MAC). */
  readonly micaMac: boolean;
  /** Loss through LossyBuilder's bit error table (true) or Woo's reception rate as drawn (false). */
  readonly berLoss: boolean;
  /** Every receiver of a packet sends the stack's acknowledgement byte right after it (true), or not. */
  readonly acks: boolean;
}

export const TOSSIM_FAITHFUL: TossimChoices = { bitLevel: true, noise: true, micaMac: true, berLoss: true, acks: true };

/** Stored for a noise-only link so the table keeps it (it is never received: its BER marks it). */
const NOISE_PRR = 1e-30;

export function buildTossimRadio(topology: Topology, seed: number, choices: TossimChoices = TOSSIM_FAITHFUL): RadioResult {
  const key = empiricalKey(seed);
  const berOf = (u: number, v: number, d: number): number => (d > TOSSIM_INTERFERENCE_FT ? NOISE_BER : bitErrorRate(1 - empiricalPrr(key, u, v, d)));
  const prrOf: PairPrr = (u, v, d) => {
    if (d > TOSSIM_INTERFERENCE_FT) return 0;
    const ber = berOf(u, v, d);
    if (ber >= NOISE_BER) return choices.noise ? NOISE_PRR : 0;
    return choices.berLoss ? packetSuccess(ber) : empiricalPrr(key, u, v, d);
  };
  const built: LinkTableResult = topology.clique ? buildAllPairs(topology.x, topology.y, prrOf) : buildFromPositions(topology.x, topology.y, TOSSIM_INTERFERENCE_FT, prrOf);
  if (!built.ok) return built;
  const links = built.table;
  const bitErrors = new Float32Array(links.neighbours.length);
  for (let u = 0; u < links.n; u++) {
    for (let k = links.offsets[u]; k < links.offsets[u + 1]; k++) {
      const v = links.neighbours[k];
      bitErrors[k] = berOf(u, v, Math.hypot(topology.x[v] - topology.x[u], topology.y[v] - topology.y[u]));
    }
  }
  const mac: MacTiming = choices.micaMac ? TOSSIM_MAC : DEFAULT_MAC;
  const off = Object.entries(choices).filter(([, on]) => !on).map(([name]) => name);
  const radio: Radio = {
    model: 'tossim',
    collisions: true,
    links,
    bitErrors,
    bitLevel: choices.bitLevel,
    acks: choices.acks,
    mac,
    description: `tossim (bit-level lossy, Woo et al.), seed ${seed}${off.length > 0 ? `, without ${off.join(', ')}` : ''}`,
  };
  return { ok: true, radio };
}
