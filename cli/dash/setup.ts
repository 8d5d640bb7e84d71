// From `mote dash` flags to the network the dashboard watches (issue 7): the same topology, radio,
// capsule, injection, Trickle, fault and seed flags as `mote sim`, and the demo when no capsule is
// named: the counter capsule on every mote and its next version injected at mote 0 five seconds in.

import { verify } from '../../assembler/verify.js';
import { createDissemination } from '../../sim/dissemination/index.js';
import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { loadCapsule } from '../load-capsule.js';
import { loadInjection, readFaults, readWorld, trickleParams } from '../network-flags.js';
import { shippedCapsule } from '../paths.js';
import { sourcePlaces, type SourcePlaces } from '../source-places.js';
import { checkAvrMotes } from '../commands/sim.js';
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
  /** --avr-motes: motes that run the firmware on avr8js. */
  avrMotes?: readonly number[] | 'all';
}

export const DEMO_CAPSULE = 'cnt_to_leds.mate';
/** When the demo injects the counter's next version at mote 0. */
export const DEMO_INJECT_NS = 5e9;

/** What the code on the motes starts as, what is injected, which capsule's spread to show, and the files' source places. */
function capsules(flags: DashFlags, motes: number): { load: Capsule[]; injections: ScheduledInjection[]; spreading: Capsule; places: SourcePlaces } {
  if (flags.load.length === 0 && flags.inject.length === 0) {
    const counter = loadCapsule(shippedCapsule(DEMO_CAPSULE)).capsule;
    const next = { ...counter, version: counter.version + 1 };
    return { load: [counter], injections: [{ mote: 0, capsule: next, at: DEMO_INJECT_NS }], spreading: next, places: sourcePlaces([]) };
  }
  const loaded = flags.load.map((f) => ({ file: f, ...loadCapsule(f) }));
  const load = loaded.map((l) => l.capsule);
  const injections = flags.inject.map((text) => loadInjection(text, motes));
  const spreading = injections.length > 0 ? injections[injections.length - 1].capsule : load[0];
  return { load, injections, spreading, places: sourcePlaces([...loaded, ...injections]) };
}

export function sourceOptions(flags: DashFlags): NetworkSourceOptions {
  const { topology, radio } = readWorld(flags);
  const { load, injections, spreading, places } = capsules(flags, topology.n);
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
      faults: readFaults(flags.fault, flags.faults, topology.n, Math.round(flags.seconds * 1e9), radio.links),
      bootSpreadNs: Math.round(flags.bootSpread * 1e9),
      avrMotes: checkAvrMotes(flags.avrMotes, topology.n),
    },
    spreading,
    injections,
    trapPlace: places.lineNamed,
  };
}
