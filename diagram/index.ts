// Space-time diagrams of runs (issue 10): record an algorithm run as a trace, read either kind of
// trace into a run, choose what to show, draw it as SVG.

export { diagramFromRecords, type Parsed } from './read.js';
export { runRecords, TICK_NS, watchCrashes, type Crash, type RecordedNet, type RunInfo } from './record.js';
export type { DiagramCut, DiagramEvent, DiagramMessage, DiagramRun, EventKind } from './run.js';
export { renderSvg } from './svg.js';
export { DEFAULT_PER_PAGE, DEFAULT_TICKS, parseMoteList, selectView, type View, type ViewOptions } from './view.js';
