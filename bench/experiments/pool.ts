// Runs independent jobs on worker threads, one per core, through tinypool (a well-kept pool: worker
// start-up, queueing, crash handling and teardown are its job, not ours), and hands back each result
// with its job's index; `mote sweep`'s engine (cli/sweep/engine.ts) runs on it. Each job carries
// everything it depends on (its seed included), so a result does not depend on which thread ran it.
//
// A worker module's default export answers each WorkerTask with one WorkerReply (or a promise of one).

import Tinypool from 'tinypool';

/** What a worker posts back for the job at `index`. */
export type WorkerReply<R> = { readonly index: number; readonly result: R } | { readonly index: number; readonly error: string };

/** What the pool posts to a worker. */
export interface WorkerTask<T> {
  readonly index: number;
  readonly job: T;
}

/**
 * Runs the jobs `next` hands out (until it returns undefined) on `threads` workers started from
 * `workerUrl`, and calls `onReply` with each reply as it comes; the job's index is its place in the
 * order `next` gave it. `next` is asked only when a job can start, so it may size the next job from
 * the replies so far. Each worker has one job waiting beside the one it runs, so it never idles for
 * a round trip to this thread. A job's error reply is handed on, not thrown, and so is a job whose
 * worker threw or died (as an error reply): the caller decides. If `onReply` throws, the pool is
 * stopped, no further reply is handed on, and the promise rejects with that error.
 */
export async function pullOnWorkers<T, R>(next: () => T | undefined, workerUrl: URL, threads: number, onReply: (reply: WorkerReply<R>) => void): Promise<void> {
  const count = Math.max(1, threads);
  const pool = new Tinypool({ filename: workerUrl.href, minThreads: count, maxThreads: count });
  let stopped = false;
  let handedOut = 0;
  const lane = async (): Promise<void> => {
    for (let job = next(); job !== undefined && !stopped; job = stopped ? undefined : next()) {
      const index = handedOut++;
      let reply: WorkerReply<R>;
      try {
        reply = (await pool.run({ index, job } satisfies WorkerTask<T>)) as WorkerReply<R>;
      } catch (error) {
        reply = { index, error: error instanceof Error ? error.message : String(error) };
      }
      if (stopped) return;
      try {
        onReply(reply);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: 2 * count }, lane));
  } finally {
    stopped = true;
    await pool.destroy();
  }
}
