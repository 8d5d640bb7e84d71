// `mote bench cycles`: what things cost in mote cycles, measured by running code on the VM and on the
// emulated mote, beside the published figures: (a) TinyOS primitives (seed; SPEC 3, SPEC 4), (b) every
// VM operation under both cost profiles (Maté, ASPLOS 2002; SPEC 7), (c) every shipped capsule.
// Simulated cycles, not host time: the spread across runs comes from seeds (backoff, inputs), not the host.

import { COST_PROFILES, opcodeByName } from '../vm/opcodes.js';
import { measure, summarize, type MeasureOptions } from './harness.js';
import type { Benchmark, BenchReport, BenchRow } from './report.js';
import { capsuleNotes, opNotes, primitiveLabel, primitiveNotes } from './tables/cycles-notes.js';
import { capsuleRows, mediansOf, opRows, primitiveRows } from './tables/cycles-figures.js';
import { cyclesSample, FULL_SCALE, QUICK_SCALE } from './tables/cycles-sample.js';
import { key } from './tables/keys.js';
import { MATE_PAPER } from './tables/references.js';
import { shippedPrograms } from './tables/shipped.js';

export function runCycles(options: MeasureOptions): BenchReport {
  const scale = options.quick ? QUICK_SCALE : FULL_SCALE;
  const shipped = shippedPrograms();
  const topologies = new Map<string, string>();
  let seed = 0;
  // Simulated cycles do not warm up: every run counts, each with its own seed.
  const stats = measure(() => cyclesSample(++seed, scale, shipped, topologies), { ...options, warmup: 0 });
  const m = mediansOf(stats);

  const primitives = primitiveRows(m);
  const ops = opRows(m);
  const capsules = capsuleRows(m, shipped, topologies);
  const latencyNs = m(key('prim', 'eventLatencyNs'));
  const movmByteCopy = m(key('prim', 'movmByteCopy'));

  const cycles = (label: string, k: string): BenchRow => ({ label, unit: 'cycles', stats: stats[k] });
  // Figures the emulator only charges together have no runs of their own: a constant's statistics.
  const constant = (label: string, value: number): BenchRow => ({ label, unit: 'cycles', stats: summarize(Array.from({ length: seed }, () => value)) });
  // A program's cycles per firing: VM and host together, run by run (default profile).
  const perFiring = (name: string): BenchRow['stats'] => {
    const [vm, host] = ['vm', 'host'].map((part) => stats[key('program', name, COST_PROFILES[0], part)].samples);
    return summarize(vm.map((v, i) => v + host[i]));
  };
  // Split-phase operations are compared issue to resume on the single host, as Maté timed them.
  const opKey = (op: string, profile: string): string => key(opcodeByName(op)?.flow === 'suspend' ? 'single' : 'op', op, profile);
  const reported = Object.keys(MATE_PAPER);
  const rows: BenchRow[] = [
    ...primitives.map((p) =>
      p.measured ? cycles(primitiveLabel(p.name), key('prim', p.name)) : constant(`${primitiveLabel(p.name)} (part)`, p.cycles),
    ),
    ...reported.flatMap((op) =>
      COST_PROFILES.map((profile) => cycles(`${op}, ${profile}`, opKey(op, profile))),
    ),
    ...['sense', 'sendr'].map((op) => cycles(`${op}, ${COST_PROFILES[0]}, on the mote`, key('mote', op, COST_PROFILES[0]))),
    ...capsules
      .filter((c) => c.kind === 'program')
      .map((c) => ({ label: `${c.name} per firing`, unit: 'cycles', stats: perFiring(c.name) })),
  ];

  const json = {
    primitives: Object.fromEntries(primitives.map((p) => [p.name, p.cycles])),
    ops,
    capsules,
    eventThroughStackMicroseconds: primitives.find((p) => p.name === 'eventThroughStack')?.microseconds,
    eventLatencyMicroseconds: latencyNs / 1000,
    movmByteCopy,
    radioPacketMicroJoules: m(key('radio', 'packetMicroJoules')),
    primitiveRows: primitives,
    profiles: COST_PROFILES,
  };
  return {
    name: 'cycles',
    title: 'mote cycles, measured on the VM and the emulated mote',
    json,
    rows,
    chart: {
      title: 'Cycles: TinyOS primitives and the operations Maté measured',
      unit: 'mote cycles (250 ns each)',
      rows: rows.slice(0, primitives.length + 2 * reported.length).map((r) => r.label),
      log: true,
    },
    notes: [
      ...primitiveNotes(primitives, latencyNs, movmByteCopy),
      ...opNotes(ops),
      ...capsuleNotes(capsules),
    ],
  };
}

export const cyclesBenchmark: Benchmark = {
  name: 'cycles',
  description: 'cycle costs: TinyOS primitives, every VM operation, every shipped capsule',
  run: runCycles,
};
