// Progress of a sweep: a bar with ETA on a terminal (cli-progress), plain lines otherwise (a batch
// job's log), one each time another 5% of the points is done.

import { SingleBar } from 'cli-progress';
import type { Io } from '../io.js';

export interface Progress {
  tick(failed: boolean): void;
  stop(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A stream for cli-progress that writes through the command's io (stderr). */
function ioStream(io: Io): NodeJS.WritableStream {
  return { write: (s: string) => (io.stderr(s), true), isTTY: true, columns: 100 } as unknown as NodeJS.WritableStream;
}

export function startProgress(io: Io, total: number, label: string): Progress {
  let done = 0;
  let failed = 0;
  const started = performance.now();
  if (io.isTTY) {
    const bar = new SingleBar({
      stream: ioStream(io),
      format: `${label} [{bar}] {value}/{total} points | {failed} failed | ETA {eta_formatted}`,
      etaBuffer: 50,
      hideCursor: false,
    });
    bar.start(total, 0, { failed: 0 });
    return {
      tick(f) {
        failed += f ? 1 : 0;
        bar.increment(1, { failed });
      },
      stop: () => bar.stop(),
    };
  }
  let shown = 0;
  return {
    tick(f) {
      done++;
      failed += f ? 1 : 0;
      const step = Math.floor((20 * done) / total);
      if (step === shown && done !== total) return;
      shown = step;
      const elapsed = (performance.now() - started) / 1000;
      const left = (elapsed / done) * (total - done);
      io.stderr(`${label}: ${done}/${total} points, ${failed} failed, ${duration(elapsed)} so far, about ${duration(left)} left\n`);
    },
    stop: () => undefined,
  };
}
