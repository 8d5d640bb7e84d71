// The seed lecture's snapshot example (capsules/snapshot/p1p2p3.*) replayed, as the diagram tests
// and docs/p1p2p3.svg draw it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../cli/paths.js';
import { replaySnapshotScenario, type SnapshotResult } from '../../capsules/snapshot/tick.js';
import { parseDelays, parseSnapshotEvents, parseSnapshotTopology, type Parsed } from '../../capsules/snapshot/scenario.js';
import { algorithm as snapshot } from '../../capsules/snapshot/index.js';
import { diagramFromRecords, renderSvg, runRecords, selectView, type DiagramRun } from '../../diagram/index.js';
import type { TraceRecord } from '../../sim/network/trace.js';
import { shipped } from '../algo/helpers.js';

export const LECTURE_SVG = join(packageRoot, 'docs', 'p1p2p3.svg');

function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

export function lectureRun(): SnapshotResult {
  const file = (name: string): string => readFileSync(join(packageRoot, 'capsules', 'snapshot', name), 'utf8');
  const topology = value(parseSnapshotTopology(file('p1p2p3.top'), 'p1p2p3.top'));
  const events = value(parseSnapshotEvents(file('p1p2p3.events'), 'p1p2p3.events', topology));
  const delays = value(parseDelays(file('p1p2p3.delays'), 'p1p2p3.delays'));
  return value(replaySnapshotScenario(topology, events, { capsules: shipped('snapshot'), delays, seed: 1 }));
}

export function lectureRecords(): TraceRecord[] {
  const run = lectureRun();
  const title = "Chandy-Lamport snapshot: the lecture's example (mote snapshot, capsules/snapshot/p1p2p3.*)";
  return runRecords(run.net, { algorithm: 'snapshot', timing: 'async', names: run.names, title, classify: snapshot.classify, marks: snapshot.marks });
}

export function lectureDiagram(): DiagramRun {
  const run = diagramFromRecords(lectureRecords(), 'p1p2p3');
  if (!run.ok) throw new Error(run.error);
  return run.value;
}

export function lectureSvg(): string {
  const run = lectureDiagram();
  const view = selectView(run, {});
  if (!view.ok) throw new Error(view.error);
  return renderSvg(run, view.value);
}
