// The oracle of consensus (seed, "What is Consensus?" and the backup slides; SPEC 6): from the
// decisions the motes wrote to their serial ports, check termination (every mote that did not crash
// decides, once, right after round f + 1), agreement (they all decide the same), validity (if every
// input is v, the decision is v) and integrity (the decision is somebody's input).

import { verdict, type Verdict } from '../../sim/algo/report.js';

export interface Decision {
  readonly mote: number;
  readonly value: number;
  /** The round whose firing decided: f + 2 when it came right after round f + 1. */
  readonly round: number;
}

export interface ConsensusRun {
  readonly inputs: readonly number[];
  readonly crashed: readonly boolean[];
  readonly f: number;
  readonly decisions: readonly Decision[];
}

export function consensusOracle(run: ConsensusRun): Verdict {
  const failures: string[] = [];
  const n = run.inputs.length;
  const byMote: Decision[][] = Array.from({ length: n }, () => []);
  for (const d of run.decisions) byMote[d.mote]?.push(d);
  const live = Array.from({ length: n }, (_, i) => i).filter((i) => !run.crashed[i]);
  for (const i of live) {
    const mine = byMote[i];
    if (mine.length === 0) failures.push(`termination: mote ${i} never decided`);
    else if (mine.length > 1) failures.push(`integrity: mote ${i} decided ${mine.length} times`);
    else if (mine[0].round !== run.f + 2) failures.push(`termination: mote ${i} decided in round ${mine[0].round}, not right after round ${run.f + 1}`);
  }
  const values = [...new Set(live.flatMap((i) => byMote[i].map((d) => d.value)))].sort((a, b) => a - b);
  if (values.length > 1) {
    const who = values.map((v) => `${v} by ${live.filter((i) => byMote[i].some((d) => d.value === v)).length}`).join(', ');
    failures.push(`agreement: the motes that did not crash decided ${who}`);
  }
  const proposed = new Set(run.inputs);
  for (const v of values) if (!proposed.has(v)) failures.push(`integrity: ${v} was decided but nobody proposed it`);
  if (proposed.size === 1) {
    const [only] = proposed;
    for (const v of values) if (v !== only) failures.push(`validity: everybody proposed ${only}, yet ${v} was decided`);
  }
  return verdict(failures);
}
