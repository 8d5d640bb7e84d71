// Maté-style code dissemination over Trickle (Levis et al., NSDI 2004 section 6; RFC 6206; issue 5):
// the Protocol each mote runs (sim/network/protocol.ts), and the handle the network and the CLI keep
// to read what happened. One Engine holds every mote's state in a shared table; each mote gets a
// two-field object that forwards the seam's calls with its slot.
//
// Timer multiplexing: the mote offers one timer; it is armed at the earlier of the Trickle deadline
// (t or the interval's end) and the next paced send (a piece of code, a summary answering older
// news, or a request), and re-armed only when that time changes.

import { AM, type Protocol, type ProtocolHost } from '../network/protocol.js';
import { CAPSULE_TYPES, EXTENDED_MAX_BYTES, MAX_VERSION, type Capsule } from '../../vm/capsule.js';
import { advance, nextDeadline, start, type TrickleState } from '../../trickle/index.js';
import { hearSummary, retryWant, sendSummary } from './advertise.js';
import { Engine, type DisseminationParams } from './engine.js';
import { CAPSULE_TYPE_COUNT, decodeCapsule, decodeFragment, decodeRequest, decodeSignaturePiece, decodeSummary } from './packets.js';
import { capsuleReports, maintenanceReport, type CapsuleReport, type MaintenanceReport } from './report.js';
import type { DisseminationStats } from './stats.js';
import { hearCapsule, hearFragment, hearRequest, hearSignature, sendPaced, sendPiece } from './transfer.js';
import { contentHash, isNewer, vectorDigest } from './versions.js';

export interface Dissemination {
  /** The factory the simulator calls once per mote; the same id always gets the same protocol. */
  readonly protocolFor: (moteId: number) => Protocol;
  /** Live counters (packets by kind, per capsule records); read-only for callers. */
  readonly stats: DisseminationStats;
  /** A mote's Trickle timer (I, c, t, phase) for the dashboard, without copying; undefined for unknown motes. */
  trickleOf(moteId: number): Readonly<TrickleState> | undefined;
  /** The (version, hash) a mote holds for a type, or undefined for unknown motes; an empty type is (0, 0). */
  installed(moteId: number, type: number): { readonly version: number; readonly hash: number } | undefined;
  /** Per capsule: name, version, injectedAt, coveredAt, coverage, transmissions (report.ts). */
  capsules(isLive?: (moteId: number) => boolean): CapsuleReport[];
  /** Trickle's maintenance cost at simulated time `now` (ns), including transmissionsPerInterval. */
  maintenance(now: number): MaintenanceReport;
}

/** The AM types the protocol handles, in one frozen array shared by every mote. */
const AM_TYPES: readonly number[] = Object.freeze([AM.summary, AM.capsule, AM.fragment, AM.request, AM.signature]);

/**
 * Throws RangeError on bad Trickle parameters or jitter, and protocolFor on a mote id that is not a
 * non-negative integer: programming errors (the CLI validates user text first).
 */
export function createDissemination(params: DisseminationParams): Dissemination {
  const e = new Engine(params);
  // Indexed by mote id: a plain array costs 8 bytes a mote where a Map would cost several times that.
  const protocols: (MoteProtocol | undefined)[] = [];
  const slotOf = (moteId: number): number | undefined => e.table.slotOf[moteId];
  return {
    protocolFor(moteId: number): Protocol {
      if (!(Number.isSafeInteger(moteId) && moteId >= 0)) throw new RangeError(`dissemination: mote id ${moteId} is not a non-negative integer`);
      let p = protocols[moteId];
      if (p === undefined) protocols[moteId] = p = new MoteProtocol(e, e.table.add(moteId, e.trickle));
      return p;
    },
    stats: e.stats,
    trickleOf(moteId) {
      const slot = slotOf(moteId);
      return slot === undefined ? undefined : e.table.trickles[slot];
    },
    installed(moteId, type) {
      const slot = slotOf(moteId);
      if (slot === undefined || !(Number.isInteger(type) && type >= 0 && type < CAPSULE_TYPE_COUNT)) return undefined;
      const at = slot * CAPSULE_TYPE_COUNT + type;
      return { version: e.table.versions[at], hash: e.table.hashes[at] };
    },
    capsules: (isLive) => capsuleReports(e.table, e.stats, isLive),
    maintenance: (now) => maintenanceReport(e.table, e.stats, now),
  };
}

class MoteProtocol implements Protocol {
  constructor(
    private readonly e: Engine,
    readonly slot: number,
  ) {}

  get amTypes(): readonly number[] {
    return AM_TYPES;
  }

  /** RAM is fresh, flash is not: versions come from the stored capsules, so a rebooted mote rejoins consistent. */
  boot(host: ProtocolHost): void {
    const { e, slot } = this;
    const t = e.table;
    e.enter(host);
    t.clearRam(slot);
    const base = slot * CAPSULE_TYPE_COUNT;
    for (let type = 0; type < CAPSULE_TYPE_COUNT; type++) {
      const c = host.stored(type);
      const ok = c !== undefined && isValidCapsule(c) && c.type === CAPSULE_TYPES[type];
      t.versions[base + type] = ok ? c.version : 0;
      t.hashes[base + type] = ok ? contentHash(c.code) : 0;
    }
    t.digests[slot] = vectorDigest(t.versions, t.hashes, base);
    const now = host.now();
    // RFC 6206 rule 1: any I in [Imin, Imax] may start; Imin gets a rebooted mote's summary out soonest.
    start(t.trickles[slot], now, e.random, 0);
    e.stats.disturbed(now);
    e.arm(host, slot);
  }

  onTimer(host: ProtocolHost): void {
    const { e, slot } = this;
    const t = e.table;
    e.enter(host);
    t.armedAt[slot] = NaN; // it fired: nothing is armed now
    const now = host.now();
    const trickle = t.trickles[slot];
    while (nextDeadline(trickle) <= now) {
      const action = advance(trickle, now, e.random);
      if (action === 'transmit') sendSummary(e, host, slot, now);
      else if (action === 'suppress') e.stats.suppressed++;
      if (action === 'transmit' || action === 'suppress') retryWant(e, slot, now);
    }
    if (t.sendAt[slot] <= now) sendPaced(e, host, slot, now);
    e.arm(host, slot);
  }

  onPacket(host: ProtocolHost, amType: number, payload: Uint8Array, length: number, source: number): void {
    const { e, slot } = this;
    if (e.table.trickles[slot].phase === 'stopped' || !(payload instanceof Uint8Array)) return; // not booted: the radio is off
    e.enter(host);
    e.source = source;
    this.dispatch(host, amType, payload, length);
    e.source = -1;
    e.arm(host, slot);
  }

  private dispatch(host: ProtocolHost, amType: number, payload: Uint8Array, length: number): void {
    const { e, slot } = this;
    const now = host.now();
    if (amType === AM.summary) {
      if (decodeSummary(payload, length, e.summary)) hearSummary(e, host, slot, e.summary, now);
    } else if (amType === AM.capsule) {
      if (decodeCapsule(payload, length, e.capsule)) hearCapsule(e, host, slot, e.capsule, payload, now);
    } else if (amType === AM.fragment) {
      if (decodeFragment(payload, length, e.fragment)) hearFragment(e, host, slot, e.fragment, payload, now);
    } else if (amType === AM.request) {
      if (decodeRequest(payload, length, e.request)) hearRequest(e, host, slot, e.request, now);
    } else if (amType === AM.signature) {
      if (decodeSignaturePiece(payload, length, e.fragment)) hearSignature(e, host, slot, e.fragment, payload, now);
    }
  }

  /**
   * The base station's new code: installed here when it is valid, verifies, and is newer than what
   * the mote holds (the version rule; an older or equal capsule would lose to the network anyway and
   * is noted "stale"). Installing resets the timer to Imin (rule 6), which starts the spread. With
   * signed code the capsule's own signature must verify too, unless the mote is compromised.
   */
  inject(host: ProtocolHost, capsule: Capsule): void {
    const { e, slot } = this;
    e.enter(host);
    const auth = e.auth;
    if (!isValidCapsule(capsule) || (auth !== undefined && !auth.compromised(host.moteId) && !auth.verifyCapsule(host, capsule))) {
      e.stats.rejected++;
      host.note('reject', 0);
      return;
    }
    const type = CAPSULE_TYPES.indexOf(capsule.type);
    const at = slot * CAPSULE_TYPE_COUNT + type;
    const hash = contentHash(capsule.code);
    if (!isNewer(capsule.version, hash, e.table.versions[at], e.table.hashes[at])) {
      host.note('stale', capsule.version);
      return;
    }
    const now = host.now();
    if (!e.install(host, slot, capsule, hash, now)) return;
    const record = e.stats.record(type, capsule.version, hash);
    if (record.injectedAt === null) {
      record.injectedAt = now;
      record.injectedBy = host.moteId;
      record.name = capsule.name;
    }
    e.arm(host, slot);
  }

  /** Bytecode forw/forwo: the installed capsule of `type` goes out now, every piece of it (one now, the rest paced). */
  forward(host: ProtocolHost, type: number): void {
    const { e, slot } = this;
    const t = e.table;
    if (!(Number.isInteger(type) && type >= 0 && type < CAPSULE_TYPE_COUNT) || t.trickles[slot].phase === 'stopped') return;
    e.enter(host);
    const at = slot * CAPSULE_TYPE_COUNT + type;
    const stored = host.stored(type);
    if (stored === undefined || t.hashes[at] === 0) return;
    const now = host.now();
    t.pending[at] |= e.pieces(stored.code.length);
    sendPiece(e, host, slot, type, now);
    if (t.pending[at] !== 0) e.schedule(slot, now);
    e.arm(host, slot);
  }
}

/** A capsule the protocol can carry: a known type, a 32-bit version, and code that fits an extended capsule. */
function isValidCapsule(c: Capsule): boolean {
  return (
    typeof c === 'object' &&
    c !== null &&
    CAPSULE_TYPES.includes(c.type) &&
    Number.isInteger(c.version) &&
    c.version >= 0 &&
    c.version <= MAX_VERSION &&
    c.code instanceof Uint8Array &&
    c.code.length <= EXTENDED_MAX_BYTES &&
    typeof c.name === 'string'
  );
}
