// FloodMax leader election (capsules/floodmax/) on the full emulator in the `sync` timing model, on
// any topology the perfect radio connects (or, asked, one leader per component across a gap):
// diameter rounds of flooding, then every mote writes
// [1, leader, 1 if it leads]. Motes crashed from the start (a crash fault at boot) are drawn as on the
// tick network. Judged by election-oracle.ts.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import type { Topology } from '../../sim/world/topology.js';
import { configCapsule } from '../../sim/algo/config.js';
import { electionOracle } from './oracle.js';
import { floodMaxAlive, floodMaxPlan } from './tick.js';
import { adjacency, DEFAULT_RANGE_FT } from '../../sim/algo/graph.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { FullRun, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

/** Heap word of the configuration (capsules/floodmax/README.md): 2 rounds = diameter. */
const HEAP_ROUNDS = 2;

export interface FloodMaxFullOptions extends Pick<FullOptions, 'avrMotes'> {
  readonly capsules: readonly Capsule[];
  readonly topology: Topology;
  readonly seed: number;
  /** Motes dead from the start, drawn at random. */
  readonly crashes?: number;
  readonly rangeFt?: number;
  readonly profile?: CostProfile;
  /** Each connected component of live motes elects its own leader (--allow-disconnected). */
  readonly perComponent?: boolean;
}

export function floodMaxFullRun(options: FloodMaxFullOptions): { report: AlgoReport; run: FullRun } {
  const { topology } = options;
  const n = topology.n;
  const alive = floodMaxAlive(options.seed, n, options.crashes ?? 0);
  const rangeFt = options.rangeFt ?? DEFAULT_RANGE_FT;
  const plan = floodMaxPlan(adjacency(topology, rangeFt), alive, options.perComponent ?? false);
  const { rounds } = plan;
  const run = new FullRun({
    topology,
    radio: perfectRadio(topology, options.seed, rangeFt),
    seed: options.seed,
    timing: 'sync',
    capsules: options.capsules,
    config: () => configCapsule([[HEAP_ROUNDS, rounds]]),
    profile: options.profile,
    avrMotes: options.avrMotes,
  });
  alive.forEach((a, m) => a || run.fault({ at: 0, kind: 'crash', mote: m }));
  run.runThrough(rounds + 1);
  run.close();
  const claims: number[] = [];
  const known = new Array<number | undefined>(n).fill(undefined);
  for (const e of run.trace) {
    if (e.kind !== 'uart' || e.words[0] !== 1) continue;
    known[e.mote] = e.words[1];
    if (e.words[2] === 1) claims.push(e.mote);
  }
  const ids = Array.from({ length: n }, (_, i) => i);
  const late = run.messages.filter((m) => m.deliveredTick > m.sentTick + 1).length;
  const failures = [...plan.gap];
  if (late > 0) failures.push(`synchronous rounds: ${late} messages arrived after the round that follows their send`);
  failures.push(...run.faultFailures((m) => `mote ${m}`), ...electionOracle({ ids, alive, claims, known, components: options.perComponent === true ? plan.components.of : undefined }).failures);
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'floodmax',
    ...verdict(failures),
    motes: n,
    rounds,
    ...totals,
    details: {
      network: 'full',
      diameter: plan.diameter,
      components: plan.components.count,
      crashed: alive.filter((a) => !a).length,
      leader: claims,
      radioTransmissions: run.net.stats.transmissions,
      vmCycles,
      hostCycles,
      energyByComponent,
    },
  };
  return { report, run };
}
