// The figures of `mote bench cycles`, assembled from the medians of its runs (cycles-sample.ts) and set
// beside the published ones (references.ts): (a) TinyOS primitives, (b) VM operations, (c) capsules.

import { CYCLE_NS } from '../../sim/network/cpu.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import type { Stats } from '../harness.js';
import { ON_THE_MOTE } from './cycles-sample.js';
import { key } from './keys.js';
import { cpuMicroJoules } from './duty-cycle.js';
import { OP_CASES, type OpCase } from './op-cases.js';
import { PATH_PARTS } from './primitives.js';
import { MATE_PAPER, SEED_PRIMITIVES, SPEC_LEAN, type Primitive } from './references.js';
import { sizeOf, type ShippedProgram } from './shipped.js';

export interface PrimitiveRow {
  readonly name: Primitive;
  readonly cycles: number;
  readonly microseconds: number;
  readonly seed: number;
  /** False for the parts no run shows apart (interrupt hardware/software, post/switch): the emulator's constants. */
  readonly measured: boolean;
  readonly how: string;
}

export interface OpRow {
  readonly name: string;
  /** A branch taken or not, movm with a message to copy. */
  readonly case?: string;
  readonly profile: CostProfile;
  /** Cycles per instruction; for a split-phase operation, issue to resume on the single host (as Maté timed it). */
  readonly cycles: number;
  /** Split-phase: what the instruction itself is charged. */
  readonly dispatch?: number;
  /** Split-phase: issue to resume on the emulated mote. */
  readonly mote?: number;
  /** Maté's reported and native cycles (SPEC 7), where the paper has them. */
  readonly mate: number | null;
  readonly native: number | null;
  /** The lean interpreter's cycles in SPEC 7's second table, for lean rows it lists. */
  readonly spec: number | null;
  readonly vsMate: number | null;
  readonly vsNative: number | null;
}

/** Cycles and packets, and their energy: the CPU at 4.6 mA every cycle, the radio's measured energy per packet. */
export interface RunCost {
  readonly cycles: number;
  readonly packets: number;
  readonly cpuMicroJoules: number;
  readonly radioMicroJoules: number;
  readonly microJoules: number;
}

export interface FiringCost extends RunCost {
  readonly vmCycles: number;
  readonly hostCycles: number;
}

export interface CapsuleRow {
  readonly name: string;
  readonly kind: 'program' | 'algorithm';
  readonly files: readonly string[];
  readonly bytes: number;
  readonly instructions: number;
  /** What the costs are per: one clock firing, or one mote over a whole `mote algo` run. */
  readonly per: 'firing' | 'mote per run' | null;
  readonly topology?: string;
  readonly ok?: boolean;
  /** Costs by profile; null for a folder that `mote algo` cannot run. */
  readonly profiles: Readonly<Record<CostProfile, RunCost & Partial<FiringCost>>> | null;
}

/** The median of a figure over the runs (or another statistic of it). */
export type Medians = (k: string, statistic?: 'median' | 'min' | 'max') => number;

export function mediansOf(stats: Readonly<Record<string, Stats>>): Medians {
  return (k, statistic = 'median') => {
    const s = stats[k];
    if (s === undefined) throw new Error(`bench cycles: no figure ${k}`);
    return s[statistic];
  };
}

export function primitiveRows(m: Medians): PrimitiveRow[] {
  const row = (name: Primitive, cycles: number, measured: boolean, how: string): PrimitiveRow => ({
    name, cycles, microseconds: (cycles * CYCLE_NS) / 1000, seed: SEED_PRIMITIVES[name], measured, how,
  });
  const part = 'emulator constant: only its sum below is observed';
  return [
    row('post', PATH_PARTS.post, false, part),
    row('contextSwitch', PATH_PARTS.contextSwitch, false, part),
    row('interruptHardware', PATH_PARTS.interruptHardware, false, part),
    row('interruptSoftware', PATH_PARTS.interruptSoftware, false, part),
    row('interrupt', m(key('prim', 'interrupt')), true, 'host cycles per timer firing whose task still waits'),
    row('postAndSwitch', m(key('prim', 'postAndSwitch')), true, 'host cycles per continuation the lean VM posts itself'),
    row('byteCopy', m(key('prim', 'byteCopy')), true, 'host cycles of a send 8 bytes longer, per byte'),
    row('eventThroughStack', m(key('prim', 'eventThroughStack')), true, 'host cycles per clock firing'),
  ];
}

/** The part of a case's label after the mnemonic ('taken', '10 bytes'), if any. */
function caseOf(c: OpCase): string | undefined {
  const rest = c.label.slice(c.op.length).trim();
  return rest === '' ? undefined : rest;
}

function specLean(c: OpCase): number | null {
  const entry = SPEC_LEAN[c.op];
  if (entry === undefined) return null;
  if (typeof entry === 'number') return entry;
  return caseOf(c) === 'taken' ? entry[1] : entry[0];
}

export function opRows(m: Medians): OpRow[] {
  return OP_CASES.flatMap((c) =>
    COST_PROFILES.map((profile): OpRow => {
      const dispatch = m(key('op', c.label, profile));
      const cycles = c.splitPhase ? m(key('single', c.label, profile)) : dispatch;
      const paper = MATE_PAPER[c.op];
      const mate = paper?.mate ?? null;
      const native = paper?.native ?? null;
      return {
        name: c.op,
        ...(caseOf(c) === undefined ? {} : { case: caseOf(c) }),
        profile,
        cycles,
        ...(c.splitPhase ? { dispatch } : {}),
        ...(c.splitPhase && ON_THE_MOTE.has(c.op) ? { mote: m(key('mote', c.label, profile)) } : {}),
        mate,
        native,
        spec: profile === 'lean' ? specLean(c) : null,
        vsMate: mate === null ? null : cycles / mate,
        vsNative: native === null ? null : cycles / native,
      };
    }),
  );
}

export function capsuleRows(
  m: Medians,
  shipped: { programs: readonly ShippedProgram[]; algorithms: readonly ShippedProgram[] },
  topologies: ReadonlyMap<string, string>,
): CapsuleRow[] {
  const packetMicroJoules = m(key('radio', 'packetMicroJoules'));
  const cost = (cycles: number, packets: number): RunCost => {
    const cpu = cpuMicroJoules(cycles);
    const radio = packets * packetMicroJoules;
    return { cycles, packets, cpuMicroJoules: cpu, radioMicroJoules: radio, microJoules: cpu + radio };
  };
  const byProfile = <T>(f: (p: CostProfile) => T): Record<CostProfile, T> =>
    Object.fromEntries(COST_PROFILES.map((p) => [p, f(p)])) as Record<CostProfile, T>;
  const programs = shipped.programs.map((p): CapsuleRow => ({
    name: p.name,
    kind: 'program',
    files: p.files,
    ...sizeOf(p.capsules),
    per: 'firing',
    profiles: byProfile((profile) => {
      const k = (what: string): number => m(key('program', p.name, profile, what));
      return { ...cost(k('vm') + k('host'), k('packets')), vmCycles: k('vm'), hostCycles: k('host') };
    }),
  }));
  const algorithms = shipped.algorithms.map((a): CapsuleRow => {
    const base = { name: a.name, kind: 'algorithm' as const, files: a.files, ...sizeOf(a.capsules) };
    if (a.algorithm === undefined) return { ...base, per: null, profiles: null };
    const k = (profile: CostProfile, what: string, statistic?: 'min'): number => m(key('algorithm', a.name, profile, what), statistic);
    return {
      ...base,
      per: 'mote per run',
      topology: topologies.get(a.name),
      ok: COST_PROFILES.every((p) => k(p, 'ok', 'min') === 1), // the oracle passed every run
      profiles: byProfile((profile) => cost(k(profile, 'cycles'), k(profile, 'packets'))),
    };
  });
  return [...programs, ...algorithms];
}
