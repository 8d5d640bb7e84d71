// Trickle's metadata half (Levis et al., NSDI 2004 section 6; RFC 6206 section 4.2): a mote
// advertises its summary at t when c < k, and a summary heard is either consistent (rule 3) or an
// inconsistency (rule 6) that also says what to do: send what is newer here, or ask for what is
// newer there.

import { AM, type ProtocolHost } from '../network/protocol.js';
import { heardConsistent } from '../../trickle/index.js';
import type { Engine } from './engine.js';
import { CAPSULE_TYPE_COUNT, SUMMARY_MAX_ENTRIES, encodeSummary, type SummaryFields } from './packets.js';
import { capsuleKey } from './stats.js';
import { isNewer, vectorDigest } from './versions.js';

/**
 * Broadcasts the summary, its window rotating when more than four types are in use: at t when
 * RFC 6206 rule 4 says transmit, or as a paced answer to older news. Returns false when the send
 * queue was full.
 */
export function sendSummary(e: Engine, host: ProtocolHost, slot: number, now: number): boolean {
  const t = e.table;
  const base = slot * CAPSULE_TYPE_COUNT;
  let used = 0;
  for (let type = 0; type < CAPSULE_TYPE_COUNT; type++) if (t.hashes[base + type] !== 0) used++;
  let window = 0;
  if (used <= SUMMARY_MAX_ENTRIES) {
    for (let type = 0; type < CAPSULE_TYPE_COUNT; type++) if (t.hashes[base + type] !== 0) window |= 1 << type;
  } else {
    // The non-empty types numbered start..start+3 (cyclically) among the `used` ones.
    const start = t.rotations[slot] % used;
    let rank = 0;
    for (let type = 0; type < CAPSULE_TYPE_COUNT; type++) {
      if (t.hashes[base + type] === 0) continue;
      if ((rank - start + used) % used < SUMMARY_MAX_ENTRIES) window |= 1 << type;
      rank++;
    }
    t.rotations[slot] = (start + SUMMARY_MAX_ENTRIES) % used;
  }
  const length = encodeSummary(e.out, window, t.digests[slot], t.versions, t.hashes, base);
  if (!host.broadcast(AM.summary, e.out, length)) return false;
  t.summaryDue[slot] = 0;
  e.stats.summaries++;
  e.stats.transmitted(now);
  return true;
}

/**
 * A summary heard. Equal digests: consistent (rule 3). Otherwise an inconsistency (rule 6), and
 * per type the window lists: theirs newer, ask for it; ours newer, send it. When the window is
 * complete (the digest recomputed from it alone matches), a type it leaves out is empty there.
 */
export function hearSummary(e: Engine, host: ProtocolHost, slot: number, s: SummaryFields, now: number): void {
  const t = e.table;
  if (s.digest === t.digests[slot]) {
    heardConsistent(t.trickles[slot]);
    t.summaryDue[slot] = 0; // a neighbour just said what our answer would have said
    return;
  }
  // Maté resets the timer only for news (an older summary leaves it be); rule 6 resets it for both.
  if (!e.mate) e.inconsistent(slot, now);
  else e.stats.disturbed(now);
  const complete = vectorDigest(s.versions, s.hashes) === s.digest;
  const base = slot * CAPSULE_TYPE_COUNT;
  for (let type = 0; type < CAPSULE_TYPE_COUNT; type++) {
    if (!complete && (s.window & (1 << type)) === 0) continue;
    const theirV = s.versions[type];
    const theirH = s.hashes[type];
    const ourV = t.versions[base + type];
    const ourH = t.hashes[base + type];
    if (isNewer(theirV, theirH, ourV, ourH)) {
      // Maté asks for nothing: its own (older) summary, due soon after the reset, is the request.
      if (e.mate) e.inconsistent(slot, now);
      else want(e, slot, type, theirV, theirH, now, true);
    } else if (isNewer(ourV, ourH, theirV, theirH)) {
      e.offer(host, slot, type, now);
    }
  }
}

/**
 * Wants (type, version, hash): asks for it at the next paced send when `askNow` is set, else at the
 * next Trickle point (retryWant; for code learnt of by overhearing its pieces, which are flowing
 * already). News of the same code while the answer to our last request may still be on its way
 * (Engine.answerWindow) asks nothing more: that answer would carry the same pieces twice. A mote
 * wants one capsule at a time; a newer one of the same type replaces it, and so does another type
 * once the first was asked for, so a capsule nobody holds (a forged summary) cannot block the rest.
 */
export function want(e: Engine, slot: number, type: number, version: number, hash: number, now: number, askNow: boolean): void {
  const t = e.table;
  if (e.auth !== undefined && t.heldBack(slot, capsuleKey(type, version, hash), now)) return; // signed code that failed lately
  const current = t.wantTypes[slot];
  const replace =
    current < 0 ||
    (current === type ? !isNewer(t.wantVersions[slot], t.wantHashes[slot], version, hash) : t.requestDue[slot] === 0);
  if (!replace) return;
  const same = current === type && t.wantVersions[slot] === version && t.wantHashes[slot] === hash;
  t.wantTypes[slot] = type;
  t.wantVersions[slot] = version;
  t.wantHashes[slot] = hash;
  t.requestRetries[slot] = REQUEST_RETRIES;
  if (!askNow || (same && now < t.requestedAt[slot] + e.answerWindow)) return;
  t.requestDue[slot] = 1;
  e.reply(slot, now);
}

/**
 * Requests repeated at each of the mote's own Trickle points (t, whether it transmits or not) while
 * the wanted code has not arrived: a lost request or lost pieces cost one Trickle interval, not a
 * wait for the next newer summary to get through. Hearing newer news or receiving a piece of the
 * code restores the retries. A mote holding part of the code keeps asking at every Trickle point
 * (at worst once per Imax); one that has only heard of it goes quiet when the retries run out
 * (nobody answers: news of code that is out of reach, or forged).
 */
export const REQUEST_RETRIES = 3;

export function retryWant(e: Engine, slot: number, now: number): void {
  const t = e.table;
  const type = t.wantTypes[slot];
  if (type < 0 || t.requestDue[slot] !== 0 || now < t.requestedAt[slot] + e.answerWindow) return;
  const partial = t.partialTypes[slot] === type && t.partialVersions[slot] === t.wantVersions[slot] && t.partialHashes[slot] === t.wantHashes[slot];
  if (t.requestRetries[slot] > 0) t.requestRetries[slot]--;
  else if (e.auth !== undefined && !(partial && t.partialTrusted[slot] === 1)) {
    giveUp(e, slot, now);
    return;
  } else if (!partial) return;
  t.requestDue[slot] = 1;
  e.schedule(slot, now);
}

/**
 * Signed code: news nobody answered (no verified descriptor after the retries) is dropped and held off
 * for Imin, doubling each time (mote-table.ts). Otherwise one forged summary or piece naming a newer
 * version of a type would pin the mote's one want and block every real update of that type.
 */
function giveUp(e: Engine, slot: number, now: number): void {
  const t = e.table;
  const type = t.wantTypes[slot];
  const version = t.wantVersions[slot];
  const hash = t.wantHashes[slot];
  t.reject(slot, capsuleKey(type, version, hash), 0, now, e.trickle.imin);
  t.wantTypes[slot] = -1;
  if (t.partialTypes[slot] === type && t.partialVersions[slot] === version && t.partialHashes[slot] === hash) {
    t.partialTypes[slot] = -1;
    t.partialCode[slot] = undefined;
    t.partialTrusted[slot] = 0;
  }
}
