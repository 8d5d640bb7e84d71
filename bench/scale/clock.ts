// Idle-heavy networks for `mote bench sim` (issue 4): every mote runs cnt_to_leds (capsules/), Maté's
// counter on a 1 s clock, on a square grid at 10 ft (the Trickle paper's spacing). Each mote-second
// is one clock firing: the interrupt, the clock task and nine bytecodes, then sleep. And one mote
// whose clock capsule never halts, to see how far a CPU-bound mote outruns real time.

import { readFileSync } from 'node:fs';
import { assemble } from '../../assembler/assemble.js';
import { shippedCapsule } from '../../cli/paths.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import { buildWorld } from '../../sim/network/setup.js';
import { CYCLE_NS, VM_SLICE_CYCLES } from '../../sim/network/cpu.js';
import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { hostSeconds } from '../harness.js';
import { COUNT_LOOP } from '../vm-loop.js';

export const GRID_SPACING_FT = 10;
const SECOND = 1e9;

function assembled(source: string, file: string): Capsule {
  const result = assemble(source, file);
  if (!result.ok) throw new Error(`${file} does not assemble: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.capsule;
}

export function counterCapsule(): Capsule {
  const file = shippedCapsule('cnt_to_leds.mate');
  return assembled(readFileSync(file, 'utf8'), file);
}

export type GridWorld = Extract<ReturnType<typeof buildWorld>, { ok: true }>;

/** The topology and link table of a side x side grid. */
export function gridWorld(side: number, seed = 1): GridWorld {
  const world = buildWorld({ topology: `grid:${side}x${side}`, spacing: GRID_SPACING_FT, radio: 'empirical', seed });
  if (!world.ok) throw new Error(world.error);
  return world;
}

/** Every mote of the world runs `capsule` from boot. */
export function clockNetwork(world: GridWorld, capsule: Capsule, seed = 1): Network {
  return createNetwork({ topology: world.topology, radio: world.radio, seed, capsules: [capsule] });
}

export function gridNetwork(side: number, capsule: Capsule, seed = 1): Network {
  return clockNetwork(gridWorld(side, seed), capsule, seed);
}

export interface RunFigures {
  readonly motes: number;
  readonly simulatedSeconds: number;
  readonly events: number;
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  /** Simulated seconds times motes, per host second. */
  readonly moteSecondsPerSecond: number;
  /** Simulated seconds per host second. */
  readonly realTimeFactor: number;
}

/** Runs the network `seconds` further and reports the host speed of that stretch; `advance` runs it (runCpuBound checks as it goes). */
export function timedRun(net: Network, seconds: number, advance = (ns: number): unknown => net.runUntil(net.now + ns)): RunFigures {
  const events0 = net.stats.events;
  const t0 = hostSeconds();
  advance(seconds * SECOND);
  const wallSeconds = hostSeconds() - t0;
  const events = net.stats.events - events0;
  return {
    motes: net.n,
    simulatedSeconds: seconds,
    events,
    wallSeconds,
    eventsPerSecond: events / wallSeconds,
    moteSecondsPerSecond: (net.n * seconds) / wallSeconds,
    realTimeFactor: seconds / wallSeconds,
  };
}

/**
 * One mote whose once capsule is an endless counter loop (bench/vm-loop.ts): the CPU never sleeps. A
 * once capsule, not a clock one: each clock firing restarts the clock context at 0 with its operand
 * stack as it was, so a loop interrupted between a push and its pop grows the stack until it traps.
 */
export function cpuBoundNetwork(profile: CostProfile = 'mate'): Network {
  const world = buildWorld({ topology: 'line:1', radio: 'perfect', seed: 1 });
  if (!world.ok) throw new Error(world.error);
  const capsule = assembled(`.capsule once\n${COUNT_LOOP}`, '<count loop>');
  return createNetwork({ topology: world.topology, radio: world.radio, seed: 1, profile, capsules: [capsule] });
}

/** Runs the CPU-bound mote `ns` further; returns the VM cycles it ran, after checking it never stalled or trapped. */
export function runCpuBound(net: Network, ns: number): number {
  const before = net.moteView(0).vmCycles;
  const from = net.now;
  net.runUntil(from + ns);
  const ran = net.moteView(0).vmCycles - before;
  const traps = net.stats.traps;
  // The VM should fill the CPU (but for the paths of its continuations), give or take the slice it ends in.
  if (traps > 0 || ran < 0.99 * (ns / CYCLE_NS) - VM_SLICE_CYCLES) throw new Error(`CPU-bound mote: ${ran} VM cycles in ${ns} ns, ${traps} traps`);
  return ran;
}
