// What every algorithm run reports (issue 6): the oracle's verdict plus messages, rounds, energy and
// cycles, totals and per-mote means, measured on the tick network (energy.ts for the model).

import { energyJoules } from './energy.js';
import type { TickNetwork } from './tick-network.js';

export interface Verdict {
  readonly ok: boolean;
  /** One sentence per property that failed; empty when ok. */
  readonly failures: readonly string[];
}

export interface Measures {
  /** Transmissions by all motes. */
  readonly messages: number;
  /** VM cycles by all motes. */
  readonly cycles: number;
  /** Joules by all motes (energy.ts). */
  readonly energy: number;
  readonly perMote: { readonly messages: number; readonly cycles: number; readonly energy: number };
}

export interface AlgoReport extends Verdict, Measures {
  readonly algorithm: string;
  readonly motes: number;
  /** Synchronous rounds, or ticks for asynchronous runs. */
  readonly rounds: number;
  /** Algorithm-specific figures (announceMessages, delivery ratios...). */
  readonly details: Readonly<Record<string, unknown>>;
}

export function verdict(failures: readonly string[]): Verdict {
  return { ok: failures.length === 0, failures };
}

export function measure(net: TickNetwork): Measures {
  let messages = 0;
  let cycles = 0;
  let energy = 0;
  for (let i = 0; i < net.n; i++) {
    const sent = net.stats[i].sent;
    messages += sent;
    cycles += net.vms[i].cycles;
    energy += energyJoules(net.vms[i].cycles, sent);
  }
  const n = Math.max(1, net.n);
  return { messages, cycles, energy, perMote: { messages: messages / n, cycles: cycles / n, energy: energy / n } };
}

/** A trap or a runaway handler on any mote is a failure of the capsules under test. */
export function faultFailures(net: TickNetwork, name: (mote: number) => string): string[] {
  const failures: string[] = [];
  net.stats.forEach((s, i) => {
    for (const t of s.traps) failures.push(`${name(i)} trapped: ${t.reason} in ${t.capsule} at pc ${t.pc}`);
    if (s.runaways > 0) failures.push(`${name(i)} ran a handler past the watchdog ${s.runaways} times`);
  });
  return failures;
}
