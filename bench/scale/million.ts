// `mote bench million` (issue 8, "One million motes"): new code injected at a corner of a 1000 x 1000
// grid at 10 ft (the Trickle paper's spacing) and of a uniform random field of the same size and
// density, empirical radio, Trickle dissemination, run until every live mote the corner can reach
// holds it. Targets: under 10 minutes of wall time and 8 GiB each, the same fingerprint for the same
// seed. Run only when named (it takes minutes); --quick runs 30 x 30 versions of both.
//
// The code is a once capsule that lights the LEDs when it installs: this measures the spreading.
// Then the grid again with cnt_to_leds, a clock capsule: every mote it reaches also fires its clock
// every simulated second from then on (over a hundred million firings in the run).

import { assemble } from '../../assembler/assemble.js';
import { counterCapsule } from './clock.js';
import type { Capsule } from '../../vm/capsule.js';
import { summarize, type MeasureOptions } from '../harness.js';
import type { Benchmark, BenchReport, BenchRow } from '../report.js';
import { spreadCapsule, type SpreadResult } from './spread.js';

export const TARGET_WALL_SECONDS = 600;
export const TARGET_PEAK_BYTES = 8 * 2 ** 30;
const SPACING_FT = 10;

const FULL = { side: 1000, maxSeconds: 1800, chunkSeconds: 10 };
const QUICK = { side: 30, maxSeconds: 300, chunkSeconds: 5 };

/** New code: on install, all three LEDs on. */
const NEW_CODE = `.name leds_on
.capsule once
.version 1
        pushc 7
        putled
        halt
`;

function newCode(): Capsule {
  const result = assemble(NEW_CODE, '<leds_on>');
  if (!result.ok) throw new Error(`leds_on does not assemble: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.capsule;
}

export function runMillion(options: MeasureOptions): BenchReport {
  const plan = options.quick ? QUICK : FULL;
  const n = plan.side * plan.side;
  const capsule = newCode();
  const progress = (name: string) => (p: { simulatedSeconds: number; wallSeconds: number; events: number; coverage: number }): void => {
    if (options.quick) return;
    process.stderr.write(`  ${name}: ${p.simulatedSeconds.toFixed(0)} s simulated, ${p.wallSeconds.toFixed(0)} s wall, ${p.events} events, coverage ${(100 * p.coverage).toFixed(2)}%\n`);
  };
  const grid = `grid:${plan.side}x${plan.side}`;
  const runs: [string, Capsule][] = [[grid, capsule], [`random:${n}`, capsule], [grid, counterCapsule()]];
  const results: SpreadResult[] = runs.map(([topology, code]) =>
    spreadCapsule({ topology, spacing: SPACING_FT, seed: 1, capsule: code, injectAt: 1, maxSeconds: plan.maxSeconds, chunkSeconds: plan.chunkSeconds, onChunk: progress(`${topology} ${code.name}`) }),
  );
  const name = (r: SpreadResult): string => `${r.topology}, ${r.capsule}`;
  const rows: BenchRow[] = results.flatMap((r) => [
    { label: `${name(r)}: wall time`, unit: 's', stats: summarize([r.wallSeconds]) },
    { label: `${name(r)}: CPU time`, unit: 'cpu s', stats: summarize([r.cpuSeconds]) },
    { label: `${name(r)}: covered at`, unit: 'simulated s', stats: summarize([r.coveredAt ?? r.simulatedSeconds]) },
    { label: `${name(r)}: peak RSS`, unit: 'bytes', stats: summarize([r.peakRssBytes]) },
  ]);
  const meets = (r: SpreadResult): boolean => r.coveredAt !== null && r.wallSeconds < TARGET_WALL_SECONDS && r.peakRssBytes < TARGET_PEAK_BYTES;
  return {
    name: 'million',
    title: `a capsule spreading from a corner over ${n.toLocaleString('en-US')} motes (Trickle, empirical radio, ${SPACING_FT} ft)`,
    json: {
      runs: results,
      targets: { wallSeconds: TARGET_WALL_SECONDS, peakRssBytes: TARGET_PEAK_BYTES },
      meetsTargets: results.map(meets),
    },
    rows,
    chart: { title: 'Wall seconds to cover the network', unit: 'host seconds', rows: rows.filter((r) => r.unit === 's').map((r) => r.label), log: false },
    notes: results.map(
      (r) =>
        `${name(r)}: ${r.links} links, built in ${r.buildSeconds.toFixed(0)} s; coverage ${(100 * r.coverage).toFixed(2)}% of live motes ` +
        `(${(100 * r.reachableCoverage).toFixed(2)}% of the ${r.reachable} the corner reaches), covered at ${r.coveredAt?.toFixed(1) ?? '-'} s, ` +
        `${r.events} events, wall ${r.wallSeconds.toFixed(0)} s (CPU ${r.cpuSeconds.toFixed(0)} s), peak RSS ${(r.peakRssBytes / 2 ** 30).toFixed(2)} GiB ` +
        `(targets ${TARGET_WALL_SECONDS} s, 8 GiB: ${meets(r) ? 'met' : 'missed'}); fingerprint ${r.fingerprint.slice(0, 16)}`,
    ),
  };
}

export const millionBenchmark: Benchmark = {
  name: 'million',
  description: 'a capsule spreading over 1,000,000 motes, grid and random field (minutes; only when named)',
  run: runMillion,
};
