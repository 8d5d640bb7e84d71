// Idle-heavy networks for `mote bench sim` (issue 4): every mote runs cnt_to_leds (capsules/), Maté's
// counter on a 1 s clock, on a square grid at 10 ft (the Trickle paper's spacing). Each mote-second
// is one clock firing: the interrupt, the clock task and nine bytecodes, then sleep. And one mote
// whose clock capsule never halts, to see how far a CPU-bound mote outruns real time.

import { readFileSync } from 'node:fs';
import { assemble } from '../../assembler/assemble.js';
import { shippedCapsule } from '../../cli/paths.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import { buildWorld } from '../../sim/network/setup.js';
import type { Capsule } from '../../vm/capsule.js';
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

/** Runs the network `seconds` further and reports the host speed of that stretch. */
export function timedRun(net: Network, seconds: number): RunFigures {
  const events0 = net.stats.events;
  const from = net.now;
  const t0 = hostSeconds();
  net.runUntil(from + seconds * SECOND);
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

/** One mote whose clock capsule is an endless counter loop (bench/vm-loop.ts): the CPU never sleeps. */
export function cpuBoundNetwork(): Network {
  const world = buildWorld({ topology: 'line:1', radio: 'perfect', seed: 1 });
  if (!world.ok) throw new Error(world.error);
  const capsule = assembled(COUNT_LOOP, '<count loop>');
  return createNetwork({ topology: world.topology, radio: world.radio, seed: 1, capsules: [capsule] });
}
