// Experiments 2 and 3 of the Trickle paper (Levis et al., NSDI 2004, section 4; SPEC 8): what keeping
// a network consistent costs once nothing changes. `runCell` counts transmissions per interval in one
// cell of idealized timers (trickle/cell.ts: controlled loss, no radio); `runMaintenance` measures the
// same on the simulated network (CSMA, collisions, the radio model's loss), through the dissemination
// protocol's own stable-window counter (sim/dissemination/report.ts).

import { createDissemination } from '../../sim/dissemination/index.js';
import { namedStream } from '../../sim/core/rng.js';
import { buildWorld, createNetwork } from '../../sim/network/index.js';
import { imaxOf, NS_PER_SECOND, simulateCell, type TrickleParams } from '../../trickle/index.js';

const HOUR_NS = 3600 * NS_PER_SECOND;

export interface CellJob {
  readonly kind: 'cell';
  readonly n: number;
  readonly params: TrickleParams;
  /** Probability that one mote misses one transmission. */
  readonly loss: number;
  readonly seed: number;
  readonly intervals: number;
}

export interface MaintenanceJob {
  readonly kind: 'maintenance';
  /** A topology spec for sim/network/setup.ts: clique:N, random:N, grid:WxH. */
  readonly topology: string;
  readonly spacing?: number;
  /** Side of the square random:N scatters over (ft). */
  readonly area?: number;
  readonly radio: 'empirical' | 'perfect';
  readonly params: TrickleParams;
  readonly seed: number;
  /** Largest intervals to measure once the network is stable. */
  readonly intervals: number;
}

export interface MaintenanceResult {
  /** Transmissions per largest interval, all motes together. */
  readonly perInterval: number;
  /** Transmissions per mote per simulated hour. */
  readonly perMotePerHour: number;
  readonly motes: number;
}

export interface CellResult extends MaintenanceResult {
  /** The most transmissions in any one interval. */
  readonly peak: number;
}

/** Unsynchronized motes (each interval starts at its own offset): the case the paper's figures show. */
export function runCell(job: CellJob): CellResult {
  const rng = namedStream(job.seed, 'trickle-cell');
  const result = simulateCell({ n: job.n, params: job.params, intervals: job.intervals, loss: job.loss, synchronized: false, random: () => rng.float() });
  return { perInterval: result.mean, peak: result.max, perMotePerHour: (result.mean / job.n) * (HOUR_NS / result.interval), motes: job.n };
}

/**
 * Motes boot at random times over one largest interval (so their phases are scattered); the stable
 * window opens two largest intervals after the last boot (report.ts), and the run goes on for
 * `intervals` more. No code is installed: a summary of empty slots costs the same packets.
 */
export function runMaintenance(job: MaintenanceJob): MaintenanceResult {
  const world = buildWorld({ topology: job.topology, spacing: job.spacing, area: job.area, radio: job.radio, seed: job.seed });
  if (!world.ok) throw new Error(`maintenance: ${world.error}`);
  const imax = imaxOf(job.params);
  const dissemination = createDissemination({ trickle: job.params, motes: world.topology.n });
  const network = createNetwork({ ...world, seed: job.seed, protocol: dissemination.protocolFor, bootSpreadNs: imax });
  network.runUntil((3 + job.intervals) * imax);
  const report = dissemination.maintenance(network.now);
  if (report.transmissionsPerInterval === null || report.perMotePerHour === null) throw new Error('maintenance: the network never became stable');
  return { perInterval: report.transmissionsPerInterval, perMotePerHour: report.perMotePerHour, motes: report.motes };
}
