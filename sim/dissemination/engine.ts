// The shared core of Maté-style dissemination (Levis et al., NSDI 2004 section 6; SPEC 8): the mote
// table, the counters, one encode buffer and decode records for every mote, and the steps both the
// advertising (advertise.ts) and the transfer (transfer.ts) halves need: arming the one timer,
// pacing sends, offering code, installing code, and Trickle's rule 6.

import type { ProtocolHost } from '../network/protocol.js';
import { CAPSULE_TYPES, PAYLOAD_BYTES, isClassic, type Capsule } from '../../vm/capsule.js';
import { heardInconsistent, imaxOf, nextDeadline, reset, type TrickleParams } from '../../trickle/index.js';
import { MoteTable } from './mote-table.js';
import type { CapsuleAuth } from './auth.js';
import { CAPSULE_TYPE_COUNT, allPieces, capsuleFields, fragmentFields, requestFields, signaturePieces, summaryFields } from './packets.js';
import { DisseminationStats } from './stats.js';
import { isNewer, vectorDigest } from './versions.js';

export interface DisseminationParams {
  readonly trickle: TrickleParams;
  /**
   * The longest random wait (ns) before each data packet or request, drawn afresh each time, so
   * neighbours answering one summary do not all send at once and can hear (and skip) each other's
   * pieces. Default DEFAULT_JITTER_NS.
   */
  readonly jitter?: number;
  /**
   * A fixed wait (ns) before answering news (code or a summary back to an older neighbour, a
   * request to a newer one, pieces to a request), on top of the jitter. Default 0. The paper's Maté
   * answered "1 s after discovering an inconsistency" (tau_l; hence its 1.5 s best case per hop);
   * give NS_PER_SECOND to reproduce its propagation times.
   */
  readonly replyDelay?: number;
  /** How many motes to size the state table for at once (it grows past that anyway). */
  readonly motes?: number;
  /** Signed code (issue 9): motes take only code whose signature and pieces verify. Absent: unsigned, as Maté. */
  readonly auth?: CapsuleAuth;
  /** Who answers what and when (PROPAGATIONS); default 'rfc6206'. */
  readonly propagation?: Propagation;
}

/**
 * `rfc6206`: every inconsistency resets the hearer's timer (RFC 6206 rule 6); a mote holding newer
 * code pushes a classic capsule replyDelay after hearing an older summary, and one copy heard cancels
 * the push; a mote hearing a newer summary asks for the code replyDelay later.
 *
 * `mate`: Maté's rule as the Trickle paper describes it (section 6: "Maté broadcasts the new routine 1 s
 * after it discovers an inconsistency", hence its best case of tau_l / 2 + 1 s a hop) and TinyOS 1.x's
 * Bombilla BVirus did it: a newer summary resets the hearer's timer to tau_l and asks for nothing (its
 * own older summary at t is what tells the holder); an older summary leaves the holder's timer alone
 * and makes it broadcast the whole capsule replyDelay later, unless MATE_REDUNDANCY copies were heard
 * first; older code overheard is ignored.
 */
export const PROPAGATIONS = ['rfc6206', 'mate'] as const;
export type Propagation = (typeof PROPAGATIONS)[number];
/** Copies of a capsule heard that cancel Maté's pending answer (MVirus's MVIRUS_CAPSULE_REDUNDANCY). */
export const MATE_REDUNDANCY = 2;

/** 64 ms: room for about nine full packets (7.2 ms each, SPEC 5), short against Imin = 1 s. */
export const DEFAULT_JITTER_NS = 64_000_000;

export class Engine {
  readonly table: MoteTable;
  readonly stats: DisseminationStats;
  readonly trickle: TrickleParams;
  readonly jitter: number;
  readonly replyDelay: number;
  readonly auth: CapsuleAuth | undefined;
  readonly mate: boolean;
  /**
   * The one encode buffer, shared by every mote: each packet is built here and handed to
   * host.broadcast, which must copy payload[0..length) before returning.
   */
  readonly out = new Uint8Array(PAYLOAD_BYTES);
  readonly summary = summaryFields();
  readonly capsule = capsuleFields();
  readonly fragment = fragmentFields();
  readonly request = requestFields();
  private host: ProtocolHost | undefined;
  /** The mote whose packet is being handled (onPacket), or -1: code installed now came from it (the dissemination tree). */
  source = -1;
  /** Trickle takes a () => number; this one draws from the host of the call in progress, so no closure is made per call. */
  readonly random = (): number => (this.host as ProtocolHost).random();

  constructor(params: DisseminationParams) {
    this.trickle = params.trickle;
    const jitter = params.jitter ?? DEFAULT_JITTER_NS;
    if (!(Number.isSafeInteger(jitter) && jitter >= 1)) throw new RangeError(`dissemination: jitter=${jitter} must be a positive integer number of ns`);
    this.jitter = jitter;
    const replyDelay = params.replyDelay ?? 0;
    if (!(Number.isSafeInteger(replyDelay) && replyDelay >= 0)) throw new RangeError(`dissemination: replyDelay=${replyDelay} must be a non-negative integer number of ns`);
    this.replyDelay = replyDelay;
    this.auth = params.auth;
    this.mate = params.propagation === 'mate';
    this.table = new MoteTable(params.motes);
    this.stats = new DisseminationStats(imaxOf(params.trickle));
  }

  /** How long the answer to a request may take: the reply delay, then up to two jitter waits (the answer, and a piece queued behind another). */
  get answerWindow(): number {
    return this.replyDelay + 2 * this.jitter;
  }

  /** The bitmap of every piece code this long travels in: its code pieces, and with signed code its signature pieces. */
  pieces(codeLength: number): number {
    return this.auth === undefined ? allPieces(codeLength) : allPieces(codeLength) | signaturePieces(codeLength);
  }

  /** Every entry point calls this first, so `random` reaches the right mote's stream. */
  enter(host: ProtocolHost): void {
    this.host = host;
  }

  /** Arms the one timer at the earlier of the Trickle deadline and the next paced send, if that changed. */
  arm(host: ProtocolHost, slot: number): void {
    const t = this.table;
    const at = Math.min(nextDeadline(t.trickles[slot]), t.sendAt[slot]);
    if (at === t.armedAt[slot]) return;
    t.armedAt[slot] = at;
    host.setTimer(at);
  }

  /** Makes sure a paced send is coming, a random wait in [0, jitter) from now (the next packet of a burst). */
  schedule(slot: number, now: number): void {
    const t = this.table;
    if (t.sendAt[slot] === Infinity) t.sendAt[slot] = now + Math.floor(this.random() * this.jitter);
  }

  /** Makes sure a paced send is coming to answer news: replyDelay, then a random wait in [0, jitter). */
  reply(slot: number, now: number): void {
    this.schedule(slot, now + this.replyDelay);
  }

  /**
   * The mote holds newer code of this type than a neighbour. A classic capsule is pushed (Maté: send
   * what is newer; it is one packet). An extended one is not: a summary cannot say which fragments
   * the neighbour already holds, so pushing them all would resend pieces it has. Our summary goes
   * back instead, at the next paced send and outside Trickle's suppression (the paper's Maté answers
   * a summary directly too), and the neighbour asks for exactly the pieces it lacks. Signed code is
   * offered that way too: a classic capsule is then five packets (its descriptor first).
   */
  offer(host: ProtocolHost, slot: number, type: number, now: number): void {
    const stored = host.stored(type);
    if (stored === undefined) return;
    const t = this.table;
    const at = slot * CAPSULE_TYPE_COUNT + type;
    if (this.mate && this.auth === undefined) {
      if (t.pending[at] !== 0) return; // already answering
      t.copiesHeard[slot] = 0;
      t.pending[at] = this.pieces(stored.code.length); // Maté sends the capsule, every piece of it
      this.reply(slot, now);
      return;
    }
    if (isClassic(stored) && this.auth === undefined) t.pending[at] |= 1;
    else t.summaryDue[slot] = 1;
    this.reply(slot, now);
  }

  /**
   * A neighbour just sent the piece `piece` of code we hold: our own pending copy of it is redundant,
   * at once (rfc6206) or once MATE_REDUNDANCY copies were heard (mate).
   */
  heardCopy(slot: number, at: number, piece: number): void {
    const t = this.table;
    if (this.mate && ++t.copiesHeard[slot] < MATE_REDUNDANCY) return;
    t.pending[at] &= ~(1 << piece);
  }

  /** RFC 6206 rule 6 on hearing an inconsistency; it also closes the stable window. */
  inconsistent(slot: number, now: number): void {
    this.stats.disturbed(now);
    heardInconsistent(this.table.trickles[slot], now, this.random);
  }

  /**
   * Verifies, writes to flash and installs (host.install), then resets the timer to Imin (rule 6's
   * external event) so the new code is advertised soon. Returns whether it was installed.
   */
  install(host: ProtocolHost, slot: number, capsule: Capsule, hash: number, now: number): boolean {
    if (!host.verify(capsule)) {
      this.stats.rejected++;
      host.note('reject', capsule.version);
      return false;
    }
    const t = this.table;
    const type = CAPSULE_TYPES.indexOf(capsule.type);
    const base = slot * CAPSULE_TYPE_COUNT;
    host.install(capsule);
    t.versions[base + type] = capsule.version;
    t.hashes[base + type] = hash;
    t.digests[slot] = vectorDigest(t.versions, t.hashes, base);
    t.pending[base + type] = 0; // pieces of the code just replaced are no use to anyone
    if (t.wantTypes[slot] === type && !isNewer(t.wantVersions[slot], t.wantHashes[slot], capsule.version, hash)) {
      t.wantTypes[slot] = -1;
      t.requestDue[slot] = 0;
    }
    if (t.partialTypes[slot] === type && !isNewer(t.partialVersions[slot], t.partialHashes[slot], capsule.version, hash)) {
      t.partialTypes[slot] = -1;
      t.partialCode[slot] = undefined;
    }
    t.installTimes(type)[slot] = now;
    t.recordTree(slot, type, this.source);
    this.stats.installs++;
    this.stats.record(type, capsule.version, hash).installs++;
    this.stats.disturbed(now);
    reset(t.trickles[slot], now, this.random);
    host.note('install', capsule.version);
    return true;
  }
}
