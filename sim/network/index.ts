// The network simulator's public API (issue 4), for the CLI, the dashboard and the benchmarks.

export { createNetwork, type EnergyReport, type MoteView, type Network } from './network.js';
export { LINK_LAYERS, TIMINGS, type LinkLayer, type MessageInfo, type NetworkOptions, type RadioIdle, type Stats, type Timing } from './options.js';
export { formatFault, parseFault, parseTime, randomFaults, type Fault, type FaultResult } from './faults.js';
export { encodeTrace, readTrace, TRACE_EVENTS, TraceFile, type ReadTraceResult, type TraceRecord } from './trace.js';
export { buildWorld, type WorldResult, type WorldSpec } from './setup.js';
export type { Summary } from './summary.js';
