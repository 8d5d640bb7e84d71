// The lecture's algorithms (issue 6) as `mote algo NAME` runs them with its defaults (topology, seed 1):
// real capsules on real VMs on the tick network of sim/algo. They run to completion rather than at a
// duty cycle, so their cost is per mote for the whole run: cycles, packets sent, and energy (the CPU at
// 4.6 mA for every cycle, plus the measured radio energy of each packet).

import { definitionCapsules, runAlgorithm } from '../../cli/commands/algo.js';
import { algorithmNames, shippedAlgorithm } from '../../capsules/registry.js';
import type { AlgorithmDefinition } from '../../sim/algo/contract.js';
import { DEFAULT_RANGE_FT } from '../../sim/algo/graph.js';
import type { CostProfile } from '../../vm/opcodes.js';

/** The shipped algorithms' definitions, loaded once (capsules/registry.ts), so the bench's loops stay synchronous. */
const DEFINITIONS: ReadonlyMap<string, AlgorithmDefinition> = new Map(await Promise.all(algorithmNames().map(async (n) => [n, await shippedAlgorithm(n)] as const)));

export interface AlgorithmRun {
  readonly ok: boolean;
  readonly topology: string;
  readonly motes: number;
  readonly rounds: number;
  /** Means per mote over the run. */
  readonly cyclesPerMote: number;
  readonly packetsPerMote: number;
}

/** A topology for every algorithm (those with layout 'count' take only its mote count), or undefined: each one's default. */
export function algorithmRun(name: string, profile: CostProfile, seed: number, topology?: string): AlgorithmRun {
  const defaults = { seed, timing: 'async', f: 1, ringOrder: 'random', range: DEFAULT_RANGE_FT, snapshots: 3, values: 2, profile } as const;
  const def = DEFINITIONS.get(name);
  if (def === undefined) throw new Error(`no shipped algorithm ${name}`);
  const r = runAlgorithm(def, { ...defaults, topology }, definitionCapsules(def));
  return {
    ok: r.ok,
    topology: r.topology,
    motes: r.motes,
    rounds: r.rounds,
    cyclesPerMote: r.perMote.cycles,
    packetsPerMote: r.perMote.messages,
  };
}
