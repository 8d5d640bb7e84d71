// The dashboard when stdout is not a terminal (`npm start | cat`, CI; issue 7): no blessed and no keys,
// one progress line per simulated second, then a summary once the newest injected version has reached
// every live mote. Bounded by a simulated-time limit and a wall-clock limit.

import { coverageOf, type Coverage } from './history.js';
import { formatCurrent, formatDuration, formatJoules, formatPercent } from './format.js';
import type { DashSource, Injection } from './source.js';
import { batteryLifetime, meanCurrent } from './view-model.js';

const NS = 1e9;

export interface HeadlessOptions {
  /** Simulated seconds after which it stops even without full coverage. */
  readonly seconds: number;
  /** Wall-clock milliseconds after which it stops (CI must finish within a minute). */
  readonly wallLimitMs: number;
  readonly wallMs: () => number;
  readonly print: (line: string) => void;
}

export type HeadlessOutcome =
  | { readonly kind: 'covered'; readonly version: number }
  | { readonly kind: 'nothing-injected' }
  | { readonly kind: 'not-covered'; readonly version: number; readonly reason: string };

/** The newest version injected by now, else the next scheduled one. */
function target(injections: readonly Injection[], now: number): Injection | undefined {
  const done = injections.filter((j) => j.at <= now);
  return done.length ? done[done.length - 1] : injections[0];
}

function progressLine(source: DashSource, coverage: Coverage): string {
  const t = Math.round(source.now() / NS);
  const tx = source.counters().transmissions;
  const j = target(source.injections(), source.now());
  if (!j) return `t=${t}s no injection tx ${tx}`;
  const covered = coverage.covered.get(j.version) ?? 0;
  const fraction = coverage.live > 0 ? covered / coverage.live : 0;
  return `t=${t}s coverage ${covered}/${coverage.live} (${formatPercent(fraction)}) tx ${tx}`;
}

function energyLine(source: DashSource): string {
  let total = 0;
  for (let m = 0; m < source.topology.n; m++) total += source.energy(m);
  const mean = meanCurrent(total, source.now() / NS, source.topology.n);
  const life = batteryLifetime(mean);
  return `energy ${formatJoules(total / 1e6)}, mean current ${formatCurrent(mean)} per mote, battery at that rate ${life === null ? 'forever' : formatDuration(life)}`;
}

function summary(source: DashSource, j: Injection | undefined, coverage: Coverage): string[] {
  const { events, transmissions } = source.counters();
  const head = j
    ? `covered: v${j.version} reached ${coverage.covered.get(j.version) ?? 0}/${coverage.live} live motes at t=${((j.coveredAt ?? source.now()) / NS).toFixed(1)}s, ` +
      `${formatDuration(((j.coveredAt ?? source.now()) - j.at) / NS)} after its injection at mote ${j.mote}`
    : `ran ${(source.now() / NS).toFixed(0)} s with nothing injected`;
  return [head, `${transmissions} transmissions, ${events} events`, energyLine(source)];
}

/** Whether every injection has happened and the newest covers every live mote. */
function complete(source: DashSource, coverage: Coverage): Injection | undefined {
  const injections = source.injections();
  const last = injections[injections.length - 1];
  if (!last || last.at > source.now()) return undefined;
  const covered = last.coveredAt !== null || (coverage.covered.get(last.version) ?? 0) >= coverage.live;
  return covered ? last : undefined;
}

export function runHeadless(source: DashSource, opts: HeadlessOptions): HeadlessOutcome {
  const start = opts.wallMs();
  opts.print(`${source.capsuleName} on ${source.topology.description}, seed ${source.seed}`);
  for (let s = Math.floor(source.now() / NS) + 1; s <= opts.seconds; s++) {
    source.runUntil(s * NS);
    const coverage = coverageOf(source, source.injections());
    opts.print(progressLine(source, coverage));
    const done = complete(source, coverage);
    if (done) {
      for (const line of summary(source, done, coverage)) opts.print(line);
      return { kind: 'covered', version: done.version };
    }
    if (opts.wallMs() - start > opts.wallLimitMs) return stopped(source, opts, coverage, `wall-clock limit of ${opts.wallLimitMs / 1000} s`);
  }
  return stopped(source, opts, coverageOf(source, source.injections()), `--seconds ${opts.seconds}`);
}

function stopped(source: DashSource, opts: HeadlessOptions, coverage: Coverage, why: string): HeadlessOutcome {
  const j = target(source.injections(), source.now());
  if (!j) {
    for (const line of summary(source, undefined, coverage)) opts.print(line);
    return { kind: 'nothing-injected' };
  }
  const covered = coverage.covered.get(j.version) ?? 0;
  opts.print(`not covered: v${j.version} reached ${covered}/${coverage.live} live motes by t=${(source.now() / NS).toFixed(0)}s (stopped at the ${why})`);
  opts.print(energyLine(source));
  return { kind: 'not-covered', version: j.version, reason: `v${j.version} did not reach every live mote (stopped at the ${why})` };
}
