// The flags `mote sim` and `mote dash` share, parsed once: topology files, injections, faults and
// the Trickle timer. Every mistake is a UserError of one line naming the flag.

import { parseFault, parseTime, randomFaults, type Fault } from '../sim/network/faults.js';
import { buildWorld } from '../sim/network/setup.js';
import type { Radio } from '../sim/radio/models.js';
import type { LinkTable } from '../sim/radio/link-table.js';
import { withSignature } from '../sim/security/signed-capsule.js';
import { parseTopologyFile } from '../sim/world/topology-file.js';
import type { Topology } from '../sim/world/topology.js';
import { parseTrickleSpec } from '../trickle/spec.js';
import { defaultTrickleParams, type TrickleParams } from '../trickle/timer.js';
import { MAX_VERSION } from '../vm/capsule.js';
import { UserError } from './io.js';
import { loadCapsule, readInput, type LoadedCapsule } from './load-capsule.js';

/** A generated layout's spec passes through; `file:PATH` is read and parsed here. */
function readTopology(spec: string): Topology | string {
  if (!spec.startsWith('file:')) return spec;
  const file = spec.slice(5);
  const parsed = parseTopologyFile(readInput(file).toString('utf8'), file);
  if (!parsed.ok) throw new UserError(parsed.error);
  return parsed.topology;
}

export interface WorldFlags {
  readonly topology: string;
  readonly spacing?: number;
  readonly area?: number;
  readonly radio?: string;
  readonly range?: number;
  readonly seed: number;
}

/** The topology and radio link table the flags describe. */
export function readWorld(flags: WorldFlags): { topology: Topology; radio: Radio } {
  const { topology, spacing, area, radio, range, seed } = flags;
  const world = buildWorld({ topology: readTopology(topology), spacing, area, radio, range, seed });
  if (!world.ok) throw new UserError(world.error);
  return { topology: world.topology, radio: world.radio };
}

/** A loaded capsule and the file it came from (the file names its source places). */
export type LoadedFile = LoadedCapsule & { readonly file: string };

export interface Injection extends LoadedFile {
  readonly mote: number;
  /** Simulated nanoseconds. */
  readonly at: number;
}

/**
 * FILE@MOTE:TIME, or FILE@MOTE:TIME:vN to give the capsule version N instead of the file's own
 * `.version`: the same file injected twice is the same capsule (a mote that holds it ignores it),
 * so a newer build of one file needs a higher version to win (the version rule, SPEC 7).
 */
export function parseInjection(text: string, motes: number): { file: string; mote: number; at: number; version?: number } {
  const at = text.lastIndexOf('@');
  const fields = at < 0 ? [] : text.slice(at + 1).split(':');
  if (at < 1 || fields.length < 2 || fields.length > 3) {
    throw new UserError(`--inject '${text}': want FILE@MOTE:TIME or FILE@MOTE:TIME:vN, e.g. capsules/cnt_to_leds.mate@0:5s`);
  }
  const [moteText, timeText, versionText] = fields;
  const time = parseTime(timeText);
  if (!/^\d+$/.test(moteText) || Number(moteText) >= motes) throw new UserError(`--inject '${text}': mote must be 0 to ${motes - 1}`);
  if (time === undefined) throw new UserError(`--inject '${text}': bad time (30s, 500ms, 2m, 1h)`);
  const injection = { file: text.slice(0, at), mote: Number(moteText), at: time };
  if (versionText === undefined) return injection;
  const version = /^v\d+$/.test(versionText) ? Number(versionText.slice(1)) : NaN;
  if (!(Number.isSafeInteger(version) && version <= MAX_VERSION)) throw new UserError(`--inject '${text}': version must be v0 to v${MAX_VERSION}`);
  return { ...injection, version };
}

/** A capsule file's capsule, with its signature when it has one (mote asm --sign). */
export function loadSigned(file: string): LoadedFile {
  const loaded = loadCapsule(file);
  const { capsule, signature } = loaded;
  return { ...loaded, file, capsule: signature === undefined ? capsule : withSignature(capsule, signature) };
}

export function loadInjection(text: string, motes: number): Injection {
  const parsed = parseInjection(text, motes);
  const loaded = loadSigned(parsed.file);
  const { capsule } = loaded;
  return { ...loaded, mote: parsed.mote, at: parsed.at, capsule: parsed.version === undefined ? capsule : { ...capsule, version: parsed.version } };
}

/** The scheduled `--fault` specs plus, with `--faults random:SEED`, a seeded random campaign. */
export function readFaults(fault: readonly string[], faults: string | undefined, motes: number, durationNs: number, links: LinkTable): Fault[] {
  const schedule = fault.map((text) => {
    const parsed = parseFault(text, motes);
    if (!parsed.ok) throw new UserError(parsed.error);
    return parsed.fault;
  });
  if (faults !== undefined) {
    const match = /^random:(\d+)$/.exec(faults);
    if (match === null) throw new UserError(`--faults '${faults}': want random:SEED`);
    schedule.push(...randomFaults(Number(match[1]), links, durationNs));
  }
  return schedule;
}

export function trickleParams(spec: string | undefined): TrickleParams {
  if (spec === undefined) return defaultTrickleParams;
  const parsed = parseTrickleSpec(spec);
  // The parser's errors already start "--trickle: "; say it once.
  if (!parsed.ok) throw new UserError(`--trickle '${spec}': ${parsed.error.replace(/^--trickle: /, '')}`);
  return parsed.params;
}
