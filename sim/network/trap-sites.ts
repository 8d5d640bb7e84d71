// Where a network's VMs trapped: one tally per distinct (capsule, pc, reason), in the order first
// seen, with the first mote and time. Bounded so that a network trapping everywhere all the time
// keeps a fixed amount: past MAX_TRAP_SITES sites, traps at new sites count only in stats.traps.

import type { TrapReason, TrapRecord } from '../../vm/host.js';

export const MAX_TRAP_SITES = 100;

export interface TrapSite {
  readonly capsule: string;
  readonly pc: number;
  readonly reason: TrapReason;
  /** Traps at this site, on all motes. */
  readonly count: number;
  readonly firstMote: number;
  /** Simulated seconds of the first trap here. */
  readonly firstT: number;
}

interface Tally {
  readonly first: TrapRecord;
  readonly firstMote: number;
  count: number;
}

export class TrapSites {
  private readonly sites = new Map<string, Tally>();

  record(mote: number, record: TrapRecord): void {
    const key = `${record.pc} ${record.reason} ${record.capsule}`;
    const tally = this.sites.get(key);
    if (tally !== undefined) tally.count++;
    else if (this.sites.size < MAX_TRAP_SITES) this.sites.set(key, { first: record, firstMote: mote, count: 1 });
  }

  list(): TrapSite[] {
    return [...this.sites.values()].map(({ first, firstMote, count }) => ({
      capsule: first.capsule,
      pc: first.pc,
      reason: first.reason,
      count,
      firstMote,
      firstT: first.t / 1e9,
    }));
  }
}
