// From `mote dash` flags to the network the dashboard watches (issue 7): the same topology, radio,
// capsule, injection, Trickle, fault and seed flags as `mote sim`, and the demo when no capsule is
// named: the counter capsule on every mote and its next version injected at mote 0 five seconds in.

import { verify } from '../../assembler/verify.js';
import { createDissemination } from '../../sim/dissemination/index.js';
import { parseFault, parseTime, randomFaults, type Fault } from '../../sim/network/faults.js';
import { buildWorld } from '../../sim/network/setup.js';
import { parseTopologyFile } from '../../sim/world/topology-file.js';
import type { Topology } from '../../sim/world/topology.js';
import { parseTrickleSpec } from '../../trickle/spec.js';
import { defaultTrickleParams, type TrickleParams } from '../../trickle/timer.js';
import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { UserError } from '../io.js';
import { loadCapsule, readInput } from '../load-capsule.js';
import { shippedCapsule } from '../paths.js';
import type { NetworkSourceOptions, ScheduledInjection } from './network-source.js';

export interface DashFlags {
  topology: string;
  spacing?: number;
  area?: number;
  radio?: string;
  range?: number;
  load: string[];
  inject: string[];
  trickle?: string;
  seconds: number;
  seed: number;
  profile: CostProfile;
  fault: string[];
  faults?: string;
  bootSpread: number;
  speed: number;
}

export const DEMO_CAPSULE = 'cnt_to_leds.mate';
/** When the demo injects the counter's next version at mote 0. */
export const DEMO_INJECT_NS = 5e9;

function readTopology(spec: string): Topology | string {
  if (!spec.startsWith('file:')) return spec;
  const file = spec.slice(5);
  const parsed = parseTopologyFile(readInput(file).toString('utf8'), file);
  if (!parsed.ok) throw new UserError(parsed.error);
  return parsed.topology;
}

/** `FILE@MOTE:TIME`, as `mote sim --inject` takes it. */
export function parseInjection(text: string, motes: number): ScheduledInjection {
  const at = text.lastIndexOf('@');
  const colon = text.indexOf(':', at);
  if (at < 0 || colon < 0) throw new UserError(`--inject '${text}': want FILE@MOTE:TIME, e.g. capsules/cnt_to_leds.mate@0:5s`);
  const moteText = text.slice(at + 1, colon);
  const time = parseTime(text.slice(colon + 1));
  if (!/^\d+$/.test(moteText) || Number(moteText) >= motes) throw new UserError(`--inject '${text}': mote must be 0 to ${motes - 1}`);
  if (time === undefined) throw new UserError(`--inject '${text}': bad time (30s, 500ms, 2m, 1h)`);
  return { mote: Number(moteText), capsule: loadCapsule(text.slice(0, at)).capsule, at: time };
}

function readFaults(flags: DashFlags, motes: number, links: Parameters<typeof randomFaults>[1]): Fault[] {
  const faults = flags.fault.map((text) => {
    const parsed = parseFault(text, motes);
    if (!parsed.ok) throw new UserError(parsed.error);
    return parsed.fault;
  });
  if (flags.faults !== undefined) {
    const match = /^random:(\d+)$/.exec(flags.faults);
    if (match === null) throw new UserError(`--faults '${flags.faults}': want random:SEED`);
    faults.push(...randomFaults(Number(match[1]), links, Math.round(flags.seconds * 1e9)));
  }
  return faults;
}

function trickleParams(spec: string | undefined): TrickleParams {
  if (spec === undefined) return defaultTrickleParams;
  const parsed = parseTrickleSpec(spec);
  if (!parsed.ok) throw new UserError(`--trickle '${spec}': ${parsed.error}`);
  return parsed.params;
}

/** What the code on the motes starts as, what is injected, and which capsule's spread to show. */
function capsules(flags: DashFlags, motes: number): { load: Capsule[]; injections: ScheduledInjection[]; spreading: Capsule } {
  if (flags.load.length === 0 && flags.inject.length === 0) {
    const counter = loadCapsule(shippedCapsule(DEMO_CAPSULE)).capsule;
    const next = { ...counter, version: counter.version + 1 };
    return { load: [counter], injections: [{ mote: 0, capsule: next, at: DEMO_INJECT_NS }], spreading: next };
  }
  const load = flags.load.map((f) => loadCapsule(f).capsule);
  const injections = flags.inject.map((text) => parseInjection(text, motes));
  const spreading = injections.length > 0 ? injections[injections.length - 1].capsule : load[0];
  return { load, injections, spreading };
}

export function sourceOptions(flags: DashFlags): NetworkSourceOptions {
  const world = buildWorld({
    topology: readTopology(flags.topology),
    spacing: flags.spacing,
    area: flags.area,
    radio: flags.radio,
    range: flags.range,
    seed: flags.seed,
  });
  if (!world.ok) throw new UserError(world.error);
  const { topology, radio } = world;
  const { load, injections, spreading } = capsules(flags, topology.n);
  const dissemination = createDissemination({ trickle: trickleParams(flags.trickle) });
  return {
    network: {
      topology,
      radio,
      seed: flags.seed,
      profile: flags.profile,
      capsules: load,
      protocol: dissemination.protocolFor,
      verify: (c) => verify(c).ok,
      faults: readFaults(flags, topology.n, radio.links),
      bootSpreadNs: Math.round(flags.bootSpread * 1e9),
    },
    spreading,
    injections,
  };
}
