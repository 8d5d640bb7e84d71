// Host memory per mote, measured as the growth of the JavaScript heap plus ArrayBuffer storage
// (process.memoryUsage: heapUsed + arrayBuffers) across building and running a network, each
// reading taken after a full garbage collection, divided by the number of motes.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The engine's full collector, exposed at run time (the same as starting node with --expose-gc). */
function fullCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Bytes held by JavaScript objects and typed-array storage after a full collection. */
export function liveBytes(): number {
  const collect = fullCollector();
  collect();
  collect(); // a second pass frees what the first one's finalizers released
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Peak resident set size of this process so far, bytes. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
