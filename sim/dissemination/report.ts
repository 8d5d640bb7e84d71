// The numbers the `mote sim` summary prints (issue 5, "Injecting"): per capsule how far it spread
// and at what cost, and Trickle's maintenance cost once the network is stable (Levis et al., NSDI
// 2004 section 4: transmissions per interval). Computed on demand from the mote table and counters.

import { CAPSULE_TYPES, type CapsuleType } from '../../vm/capsule.js';
import { NS_PER_SECOND } from '../../trickle/index.js';
import type { MoteTable } from './mote-table.js';
import { CAPSULE_TYPE_COUNT } from './packets.js';
import type { DisseminationStats } from './stats.js';

export interface CapsuleReport {
  readonly name: string;
  readonly type: CapsuleType;
  readonly version: number;
  /** The 16-bit content hash (versions.ts) that tells apart two codes with one version. */
  readonly hash: number;
  /** Simulated seconds of the first injection; null for code that was never injected. */
  readonly injectedAt: number | null;
  /** Simulated second at which the last live mote installed it, once every live mote holds it; else null. */
  readonly coveredAt: number | null;
  /** Fraction of live motes holding exactly this code now (superseded code falls back towards 0). */
  readonly coverage: number;
  /** Packets sent for this code: data (capsule and fragment packets) plus requests. Summaries are in MaintenanceReport. */
  readonly transmissions: number;
  readonly data: number;
  readonly requests: number;
  readonly installs: number;
  /** Depth of the dissemination tree: hops from the injecting mote to the farthest holder (each mote records who gave it the code). */
  readonly hops: number;
  /** (coveredAt - injectedAt) / hops once covered; else null. */
  readonly secondsPerHop: number | null;
}

export interface MaintenanceReport {
  /** Simulated second at which the stable window opens (possibly after `now`): two largest intervals after the last disturbance. */
  readonly stableSince: number;
  /** The largest interval, Imin x 2^doublings, in seconds. */
  readonly interval: number;
  /** Largest intervals elapsed in the stable window (fractional). */
  readonly intervals: number;
  /** Packets of every kind sent by all motes in the stable window. */
  readonly transmissions: number;
  /** transmissions / intervals over the whole network; null until a whole interval has been stable. */
  readonly transmissionsPerInterval: number | null;
  /** The same per mote and per simulated hour (the paper's "a few sends an hour"); null likewise. */
  readonly perMotePerHour: number | null;
  readonly motes: number;
  /** Totals since the start. */
  readonly summaries: number;
  readonly suppressed: number;
  readonly data: number;
  readonly requests: number;
  readonly installs: number;
  readonly rejected: number;
}

/** One report per capsule ever injected or installed, injected ones first in injection order. */
export function capsuleReports(table: MoteTable, stats: DisseminationStats, isLive: (moteId: number) => boolean = () => true): CapsuleReport[] {
  const live: number[] = [];
  for (let slot = 0; slot < table.count; slot++) if (isLive(table.moteIds[slot])) live.push(slot);
  const reports: CapsuleReport[] = [];
  for (const r of stats.records.values()) {
    const times = table.installedAt[r.type];
    const depths = table.installDepth[r.type];
    let holders = 0;
    let last = -Infinity;
    let hops = 0;
    for (const slot of live) {
      const at = slot * CAPSULE_TYPE_COUNT + r.type;
      if (table.versions[at] !== r.version || table.hashes[at] !== r.hash) continue;
      holders++;
      if (times !== undefined) last = Math.max(last, times[slot]);
      if (depths !== undefined) hops = Math.max(hops, depths[slot]);
    }
    const covered = live.length > 0 && holders === live.length;
    const coveredAt = covered && last > -Infinity ? last / NS_PER_SECOND : null;
    const injectedAt = r.injectedAt === null ? null : r.injectedAt / NS_PER_SECOND;
    reports.push({
      name: r.name,
      type: CAPSULE_TYPES[r.type],
      version: r.version,
      hash: r.hash,
      injectedAt,
      coveredAt,
      coverage: live.length === 0 ? 0 : holders / live.length,
      transmissions: r.data + r.requests,
      data: r.data,
      requests: r.requests,
      installs: r.installs,
      hops,
      secondsPerHop: coveredAt !== null && injectedAt !== null && hops > 0 ? (coveredAt - injectedAt) / hops : null,
    });
  }
  // Stable sort; code never injected keeps its first-install order, after the injected.
  const key = (r: CapsuleReport): number => r.injectedAt ?? Infinity;
  return reports.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Trickle's maintenance cost at simulated time `now` (ns). */
export function maintenanceReport(table: MoteTable, stats: DisseminationStats, now: number): MaintenanceReport {
  const stableFrom = stats.stableFrom;
  const intervals = Math.max(0, (now - stableFrom) / stats.imax);
  const ready = intervals >= 1;
  const perInterval = ready ? stats.stableTransmissions / intervals : null;
  const hours = ((now - stableFrom) / NS_PER_SECOND) / 3600;
  return {
    stableSince: stableFrom / NS_PER_SECOND,
    interval: stats.imax / NS_PER_SECOND,
    intervals,
    transmissions: stats.stableTransmissions,
    transmissionsPerInterval: perInterval,
    perMotePerHour: ready && table.count > 0 ? stats.stableTransmissions / table.count / hours : null,
    motes: table.count,
    summaries: stats.summaries,
    suppressed: stats.suppressed,
    data: stats.data,
    requests: stats.requests,
    installs: stats.installs,
    rejected: stats.rejected,
  };
}
