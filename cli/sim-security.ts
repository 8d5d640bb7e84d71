// The signed-code flags of `mote sim` (issue 9): --key FILE (sign what is injected or loaded and give
// the motes the public key), --insecure (unsigned code, as Maté had) and --attacker (a rogue mote).
// Everything the simulation needs from them is set up here, so sim.ts only wires the result in.

import type { KeyObject } from 'node:crypto';
import { capsuleKey } from '../sim/dissemination/stats.js';
import { contentHash } from '../sim/dissemination/versions.js';
import { parseAttacker, rogueCapsule } from '../sim/security/attacker.js';
import { createMoteSecurity, type MoteSecurity } from '../sim/security/auth.js';
import { ED25519_VERIFY_CYCLES } from '../sim/security/costs.js';
import { fingerprint } from '../sim/security/keys.js';
import { signCapsule, verifyCapsule } from '../sim/security/signature.js';
import { signatureOf, withSignature } from '../sim/security/signed-capsule.js';
import { CAPSULE_TYPES, type Capsule, type CapsuleType } from '../vm/capsule.js';
import { UserError } from './io.js';
import { loadKeyFile } from './key-file.js';

export interface SecurityFlags {
  key?: string;
  insecure?: boolean;
  attacker?: string[];
}

export interface Attack {
  readonly mote: number;
  readonly capsule: Capsule;
  readonly at: number;
}

export interface SimSecurity {
  /** The motes' CapsuleAuth in a signed network; undefined when code is unsigned. */
  readonly auth: MoteSecurity | undefined;
  readonly attacks: readonly Attack[];
  /** The capsule to load or inject: signed with --key's private key, or checked against its public key. */
  prepare(capsule: Capsule, file: string): Capsule;
  /** Motes counted in coverage: every mote but the attackers. */
  isHonest(mote: number): boolean;
  /** Whether a capsule (type, version, hash) is a rogue's. */
  isRogue(type: CapsuleType, version: number, hash: number): boolean;
  /** The summary's `security` block. */
  report(): SecurityReport;
}

export interface SecurityReport {
  readonly mode: 'signed' | 'unsigned';
  /** The public key's fingerprint in a signed network. */
  readonly key: string | null;
  readonly attackers: number[];
  readonly signatureChecks: number;
  readonly signatureFailures: number;
  readonly pieceChecks: number;
  readonly forgedPieces: number;
  /** Seconds of mote CPU spent checking, network-wide (4 MHz, SPEC 1). */
  readonly checkSeconds: number;
  /** Mote id to the signatures and pieces it turned away. */
  readonly rejectionsByMote: Record<string, number>;
}

const MOTE_HZ = 4e6;

/** `firstType`: the type of the first injected capsule, the rogue's default. */
export function setupSecurity(flags: SecurityFlags, motes: number, firstType: CapsuleType | undefined, warn?: (line: string) => void): SimSecurity {
  if (flags.key !== undefined && flags.insecure === true) throw new UserError('--key and --insecure contradict each other: give one');
  const specs = (flags.attacker ?? []).map((text) => {
    const parsed = parseAttacker(text, motes);
    if (!parsed.ok) throw new UserError(parsed.error);
    return parsed.attacker;
  });
  if (specs.length > 0 && flags.key === undefined && flags.insecure !== true) {
    throw new UserError('--attacker needs --key FILE (signed code: the rogue installs nowhere) or --insecure (unsigned: it takes over)');
  }
  const ids = specs.map((s) => s.mote);
  const twice = ids.find((m, i) => ids.indexOf(m) !== i);
  if (twice !== undefined) throw new UserError(`--attacker: mote ${twice} is named twice`);
  const key = flags.key === undefined ? undefined : loadKeyFile(flags.key, warn);
  const auth = key === undefined ? undefined : createMoteSecurity({ publicKey: key.publicKey, compromised: ids });
  const attacks = specs.map((s) => ({ mote: s.mote, at: s.at, capsule: rogueCapsule(s, firstType ?? 'clock', auth !== undefined) }));
  const rogues = new Set(attacks.map((a) => capsuleKey(CAPSULE_TYPES.indexOf(a.capsule.type), a.capsule.version, contentHash(a.capsule.code))));
  const attackers = new Set(ids);
  return {
    auth,
    attacks,
    prepare: (capsule, file) => (key === undefined ? capsule : signed(capsule, file, key.publicKey, key.privateKey, flags.key as string)),
    isHonest: (mote) => !attackers.has(mote),
    isRogue: (type, version, hash) => rogues.has(capsuleKey(CAPSULE_TYPES.indexOf(type), version, hash)),
    report: () => {
      const c = auth?.counters;
      const byMote: Record<string, number> = {};
      c?.rejectionsByMote.forEach((n, m) => {
        if (n > 0) byMote[m] = n;
      });
      return {
        mode: auth === undefined ? 'unsigned' : 'signed',
        key: key === undefined ? null : fingerprint(key.publicKey),
        attackers: ids,
        signatureChecks: c?.signatureChecks ?? 0,
        signatureFailures: c?.signatureFailures ?? 0,
        pieceChecks: c?.pieceChecks ?? 0,
        forgedPieces: c?.pieceFailures ?? 0,
        checkSeconds: (c?.cycles ?? 0) / MOTE_HZ,
        rejectionsByMote: byMote,
      };
    },
  };
}

/** A private key signs; a public key alone only accepts capsule files already signed with its pair. */
function signed(capsule: Capsule, file: string, publicKey: KeyObject, privateKey: KeyObject | undefined, keyFile: string): Capsule {
  if (privateKey !== undefined) return withSignature(capsule, signCapsule(capsule, privateKey));
  const signature = signatureOf(capsule);
  if (signature === undefined) throw new UserError(`${file}: not signed; sign it with mote asm --sign, or give --key the private key`);
  if (!verifyCapsule(publicKey, capsule, signature)) {
    throw new UserError(`${file}: its signature does not verify under ${keyFile} (signed with another key, or changed since, e.g. by :vN)`);
  }
  return capsule;
}

/** One line for the text summary. */
export function formatSecurity(r: SecurityReport): string {
  if (r.mode === 'unsigned') return r.attackers.length > 0 ? `security: unsigned code (--insecure); attackers at motes ${r.attackers.join(', ')}\n` : '';
  const where = Object.keys(r.rejectionsByMote);
  return (
    `security: signed by ${r.key}; ${r.signatureChecks} signature checks (${r.signatureFailures} failed), ` +
    `${r.pieceChecks} pieces checked (${r.forgedPieces} forged), ${r.checkSeconds.toFixed(1)} s of mote CPU ` +
    `(${(ED25519_VERIFY_CYCLES / MOTE_HZ).toFixed(1)} s a signature)` +
    (where.length > 0 ? `; rejections at motes ${where.join(', ')}` : '') +
    (r.attackers.length > 0 ? `; attackers at motes ${r.attackers.join(', ')}` : '') +
    '\n'
  );
}
