// Small emulated networks for the cycle and energy benchmarks: capsules from inline assembly, a world
// from a topology spec (sim/network/setup.ts) and a recorder of the trace records they produce.
// Everything the benchmarks report is read off these runs: trace times, cycle counters, the meter.

import { assemble } from '../../assembler/assemble.js';
import type { Capsule, CapsuleType } from '../../vm/capsule.js';
import { createNetwork, type Network } from '../../sim/network/network.js';
import type { NetworkOptions } from '../../sim/network/options.js';
import { buildWorld } from '../../sim/network/setup.js';
import type { TraceRecord } from '../../sim/network/trace.js';

export const SECOND_NS = 1e9;

/** A capsule of `type` from instruction lines; a benchmark's own capsules must assemble. */
export function capsuleOf(type: CapsuleType, lines: readonly string[], name: string = type): Capsule {
  const result = assemble([`.name ${name}`, `.capsule ${type}`, '.version 1', ...lines].join('\n'), `<bench ${name}>`);
  if (!result.ok) throw new Error(`bench capsule ${name} does not assemble: ${result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  return result.capsule;
}

export interface BenchNet {
  readonly net: Network;
  /** Trace records of event `e` (at mote m, when given), in the order they came. */
  of(e: string, m?: number): TraceRecord[];
}

export type NetSpec = Partial<Omit<NetworkOptions, 'topology' | 'radio' | 'onEvent'>> & {
  readonly topology: string;
  /** Default `disk`: links exactly within range, no loss, so a run measures the mote and not the channel. */
  readonly radio?: string;
  /** Called with the network and each record as it is made (to read the meter at that moment). */
  readonly onEvent?: (net: Network, record: TraceRecord) => void;
};

export function benchNet(spec: NetSpec): BenchNet {
  const { topology, radio = 'disk', onEvent, seed = 1, ...rest } = spec;
  const world = buildWorld({ topology, radio, seed });
  if (!world.ok) throw new Error(`bench network: ${world.error}`);
  const records: TraceRecord[] = [];
  // The callback needs the network, which exists only once createNetwork returns (before any event).
  const built: { net?: Network } = {};
  const net = createNetwork({
    ...rest,
    seed,
    topology: world.topology,
    radio: world.radio,
    onEvent: (record) => {
      records.push(record);
      if (onEvent !== undefined && built.net !== undefined) onEvent(built.net, record);
    },
  });
  built.net = net;
  return { net, of: (e, m) => records.filter((r) => r.e === e && (m === undefined || r.m === m)) };
}
