// One run of `mote bench cycles`: every figure it reports, measured afresh and keyed by name, so the
// harness can take the median and spread of several runs (bench/harness.ts measure). Runs differ by
// seed: a send's CSMA backoff, the sensors' noise and the algorithms' inputs and delays change with
// it; costs charged by the VM do not.

import type { Algorithm } from '../../cli/commands/algo.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { algorithmRun } from './algorithms.js';
import { dutyCycle } from './duty-cycle.js';
import { key } from './keys.js';
import { MOVM_BYTES, OP_CASES, type OpCase } from './op-cases.js';
import { measureOp } from './op-costs.js';
import { byteCopyCycles, eventPath, interruptCycles, taskPathCycles } from './primitives.js';
import { radioPacket } from './radio-packet.js';
import type { ShippedProgram } from './shipped.js';
import { moteCycles, singleHostCycles } from './split-phase.js';

/**
 * Split-phase operations measured on the emulated mote too. forw and forwo hand the capsule to the
 * mote's dissemination protocol (Trickle), whose timer decides when it goes: their issue-to-resume is
 * the protocol's, not the VM's, so the mote figure would say nothing about either.
 */
export const ON_THE_MOTE: ReadonlySet<string> = new Set(['sense', 'send', 'sendr']);

export interface CyclesScale {
  /** Clock firings the event-path run averages over. */
  readonly firings: number;
  /** Simulated seconds each program runs at its duty cycle. */
  readonly seconds: number;
  /** The algorithms' topology; undefined: each one's `mote algo` default. */
  readonly topology?: string;
}

/** Simulated seconds of the interrupt and task-path runs (hundreds of firings, a thousand continuations). */
const PATH_SECONDS = 2;

export const FULL_SCALE: CyclesScale = { firings: 10, seconds: 60 };
/** Nine motes: algorithms with layout 'count' take only the count (a clique, a ring); the others the grid. */
export const QUICK_SCALE: CyclesScale = { firings: 3, seconds: 5, topology: 'grid:3x3' };

function opFigures(out: Record<string, number>, c: OpCase, profile: CostProfile, seed: number): void {
  out[key('op', c.label, profile)] = measureOp(c, profile);
  if (!c.splitPhase) return;
  out[key('single', c.label, profile)] = singleHostCycles(c, profile, seed);
  if (ON_THE_MOTE.has(c.op)) out[key('mote', c.label, profile)] = moteCycles(c, profile, seed);
}

export function cyclesSample(
  seed: number,
  scale: CyclesScale,
  shipped: { programs: readonly ShippedProgram[]; algorithms: readonly ShippedProgram[] },
  /** Filled with each algorithm's topology, as `mote algo` describes it. */
  topologies: Map<string, string>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of OP_CASES) for (const profile of COST_PROFILES) opFigures(out, c, profile, seed);

  // The mote's host path does not depend on the VM's cost profile: the default (mate) runs it.
  const profile = COST_PROFILES[0];
  const beforeLed = out[key('op', 'pushc', profile)] + out[key('op', 'putled', profile)];
  const path = eventPath(profile, seed, scale.firings, beforeLed);
  out[key('prim', 'eventThroughStack')] = path.cycles;
  out[key('prim', 'eventLatencyNs')] = path.latencyNs;
  out[key('prim', 'interrupt')] = interruptCycles(seed, PATH_SECONDS, path.cycles);
  out[key('prim', 'postAndSwitch')] = taskPathCycles(seed, PATH_SECONDS, path.cycles);
  out[key('prim', 'byteCopy')] = byteCopyCycles(profile, seed);
  out[key('prim', 'movmByteCopy')] = (out[key('op', `movm ${MOVM_BYTES} bytes`, profile)] - out[key('op', 'movm', profile)]) / MOVM_BYTES;
  out[key('radio', 'packetMicroJoules')] = radioPacket(profile, seed).microJoules;

  for (const program of shipped.programs) {
    for (const p of COST_PROFILES) {
      const d = dutyCycle(program.capsules, { profile: p, radioIdle: 'listen', seed, seconds: scale.seconds });
      out[key('program', program.name, p, 'vm')] = d.vmCyclesPerFiring;
      out[key('program', program.name, p, 'host')] = d.hostCyclesPerFiring;
      out[key('program', program.name, p, 'packets')] = d.packetsPerFiring;
    }
  }
  for (const a of shipped.algorithms) {
    if (a.algorithm === undefined) continue;
    for (const p of COST_PROFILES) topologies.set(a.name, algorithmFigures(out, a.algorithm, p, seed, scale.topology));
  }
  return out;
}

/** Records one run's figures; returns its topology. */
function algorithmFigures(out: Record<string, number>, name: Algorithm, profile: CostProfile, seed: number, topology?: string): string {
  const r = algorithmRun(name, profile, seed, topology);
  out[key('algorithm', name, profile, 'cycles')] = r.cyclesPerMote;
  out[key('algorithm', name, profile, 'packets')] = r.packetsPerMote;
  out[key('algorithm', name, profile, 'ok')] = r.ok ? 1 : 0;
  out[key('algorithm', name, profile, 'motes')] = r.motes;
  out[key('algorithm', name, profile, 'rounds')] = r.rounds;
  return r.topology;
}
