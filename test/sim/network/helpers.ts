// Small networks for the simulator tests: a topology and radio from specs, capsules from inline
// assembly, and a recorder of trace records.

import { assemble } from '../../../assembler/assemble.js';
import type { Capsule } from '../../../vm/capsule.js';
import { opcodeByName } from '../../../vm/opcodes.js';
import { createNetwork, type Network } from '../../../sim/network/network.js';
import type { NetworkOptions } from '../../../sim/network/options.js';
import { buildWorld } from '../../../sim/network/setup.js';
import type { TraceRecord } from '../../../sim/network/trace.js';
import type { Topology } from '../../../sim/world/topology.js';

export function capsule(...lines: string[]): Capsule {
  const result = assemble(lines.join('\n'), 'test.mate');
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return result.capsule;
}

/** A clock capsule from instruction lines. */
export function clock(...code: string[]): Capsule {
  return capsule('.name t', '.capsule clock', '.version 1', ...code);
}

export function handler(type: string, ...code: string[]): Capsule {
  return capsule(`.name ${type}`, `.capsule ${type}`, '.version 1', ...code);
}

/** The mate-profile cost of an opcode (vm/opcodes.ts). */
export function mate(name: string): number {
  const row = opcodeByName(name);
  if (row === undefined) throw new Error(`no opcode ${name}`);
  return row.mate;
}

export interface TestNet {
  net: Network;
  records: TraceRecord[];
  of(e: string, m?: number): TraceRecord[];
}

export type Spec = Partial<Omit<NetworkOptions, 'topology' | 'radio'>> & {
  topology?: string | Topology;
  radio?: string;
  spacing?: number;
  range?: number;
};

export function network(spec: Spec = {}): TestNet {
  const { topology = 'line:2', radio = 'disk', spacing, range, ...rest } = spec;
  const world = buildWorld({ topology, radio, spacing, range, seed: rest.seed ?? 1 });
  if (!world.ok) throw new Error(world.error);
  const records: TraceRecord[] = [];
  const net = createNetwork({
    seed: 1,
    ...rest,
    topology: world.topology,
    radio: world.radio,
    onEvent: (r) => {
      records.push(r);
      rest.onEvent?.(r);
    },
  });
  return { net, records, of: (e, m) => records.filter((r) => r.e === e && (m === undefined || r.m === m)) };
}

export const SECOND = 1e9;
