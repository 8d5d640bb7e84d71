// Every mote's dissemination state in one table of typed arrays (structure of arrays), indexed by a
// dense slot per mote, so a mote costs about 150 bytes here plus its Trickle timer object, and the
// steady state allocates nothing. Per-type columns hold 8 entries a mote, at slot x 8 + type.

import { createTrickle, type TrickleParams, type TrickleState } from '../../trickle/index.js';
import { CAPSULE_TYPE_COUNT } from './packets.js';
import { vectorDigest } from './versions.js';

const INITIAL_CAPACITY = 16;
/**
 * Signed code that failed, remembered per mote: the capsule (type, version, hash), a digest of the
 * descriptor that failed, and a hold-off. An identical descriptor is dropped without a second check;
 * the capsule is not wanted again until its hold-off ends, which doubles with each failure (from one
 * largest Trickle interval up to 64 of them). Not for ever: a forger who slips one bad signature
 * piece into a legitimate descriptor must not get the legitimate code barred for good. A forger
 * cycling through more identities than REJECT_MEMORY makes each mote check each again (8 s of CPU
 * apiece, sim/security/costs.ts); Seluge's weak authentication (message-specific puzzles) is the
 * known answer to that, not built here.
 */
export const REJECT_MEMORY = 4;
const MAX_HOLD_DOUBLINGS = 6;
/** The digest of a mote with no capsules. */
const EMPTY_DIGEST = vectorDigest(new Uint32Array(CAPSULE_TYPE_COUNT), new Uint16Array(CAPSULE_TYPE_COUNT));

export class MoteTable {
  /** Slots in use, 0..count-1. */
  count = 0;
  /** The mote id of each slot. */
  moteIds = new Float64Array(0);
  /** Installed capsule per type: version, content hash (0 = empty slot; versions.ts). */
  versions = new Uint32Array(0);
  hashes = new Uint16Array(0);
  /** vectorDigest of the mote's 8 entries, kept current on every install. */
  digests = new Uint32Array(0);
  /** Where the next summary's window starts among the non-empty types, when there are more than 4. */
  rotations = new Uint8Array(0);
  /** Per type: the pieces of the installed capsule still to broadcast (bit i = fragment i; signature pieces from bit 8). */
  pending = new Uint16Array(0);
  /** Whether a summary answers a neighbour's older news at the next paced send (engine.ts offer). */
  summaryDue = new Uint8Array(0);
  /** Maté's rule (engine.ts): copies of our pending code heard since the answer was scheduled. */
  copiesHeard = new Uint8Array(0);
  /** When the next paced packet (data or request) goes; Infinity when none is due. */
  sendAt = new Float64Array(0);
  /** The time last given to host.setTimer, so an unchanged deadline is not armed again. */
  armedAt = new Float64Array(0);
  /** The one capsule a mote is asking for: type (-1 none), version, hash; and whether a request is due. */
  wantTypes = new Int8Array(0);
  wantVersions = new Uint32Array(0);
  wantHashes = new Uint16Array(0);
  requestDue = new Uint8Array(0);
  /** When the mote last sent a request (ns); -Infinity when it has not since boot. */
  requestedAt = new Float64Array(0);
  /** Requests left to repeat at the mote's own Trickle points before it waits for fresh news (advertise.ts). */
  requestRetries = new Uint8Array(0);
  /** The one extended capsule being reassembled: type (-1 none), version, hash, length, pieces held. */
  partialTypes = new Int8Array(0);
  partialVersions = new Uint32Array(0);
  partialHashes = new Uint16Array(0);
  partialLengths = new Uint8Array(0);
  partialHave = new Uint16Array(0);
  /** Its bytes: allocated when reassembly starts and dropped when it ends, so idle motes hold none. Signed code keeps its descriptor after the code. */
  partialCode: (Uint8Array | undefined)[] = [];
  /** Signed code: whether the partial copy's descriptor has verified, so its code pieces can be checked. */
  partialTrusted = new Uint8Array(0);
  /** Signed code: the last REJECT_MEMORY capsules (capsuleKey) that failed verification (see REJECT_MEMORY). */
  rejectedKeys = new Float64Array(0);
  rejectedDigests = new Uint32Array(0);
  rejectedUntil = new Float64Array(0);
  rejectedCounts = new Uint8Array(0);
  rejectedNext = new Uint8Array(0);
  /** Per type, when each slot installed what it holds (ns); a column exists once the type is used. */
  installedAt: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(CAPSULE_TYPE_COUNT).fill(undefined);
  /**
   * The dissemination tree, per type: the mote each slot took what it holds from (-1: injected there)
   * and its depth (hops from the injecting mote). Columns exist once the type is used.
   */
  installedFrom: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(CAPSULE_TYPE_COUNT).fill(undefined);
  installDepth: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(CAPSULE_TYPE_COUNT).fill(undefined);
  /** The slot of each mote id (undefined: not in the table). */
  readonly slotOf: (number | undefined)[] = [];
  trickles: TrickleState[] = [];

  /** Every column is sized for `capacity` motes at once; past that they double. */
  constructor(capacity = INITIAL_CAPACITY) {
    this.grow(Math.max(1, Math.floor(capacity)));
  }

  /** A new slot for a mote, with empty flash state and a stopped timer. */
  add(moteId: number, params: TrickleParams): number {
    if (this.count === this.moteIds.length) this.grow(this.count * 2);
    const slot = this.count++;
    this.moteIds[slot] = moteId;
    this.slotOf[moteId] = slot;
    this.digests[slot] = EMPTY_DIGEST;
    this.trickles.push(createTrickle(params));
    this.partialCode.push(undefined);
    this.clearRam(slot);
    return slot;
  }

  /** What a reboot forgets: everything but the installed capsules, which live in flash. */
  clearRam(slot: number): void {
    const base = slot * CAPSULE_TYPE_COUNT;
    this.pending.fill(0, base, base + CAPSULE_TYPE_COUNT);
    this.rotations[slot] = 0;
    this.summaryDue[slot] = 0;
    this.copiesHeard[slot] = 0;
    this.sendAt[slot] = Infinity;
    this.armedAt[slot] = NaN;
    this.wantTypes[slot] = -1;
    this.requestDue[slot] = 0;
    this.requestRetries[slot] = 0;
    this.requestedAt[slot] = -Infinity;
    this.partialTypes[slot] = -1;
    this.partialHave[slot] = 0;
    this.partialCode[slot] = undefined;
    this.partialTrusted[slot] = 0;
    this.rejectedKeys.fill(-1, slot * REJECT_MEMORY, (slot + 1) * REJECT_MEMORY);
    this.rejectedNext[slot] = 0;
  }

  /** Signed code: remembers that capsule `key` failed with a descriptor of this digest, and holds it off from `now` (REJECT_MEMORY). */
  reject(slot: number, key: number, digest: number, now: number, hold: number): void {
    let i = this.rejectedAt(slot, key);
    if (i < 0) {
      i = slot * REJECT_MEMORY + this.rejectedNext[slot];
      this.rejectedNext[slot] = (this.rejectedNext[slot] + 1) % REJECT_MEMORY;
      this.rejectedKeys[i] = key;
      this.rejectedCounts[i] = 0;
    }
    this.rejectedDigests[i] = digest;
    this.rejectedUntil[i] = now + hold * 2 ** Math.min(this.rejectedCounts[i], MAX_HOLD_DOUBLINGS);
    if (this.rejectedCounts[i] < 255) this.rejectedCounts[i]++;
  }

  /** Whether capsule `key` failed lately and is still held off. */
  heldBack(slot: number, key: number, now: number): boolean {
    const i = this.rejectedAt(slot, key);
    return i >= 0 && now < this.rejectedUntil[i];
  }

  /** Whether this very descriptor of capsule `key` failed before (so it need not be checked again). */
  failedBefore(slot: number, key: number, digest: number): boolean {
    const i = this.rejectedAt(slot, key);
    return i >= 0 && this.rejectedDigests[i] === digest;
  }

  private rejectedAt(slot: number, key: number): number {
    for (let i = slot * REJECT_MEMORY; i < (slot + 1) * REJECT_MEMORY; i++) if (this.rejectedKeys[i] === key) return i;
    return -1;
  }

  /** The install-time column of a type, made on first use. */
  installTimes(type: number): Float64Array {
    let column = this.installedAt[type];
    if (column === undefined) {
      column = new Float64Array(this.moteIds.length);
      this.installedAt[type] = column;
    }
    return column;
  }

  /**
   * Records that `slot` installed its code of `type` from mote `from` (-1: injected): one level below
   * the sender in the dissemination tree, or at its root.
   */
  recordTree(slot: number, type: number, from: number): void {
    const parents = (this.installedFrom[type] ??= new Int32Array(this.moteIds.length));
    const depths = (this.installDepth[type] ??= new Int32Array(this.moteIds.length));
    const sender = from < 0 ? undefined : this.slotOf[from];
    parents[slot] = from;
    depths[slot] = sender === undefined ? (from < 0 ? 0 : 1) : depths[sender] + 1;
  }

  private grow(capacity: number): void {
    const per = capacity * CAPSULE_TYPE_COUNT;
    this.moteIds = resized(this.moteIds, new Float64Array(capacity));
    this.versions = resized(this.versions, new Uint32Array(per));
    this.hashes = resized(this.hashes, new Uint16Array(per));
    this.digests = resized(this.digests, new Uint32Array(capacity));
    this.rotations = resized(this.rotations, new Uint8Array(capacity));
    this.summaryDue = resized(this.summaryDue, new Uint8Array(capacity));
    this.copiesHeard = resized(this.copiesHeard, new Uint8Array(capacity));
    this.pending = resized(this.pending, new Uint16Array(per));
    this.sendAt = resized(this.sendAt, new Float64Array(capacity));
    this.armedAt = resized(this.armedAt, new Float64Array(capacity));
    this.wantTypes = resized(this.wantTypes, new Int8Array(capacity));
    this.wantVersions = resized(this.wantVersions, new Uint32Array(capacity));
    this.wantHashes = resized(this.wantHashes, new Uint16Array(capacity));
    this.requestDue = resized(this.requestDue, new Uint8Array(capacity));
    this.requestRetries = resized(this.requestRetries, new Uint8Array(capacity));
    this.requestedAt = resized(this.requestedAt, new Float64Array(capacity));
    this.partialTypes = resized(this.partialTypes, new Int8Array(capacity));
    this.partialVersions = resized(this.partialVersions, new Uint32Array(capacity));
    this.partialHashes = resized(this.partialHashes, new Uint16Array(capacity));
    this.partialLengths = resized(this.partialLengths, new Uint8Array(capacity));
    this.partialHave = resized(this.partialHave, new Uint16Array(capacity));
    this.partialTrusted = resized(this.partialTrusted, new Uint8Array(capacity));
    this.rejectedKeys = resized(this.rejectedKeys, new Float64Array(capacity * REJECT_MEMORY));
    this.rejectedDigests = resized(this.rejectedDigests, new Uint32Array(capacity * REJECT_MEMORY));
    this.rejectedUntil = resized(this.rejectedUntil, new Float64Array(capacity * REJECT_MEMORY));
    this.rejectedCounts = resized(this.rejectedCounts, new Uint8Array(capacity * REJECT_MEMORY));
    this.rejectedNext = resized(this.rejectedNext, new Uint8Array(capacity));
    for (let t = 0; t < CAPSULE_TYPE_COUNT; t++) {
      const column = this.installedAt[t];
      if (column !== undefined) this.installedAt[t] = resized(column, new Float64Array(capacity));
      const from = this.installedFrom[t];
      if (from !== undefined) this.installedFrom[t] = resized(from, new Int32Array(capacity));
      const depth = this.installDepth[t];
      if (depth !== undefined) this.installDepth[t] = resized(depth, new Int32Array(capacity));
    }
  }
}

function resized<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array | Int8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
