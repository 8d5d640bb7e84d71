// Flood-set consensus (capsules/floodset/) on the full emulator in the `sync` timing model: one radio
// cell (a clique), each round's broadcasts handed over at the next round boundary. The crash plan is
// the tick network's (planCrashes): a mote crashing in round r has, from the start of round r, its
// links to the motes its last multicast must miss cut (link faults), and stops (a crash fault) just
// before round r + 1. Judged by floodset-oracle.ts on the decisions the motes wrote to their ports.

import type { Fault } from '../../sim/network/index.js';
import { parseTopologySpec } from '../../sim/world/topology.js';
import { configCapsule } from '../../sim/algo/config.js';
import { planCrashes, type FloodSetOptions } from './tick.js';
import { consensusOracle, type Decision } from './oracle.js';
import { verdict, type AlgoReport } from '../../sim/algo/report.js';
import { FullRun, PHASE_NS, ROUND_NS, type FullOptions } from '../../sim/algo/full/emulator.js';
import { perfectRadio } from '../../sim/algo/full/radio.js';

/** Heap words of the configuration (capsules/floodset/README.md): 3 rounds = f + 1, 4 the input. */
const HEAP_ROUNDS = 3;
const HEAP_INPUT = 4;
/** A crashing mote stops this long before the next round boundary, after its last multicast. */
const CRASH_MARGIN_NS = 1_000_000;

/** As on the tick network (FloodSetOptions), but for the diagram hook, and with the AVR motes. */
export type FloodSetFullOptions = Omit<FloodSetOptions, 'observe'> & Pick<FullOptions, 'avrMotes'>;

function crashFaults(n: number, crashes: ReturnType<typeof planCrashes>): Fault[] {
  const faults: Fault[] = [];
  for (const c of crashes?.crashes ?? []) {
    const start = c.round * ROUND_NS;
    for (let j = 0; j < n; j++) if (j !== c.mote && !c.reach.has(j)) faults.push({ at: start, kind: 'link', a: c.mote, b: j, both: false, prr: 0 });
    faults.push({ at: (c.round + 1) * ROUND_NS - CRASH_MARGIN_NS, kind: 'crash', mote: c.mote });
  }
  return faults;
}

export function floodSetFullRun(options: FloodSetFullOptions): { report: AlgoReport; run: FullRun } {
  const { n, f } = options;
  const planned = planCrashes(options);
  const inputs = planned?.inputs ?? [];
  const crashes = planned?.crashes ?? [];
  const parsed = parseTopologySpec(`clique:${n}`, { seed: options.seed });
  if (!parsed.ok) throw new RangeError(parsed.error);
  const run = new FullRun({
    topology: parsed.topology,
    radio: perfectRadio(parsed.topology, options.seed),
    seed: options.seed,
    timing: 'sync',
    capsules: options.capsules,
    config: (m) => configCapsule([[HEAP_ROUNDS, f + 1], [HEAP_INPUT, inputs[m] ?? 0]]),
    profile: options.profile,
    avrMotes: options.avrMotes,
  });
  for (const fault of crashFaults(n, planned)) run.fault(fault);
  if (planned !== null) run.runThrough(f + 2);
  run.close();
  const decisions: Decision[] = [];
  for (const e of run.trace) if (e.kind === 'uart' && e.words[0] === 1) decisions.push({ mote: e.mote, value: e.words[1], round: e.tick });
  const crashed = Array.from({ length: n }, (_, i) => crashes.some((c) => c.mote === i));
  const oracle = consensusOracle({ inputs, crashed, f, decisions });
  const planFailure = planned === null ? [`a ${options.crashes?.kind} plan of ${options.crashes?.count} crashes needs more than ${n} motes`] : [];
  const late = run.messages.filter((m) => m.deliveredTick > m.sentTick + 1).length;
  const lateFailure = late > 0 ? [`synchronous rounds: ${late} messages arrived after the round that follows their send (the channel is too busy for ${ROUND_NS / 1e9} s rounds)`] : [];
  const { vmCycles, hostCycles, energyByComponent, ...totals } = run.measure();
  const report: AlgoReport = {
    algorithm: 'floodset',
    ...verdict([...planFailure, ...lateFailure, ...run.faultFailures((m) => `mote ${m}`), ...oracle.failures]),
    motes: n,
    rounds: f + 1,
    ...totals,
    details: {
      network: 'full',
      f,
      crashes: crashes.map((c) => ({ mote: c.mote, round: c.round, reached: c.reach.size })),
      inputs,
      decisions: decisions.map((d) => d.value),
      radioTransmissions: run.net.stats.transmissions,
      vmCycles,
      hostCycles,
      energyByComponent,
      phaseNs: PHASE_NS,
    },
  };
  return { report, run };
}
