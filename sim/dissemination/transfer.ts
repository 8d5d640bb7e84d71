// Trickle's data half: code goes out one piece per paced send (a classic capsule whole, an extended
// one fragment by fragment), requests name the missing pieces with a bitmap, and a piece overheard
// from a neighbour cancels our own copy of it (suppression, as Deluge does for data). Received code
// is reassembled, checked against its content hash, verified and installed (engine.ts). Signed code
// (issue 9, auth.ts) sends its signature pieces first; a piece of code counts only once the
// descriptor has verified, and only if it matches its hash there, so a forged piece cannot poison
// the copy being assembled (Seluge, Hyun et al. IPSN 2008; sim/security/README.md).

import { AM, type ProtocolHost } from '../network/protocol.js';
import { CAPSULE_TYPES, EXTENDED_MAX_BYTES, isClassic, type Capsule } from '../../vm/capsule.js';
import { REQUEST_RETRIES, sendSummary, want } from './advertise.js';
import type { Engine } from './engine.js';
import {
  CAPSULE_TYPE_COUNT,
  FRAGMENT_DATA_BYTES,
  SIGNATURE_PIECE_BIT,
  descriptorLength,
  encodeCapsule,
  encodeFragment,
  encodeRequest,
  encodeSignaturePiece,
  signaturePieces,
  type CapsuleFields,
  type FragmentFields,
  type RequestFields,
} from './packets.js';
import { capsuleKey } from './stats.js';
import { heardConsistent } from '../../trickle/index.js';
import { contentHash, digest32, isNewer } from './versions.js';

/** Signed code: the partial copy keeps its descriptor after the code, at this offset. */
const DESCRIPTOR_AT = EXTENDED_MAX_BYTES;
const SIGNED_PARTIAL_BYTES = EXTENDED_MAX_BYTES + descriptorLength(EXTENDED_MAX_BYTES);

/** The pieces of a stored capsule this mote can send: all of them, but none of signed code it holds no signature for. */
function servable(e: Engine, stored: Capsule): number {
  if (e.auth !== undefined && e.auth.descriptorOf(stored) === undefined) return 0;
  return e.pieces(stored.code.length);
}

/**
 * A paced send is due: one packet, in this order: a pending piece of installed code (serving others
 * first), a summary answering older news, our request.
 */
export function sendPaced(e: Engine, host: ProtocolHost, slot: number, now: number): void {
  const t = e.table;
  t.sendAt[slot] = Infinity;
  const base = slot * CAPSULE_TYPE_COUNT;
  let sent = false;
  for (let type = 0; type < CAPSULE_TYPE_COUNT && !sent; type++) {
    if (t.pending[base + type] !== 0) sent = sendPiece(e, host, slot, type, now);
  }
  if (!sent && t.summaryDue[slot] !== 0) {
    sendSummary(e, host, slot, now); // on a full queue it stays due for the next slot
    sent = true;
  }
  if (!sent && t.requestDue[slot] !== 0) sendRequest(e, host, slot, now);
  let more = t.requestDue[slot] !== 0 || t.summaryDue[slot] !== 0;
  for (let type = 0; type < CAPSULE_TYPE_COUNT; type++) if (t.pending[base + type] !== 0) more = true;
  if (more) e.schedule(slot, now);
}

/**
 * Broadcasts the lowest pending piece of the installed capsule of `type` (signature pieces before
 * code, so receivers can check the code as it comes). Returns false when there was nothing valid to
 * send (the pending bits are then cleared), true when the slot was used, even if the send queue was
 * full (the piece stays pending for the next slot).
 */
export function sendPiece(e: Engine, host: ProtocolHost, slot: number, type: number, now: number): boolean {
  const t = e.table;
  const at = slot * CAPSULE_TYPE_COUNT + type;
  const stored = host.stored(type);
  const version = t.versions[at];
  const hash = t.hashes[at];
  const bits = stored === undefined || stored.version !== version ? 0 : t.pending[at] & servable(e, stored);
  if (stored === undefined || bits === 0) {
    t.pending[at] = 0;
    return false;
  }
  const signatureBits = bits >>> SIGNATURE_PIECE_BIT;
  const index = signatureBits !== 0 ? SIGNATURE_PIECE_BIT + 31 - Math.clz32(signatureBits & -signatureBits) : 31 - Math.clz32(bits & -bits);
  const classic = isClassic(stored);
  let length: number;
  let am: number;
  if (index >= SIGNATURE_PIECE_BIT) {
    const descriptor = (e.auth?.descriptorOf(stored)) as Uint8Array; // servable() made sure there is one
    length = encodeSignaturePiece(e.out, type, version, hash, stored.code.length, descriptor, index - SIGNATURE_PIECE_BIT);
    am = AM.signature;
  } else {
    length = classic ? encodeCapsule(e.out, type, version, stored.code) : encodeFragment(e.out, type, version, hash, stored.code, index);
    am = classic ? AM.capsule : AM.fragment;
  }
  if (!host.broadcast(am, e.out, length)) return true;
  t.pending[at] &= ~(1 << index);
  e.stats.data++;
  e.stats.transmitted(now);
  e.stats.record(type, version, hash).data++;
  return true;
}

/** Asks for the wanted capsule: the pieces the partial copy lacks, or all (every bit) when there is none. */
function sendRequest(e: Engine, host: ProtocolHost, slot: number, now: number): void {
  const t = e.table;
  const type = t.wantTypes[slot];
  const version = t.wantVersions[slot];
  const hash = t.wantHashes[slot];
  const partial = t.partialTypes[slot] === type && t.partialVersions[slot] === version && t.partialHashes[slot] === hash;
  const missing = partial ? e.pieces(t.partialLengths[slot]) & ~t.partialHave[slot] : allRequested(e);
  const length = encodeRequest(e.out, type, version, hash, missing);
  if (!host.broadcast(AM.request, e.out, length)) return;
  t.requestDue[slot] = 0;
  t.requestedAt[slot] = now;
  e.stats.requests++;
  e.stats.transmitted(now);
  const record = e.stats.known(type, version, hash);
  if (record !== undefined) record.requests++;
}

/**
 * Code heard for (type, version, hash). Returns true when it is newer than ours and worth taking.
 * The same code as ours cancels our pending copy of that piece. Other code is an inconsistency
 * (rule 6); older code also means the sender is behind, so ours is offered back.
 */
function isWorthTaking(e: Engine, host: ProtocolHost, slot: number, type: number, version: number, hash: number, piece: number, now: number): boolean {
  const t = e.table;
  const at = slot * CAPSULE_TYPE_COUNT + type;
  const ourV = t.versions[at];
  const ourH = t.hashes[at];
  if (version === ourV && hash === ourH) {
    e.heardCopy(slot, at, piece);
    return false;
  }
  const newer = isNewer(version, hash, ourV, ourH);
  if (e.mate && !newer) return false; // MVirus: an older chunk is counted, never answered
  e.inconsistent(slot, now); // newer or older, the sender's code differs from ours
  if (newer) return true;
  e.offer(host, slot, type, now);
  return false;
}

/** A request for every piece: 0xff, or 0xffff with signed code (signature pieces too). */
function allRequested(e: Engine): number {
  return e.auth === undefined ? 0xff : 0xffff;
}

export function hearCapsule(e: Engine, host: ProtocolHost, slot: number, f: CapsuleFields, payload: Uint8Array, now: number): void {
  const hash = contentHash(payload, f.codeOffset, f.codeLength);
  if (e.auth !== undefined) {
    // Signed code: a classic capsule is the one piece of code after its descriptor.
    const p = e.fragment;
    p.type = f.type;
    p.version = f.version;
    p.hash = hash;
    p.total = f.codeLength;
    p.index = 0;
    p.dataOffset = f.codeOffset;
    p.dataLength = f.codeLength;
    hearPiece(e, host, slot, p, payload, now, 0);
    return;
  }
  if (!isWorthTaking(e, host, slot, f.type, f.version, hash, 0, now)) return;
  const capsule: Capsule = {
    type: CAPSULE_TYPES[f.type],
    version: f.version,
    name: e.stats.nameOf(f.type, f.version, hash),
    code: payload.slice(f.codeOffset, f.codeOffset + f.codeLength),
  };
  e.install(host, slot, capsule, hash, now);
}

export function hearFragment(e: Engine, host: ProtocolHost, slot: number, f: FragmentFields, payload: Uint8Array, now: number): void {
  hearPiece(e, host, slot, f, payload, now, f.index);
}

/** Signed code: a piece of a capsule's descriptor (f.total is the code's length). */
export function hearSignature(e: Engine, host: ProtocolHost, slot: number, f: FragmentFields, payload: Uint8Array, now: number): void {
  if (e.auth !== undefined) hearPiece(e, host, slot, f, payload, now, SIGNATURE_PIECE_BIT + f.index);
}

/**
 * A piece (bit `bit` of the capsule's piece bitmap) of newer code joins the partial copy when it is
 * the same capsule. Otherwise it starts a new one if there is none, if it is newer code of the
 * partial's type, or if it is what the mote is asking for; else it is ignored (one capsule is
 * reassembled at a time). With signed code, a verified descriptor pins the partial copy, and a
 * piece of code is taken only after it and only if it matches its hash there.
 */
function hearPiece(e: Engine, host: ProtocolHost, slot: number, f: FragmentFields, payload: Uint8Array, now: number, bit: number): void {
  const t = e.table;
  const auth = e.auth;
  if (auth !== undefined && t.heldBack(slot, capsuleKey(f.type, f.version, f.hash), now)) return;
  if (!isWorthTaking(e, host, slot, f.type, f.version, f.hash, bit, now)) return;
  const p = t.partialTypes[slot];
  const named = p === f.type && t.partialVersions[slot] === f.version && t.partialHashes[slot] === f.hash;
  if (!(named && t.partialLengths[slot] === f.total)) {
    if (named && t.partialTrusted[slot] === 1) return; // another length under a verified descriptor's name: forged
    const wanted = t.wantTypes[slot] === f.type && t.wantVersions[slot] === f.version && t.wantHashes[slot] === f.hash;
    if (auth !== undefined && (bit < SIGNATURE_PIECE_BIT || (t.partialTrusted[slot] === 1 && !wanted))) {
      // Signed code: a copy starts from its descriptor, and unchecked claims never displace a verified
      // copy; a piece of code only says the capsule exists.
      if (!wanted) want(e, slot, f.type, f.version, f.hash, now, false);
      return;
    }
    const newerOfType = p === f.type && isNewer(f.version, f.hash, t.partialVersions[slot], t.partialHashes[slot]);
    if (!(p < 0 || newerOfType || wanted)) return;
    t.partialTypes[slot] = f.type;
    t.partialVersions[slot] = f.version;
    t.partialHashes[slot] = f.hash;
    t.partialLengths[slot] = f.total;
    t.partialHave[slot] = 0;
    t.partialTrusted[slot] = 0;
    // Pieces of newer code prove it exists: if some never arrive, ask for them at the next Trickle point.
    if (!wanted) want(e, slot, f.type, f.version, f.hash, now, false);
  }
  const mask = 1 << bit;
  if ((t.partialHave[slot] & mask) !== 0) return;
  let code = t.partialCode[slot];
  if (code === undefined) {
    code = new Uint8Array(auth === undefined ? EXTENDED_MAX_BYTES : SIGNED_PARTIAL_BYTES);
    t.partialCode[slot] = code;
  }
  const descriptor = code.subarray(DESCRIPTOR_AT, DESCRIPTOR_AT + descriptorLength(f.total));
  if (auth !== undefined && bit < SIGNATURE_PIECE_BIT) {
    if (t.partialTrusted[slot] === 0) return; // nothing to check it against yet: its signature comes first
    if (!auth.checkPiece(host, f.type, f.version, f.index, payload, f.dataOffset, f.dataLength, descriptor)) {
      e.stats.forged++;
      host.note('forged', f.index);
      return;
    }
  }
  const to = (bit < SIGNATURE_PIECE_BIT ? 0 : DESCRIPTOR_AT) + f.index * FRAGMENT_DATA_BYTES;
  for (let i = 0; i < f.dataLength; i++) code[to + i] = payload[f.dataOffset + i];
  t.partialHave[slot] |= mask;
  if (t.wantTypes[slot] === f.type && t.wantVersions[slot] === f.version && t.wantHashes[slot] === f.hash) t.requestRetries[slot] = REQUEST_RETRIES;
  if (auth !== undefined && bit >= SIGNATURE_PIECE_BIT) {
    const all = signaturePieces(f.total);
    if ((t.partialHave[slot] & all) !== all) return;
    // A descriptor that failed before is dropped unchecked: replaying it costs the mote no second check.
    const digest = digest32(descriptor);
    if (t.failedBefore(slot, capsuleKey(f.type, f.version, f.hash), digest) || !auth.verifyDescriptor(host, f.type, f.version, f.total, descriptor)) {
      rejectPartial(e, host, slot, f, digest, now);
      return;
    }
    t.partialTrusted[slot] = 1;
  }
  if (t.partialHave[slot] !== e.pieces(f.total)) return;
  const whole = code.slice(0, f.total);
  const signed = auth === undefined ? undefined : descriptor.slice();
  t.partialTypes[slot] = -1;
  t.partialCode[slot] = undefined;
  t.partialTrusted[slot] = 0;
  if (contentHash(whole) !== f.hash) {
    // Pieces that do not add up to the code they name: garbage, or two codes under one hash.
    e.stats.rejected++;
    host.note('reject', f.version);
    if (signed !== undefined) t.reject(slot, capsuleKey(f.type, f.version, f.hash), digest32(signed), now, e.stats.imax);
    return;
  }
  const capsule: Capsule = { type: CAPSULE_TYPES[f.type], version: f.version, name: e.stats.nameOf(f.type, f.version, f.hash), code: whole };
  e.install(host, slot, auth === undefined || signed === undefined ? capsule : auth.signed(capsule, signed), f.hash, now);
}

/**
 * Signed code whose descriptor failed to verify: the copy is dropped, counted, and the capsule is held
 * off for a while (mote-table.ts REJECT_MEMORY), so Trickle never spreads it from here.
 */
function rejectPartial(e: Engine, host: ProtocolHost, slot: number, f: FragmentFields, digest: number, now: number): void {
  const t = e.table;
  e.stats.rejected++;
  host.note('reject', f.version);
  t.reject(slot, capsuleKey(f.type, f.version, f.hash), digest, now, e.stats.imax);
  t.partialTypes[slot] = -1;
  t.partialCode[slot] = undefined;
  t.partialTrusted[slot] = 0;
  if (t.wantTypes[slot] === f.type && t.wantVersions[slot] === f.version && t.wantHashes[slot] === f.hash) {
    t.wantTypes[slot] = -1;
    t.requestDue[slot] = 0;
  }
}

/**
 * A request heard; whatever it asks for, the asker differs from us (rule 6). For our exact code:
 * queue the pieces asked for. For older code than ours: the asker is behind whatever it gets (a
 * classic capsule is pushed). For newer code than ours: we are behind too; and if we were about to
 * ask for the same pieces or fewer, this request does it for us, so ours is dropped (suppression).
 */
export function hearRequest(e: Engine, host: ProtocolHost, slot: number, r: RequestFields, now: number): void {
  const t = e.table;
  const at = slot * CAPSULE_TYPE_COUNT + r.type;
  const ourV = t.versions[at];
  const ourH = t.hashes[at];
  if (r.version === ourV && r.hash === ourH) {
    const stored = host.stored(r.type);
    if (stored === undefined) return;
    if (e.mate) {
      if (t.pending[at] === 0) t.copiesHeard[slot] = 0; // MVirus: a maintaining mote starts to answer
    } else {
      e.inconsistent(slot, now); // keeps our summaries coming at Imin while the asker still lacks pieces
    }
    t.pending[at] |= r.missing & servable(e, stored);
    if (t.pending[at] !== 0) e.reply(slot, now);
    return;
  }
  if (e.mate && t.wantTypes[slot] === r.type && t.wantVersions[slot] === r.version && t.wantHashes[slot] === r.hash) {
    heardConsistent(t.trickles[slot]); // MVirus: the same request heard counts towards suppressing ours
    return;
  }
  e.inconsistent(slot, now);
  if (isNewer(ourV, ourH, r.version, r.hash)) {
    e.offer(host, slot, r.type, now);
    return;
  }
  const sameWant = t.requestDue[slot] !== 0 && t.wantTypes[slot] === r.type && t.wantVersions[slot] === r.version && t.wantHashes[slot] === r.hash;
  if (!sameWant) return;
  const partial = t.partialTypes[slot] === r.type && t.partialVersions[slot] === r.version && t.partialHashes[slot] === r.hash;
  const ours = partial ? e.pieces(t.partialLengths[slot]) & ~t.partialHave[slot] : allRequested(e);
  if ((ours & ~r.missing) === 0) t.requestDue[slot] = 0;
}
