// What the network and the CLI read back from dissemination: packets sent by kind, per capsule
// (type, version, content hash) how many packets carried or asked for it, and the stable window in
// which Trickle's maintenance cost (transmissions per interval, Levis et al. NSDI 2004 section 4)
// is measured. Counting is a few increments per packet and allocates only for a new capsule.

import { CAPSULE_TYPES } from '../../vm/capsule.js';

export interface CapsuleRecord {
  /** Type number 0..7 (vm/capsule.ts CAPSULE_TYPES order). */
  readonly type: number;
  readonly version: number;
  readonly hash: number;
  /** The injected capsule's name (simulator metadata; names never go on the air). */
  name: string;
  /** Simulated ns of the first injection, null if it was never injected. */
  injectedAt: number | null;
  injectedBy: number | null;
  /** Capsule and fragment packets carrying this code. */
  data: number;
  /** Requests for this code. */
  requests: number;
  /** Installs of this code, counting the injection. */
  installs: number;
}

/** One number per capsule identity: (type x 2^32 + version) x 2^16 + hash < 2^51, exact in a double. */
export function capsuleKey(type: number, version: number, hash: number): number {
  return (type * 0x1_0000_0000 + version) * 0x1_0000 + hash;
}

export class DisseminationStats {
  summaries = 0;
  /** Summaries withheld by Trickle rule 4 (c >= k). */
  suppressed = 0;
  data = 0;
  requests = 0;
  installs = 0;
  /** Capsules that failed verification (received or injected) and were dropped. */
  rejected = 0;
  /** Signed code: pieces of code that did not match their hash in a verified descriptor, dropped on arrival. */
  forged = 0;
  /** The last time a mote booted, installed, or heard an inconsistency (ns). */
  lastDisturbance = 0;
  /** Transmissions of every kind since the stable window opened (see stableFrom). */
  stableTransmissions = 0;
  readonly records = new Map<number, CapsuleRecord>();

  /** `imax` is Imin x 2^doublings in ns. */
  constructor(readonly imax: number) {}

  /**
   * The stable window opens two largest intervals after the last disturbance: a mote reset to Imin
   * reaches Imax within Imin x (2^doublings - 1) < Imax, and its first interval at Imax has ended
   * by the second (as trickle/cell.ts's warm-up).
   */
  get stableFrom(): number {
    return this.lastDisturbance + 2 * this.imax;
  }

  /** The record of a capsule, made on first sight (an injection or an install). */
  record(type: number, version: number, hash: number): CapsuleRecord {
    const key = capsuleKey(type, version, hash);
    let r = this.records.get(key);
    if (r === undefined) {
      r = { type, version, hash, name: defaultName(type, version), injectedAt: null, injectedBy: null, data: 0, requests: 0, installs: 0 };
      this.records.set(key, r);
    }
    return r;
  }

  /** The injected name of a capsule, or "type.vN" for code never injected in this run. */
  nameOf(type: number, version: number, hash: number): string {
    return this.records.get(capsuleKey(type, version, hash))?.name ?? defaultName(type, version);
  }

  /** The record if the capsule was ever injected or installed; requests for unknown code create none. */
  known(type: number, version: number, hash: number): CapsuleRecord | undefined {
    return this.records.get(capsuleKey(type, version, hash));
  }

  transmitted(now: number): void {
    if (now >= this.stableFrom) this.stableTransmissions++;
  }

  disturbed(now: number): void {
    if (now < this.lastDisturbance) return;
    this.lastDisturbance = now;
    this.stableTransmissions = 0;
  }
}

function defaultName(type: number, version: number): string {
  return `${CAPSULE_TYPES[type]}.v${version}`;
}
