// What each of the Trickle benchmark's experiments hands to bench/trickle.ts: its JSON, its table of
// mean and spread over seeds, its own CSV and SVG, and a few headline rows for the bench's median
// table; and the grouping of one job per seed back into one point per setting.

import type { BenchRow, ResultFile } from '../report.js';

export interface ExperimentOutput {
  readonly json: Readonly<Record<string, unknown>>;
  /** Title line and table, ready to print. */
  readonly table: string;
  readonly files: readonly ResultFile[];
  readonly rows: readonly BenchRow[];
  readonly notes: readonly string[];
}

export interface Group<J, R> {
  /** The first job of the group (the others differ only in seed). */
  readonly job: J;
  readonly results: R[];
}

/** Jobs with equal keys (same setting, other seed) collected together, groups in first-seen order. */
export function groupByKey<J, R>(jobs: readonly J[], results: readonly R[], key: (job: J) => string): Group<J, R>[] {
  const groups = new Map<string, Group<J, R>>();
  jobs.forEach((job, i) => {
    const k = key(job);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { job, results: [] }));
    g.results.push(results[i]);
  });
  return [...groups.values()];
}
