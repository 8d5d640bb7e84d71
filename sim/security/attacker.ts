// The takeover scenario (issue 9): `--attacker M:version=V[,type=T][,at=TIME]` makes mote M a rogue
// that broadcasts its own capsule of type T (default: the type of the first injected capsule, else
// clock) with version V from TIME on (default 1 s). Unsigned networks install whatever is newest, so a
// version of 2^32 - 1 wins everywhere and nothing legitimate of that type can ever beat it. In a signed
// network the rogue signs with a key of its own, which no mote accepts.

import { CAPSULE_TYPES, MAX_VERSION, isCapsuleType, type Capsule, type CapsuleType } from '../../vm/capsule.js';
import { opcodeByName } from '../../vm/opcodes.js';
import { parseTime } from '../network/faults.js';
import { keyPairFromSeed } from './keys.js';
import { signCapsule } from './signature.js';
import { withSignature, type SignedCapsule } from './signed-capsule.js';

export interface AttackerSpec {
  readonly mote: number;
  readonly version: number;
  readonly type?: CapsuleType;
  /** When the rogue code appears on the mote (ns). */
  readonly at: number;
}

export type AttackerResult = { ok: true; attacker: AttackerSpec } | { ok: false; error: string };

export const DEFAULT_ATTACK_NS = 1e9;

export function parseAttacker(text: string, motes: number): AttackerResult {
  const fail = (why: string): AttackerResult => ({ ok: false, error: `--attacker '${text}': ${why}` });
  const colon = text.indexOf(':');
  const moteText = colon < 0 ? text : text.slice(0, colon);
  if (!/^\d+$/.test(moteText) || Number(moteText) >= motes) return fail(`want a mote id from 0 to ${motes - 1} before the colon, e.g. 17:version=4294967295`);
  let version: number | undefined;
  let type: CapsuleType | undefined;
  let at = DEFAULT_ATTACK_NS;
  for (const field of colon < 0 ? [] : text.slice(colon + 1).split(',')) {
    const [key, value = ''] = field.split('=', 2);
    if (key === 'version') {
      version = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(Number.isSafeInteger(version) && version <= MAX_VERSION)) return fail(`version must be 0 to ${MAX_VERSION}, got '${value}'`);
    } else if (key === 'type') {
      if (!isCapsuleType(value)) return fail(`type must be one of ${CAPSULE_TYPES.join(', ')}, got '${value}'`);
      type = value;
    } else if (key === 'at') {
      const t = parseTime(value);
      if (t === undefined) return fail(`bad time '${value}' (30s, 500ms, 2m, 1h)`);
      at = t;
    } else {
      return fail(`unknown field '${key}'; want version=N, type=T or at=TIME`);
    }
  }
  if (version === undefined) return fail('want version=N, e.g. 17:version=4294967295');
  return { ok: true, attacker: { mote: Number(moteText), version, type, at } };
}

/** The rogue's code: every LED on, for good (pushc 7, putled, halt), so a takeover shows at a glance. */
function rogueCode(): Uint8Array {
  const op = (name: string): number => (opcodeByName(name) as { code: number }).code;
  return Uint8Array.of(op('pushc') | 7, op('putled'), op('halt'));
}

/**
 * The capsule mote `mote` broadcasts, named rogue@M. In a signed network it carries a signature made
 * with the attacker's own key (the base station's is out of reach), so it looks the part but fails.
 */
export function rogueCapsule(spec: AttackerSpec, type: CapsuleType, signed: boolean): Capsule | SignedCapsule {
  const capsule: Capsule = { type: spec.type ?? type, version: spec.version, name: `rogue@${spec.mote}`, code: rogueCode() };
  if (!signed) return capsule;
  const seed = new Uint8Array(32).fill(0xa5);
  seed[0] = spec.mote & 0xff;
  seed[1] = spec.mote >>> 8;
  return withSignature(capsule, signCapsule(capsule, keyPairFromSeed(seed).privateKey));
}
