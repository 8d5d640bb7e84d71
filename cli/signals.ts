// SIGINT and SIGTERM for the CLI: temp files of unfinished writes are removed, and a long run that
// asked to hear about it stops cleanly and reports what it measured so far. The listeners exist only
// while there is something to do, so a command busy in synchronous code still dies at Ctrl-C as usual.

import { rmSync } from 'node:fs';

export type StopSignal = 'SIGINT' | 'SIGTERM';
const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];
/** 128 + the signal number: what a shell reports for a process a signal ended. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

const temps = new Set<string>();
const stoppers = new Set<(signal: StopSignal) => void>();
let installed = false;

/** Removes every temp file still registered (also what the signal handler does first). */
export function removeTemps(): void {
  for (const temp of temps) rmSync(temp, { force: true });
  temps.clear();
}

function onSignal(signal: StopSignal): void {
  removeTemps();
  if (stoppers.size > 0) {
    // A cooperative run stops at its next check; a second signal finds no stopper and ends the process.
    const pending = [...stoppers];
    stoppers.clear();
    refresh();
    for (const stop of pending) stop(signal);
    return;
  }
  refresh();
  process.exit(SIGNAL_EXIT[signal]);
}

/** One handler per signal, so each knows its own name (a listener is not always told). */
const HANDLERS: Record<StopSignal, () => void> = { SIGINT: () => onSignal('SIGINT'), SIGTERM: () => onSignal('SIGTERM') };

function refresh(): void {
  const wanted = temps.size > 0 || stoppers.size > 0;
  if (wanted === installed) return;
  for (const s of SIGNALS) {
    if (wanted) process.on(s, HANDLERS[s]);
    else process.off(s, HANDLERS[s]);
  }
  installed = wanted;
}

/** A temp file to remove if a signal comes before the write finishes; call the result once it is gone or renamed. */
export function trackTemp(path: string): () => void {
  temps.add(path);
  refresh();
  return () => {
    temps.delete(path);
    refresh();
  };
}

/** Calls `stop` at the first SIGINT or SIGTERM instead of ending the process; call the result when the run is over. */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  stoppers.add(stop);
  refresh();
  return () => {
    stoppers.delete(stop);
    refresh();
  };
}
