// Runs a simulation to its end in 100 steps of simulated time, yielding to Node's event loop between
// steps so that Ctrl-C (SIGINT) or SIGTERM stops it cleanly after the step in progress: the caller
// still has everything measured up to there. On a terminal each step also draws a progress bar.
// Splitting the run changes nothing in it: runUntil(a) then runUntil(b) is runUntil(b).

import type { Io } from './io.js';
import { onStopSignal, type StopSignal } from './signals.js';

export interface SteppedRun {
  runUntil(ns: number): void;
  readonly now: number;
}

const STEPS = 100;
const BAR = 30;

/** Runs `run` to `durationNs`; resolves to the signal that stopped it early, or undefined. */
export async function runStoppable(run: SteppedRun, durationNs: number, io: Io): Promise<StopSignal | undefined> {
  let stopped: StopSignal | undefined;
  const release = onStopSignal((signal) => (stopped = signal));
  try {
    for (let i = 1; i <= STEPS && stopped === undefined; i++) {
      run.runUntil(Math.round((durationNs * i) / STEPS));
      if (io.isTTY) {
        const filled = Math.round((i / STEPS) * BAR);
        io.stderr(`\r[${'#'.repeat(filled)}${' '.repeat(BAR - filled)}] ${i}%  ${(run.now / 1e9).toFixed(1)} s simulated`);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    release();
    if (io.isTTY) io.stderr('\r' + ' '.repeat(BAR + 40) + '\r');
  }
  return stopped;
}
