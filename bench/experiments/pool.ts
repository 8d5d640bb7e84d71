// Runs independent jobs on worker threads, one per core, through tinypool (a well-kept pool: worker
// start-up, queueing, crash handling and teardown are its job, not ours), and hands back the results
// in job order. Each job carries everything it depends on (its seed included), so a result does not
// depend on which thread ran it or when: parallel runs print the same numbers as serial ones.
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

/** pullOnWorkers over a list: each reply's index is the job's place in `jobs`. */
export async function eachOnWorkers<T, R>(jobs: readonly T[], workerUrl: URL, threads: number, onReply: (reply: WorkerReply<R>) => void): Promise<void> {
  if (jobs.length === 0) return;
  let i = 0;
  await pullOnWorkers<T, R>(() => (i < jobs.length ? jobs[i++] : undefined), workerUrl, Math.min(threads, jobs.length), onReply);
}

/**
 * Runs `jobs` on `threads` workers started from `workerUrl` (a compiled ES module that answers each
 * WorkerTask with one WorkerReply). Rejects with the first job's error, after stopping every worker.
 */
export async function runOnWorkers<T, R>(jobs: readonly T[], workerUrl: URL, threads: number): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  await eachOnWorkers<T, R>(jobs, workerUrl, threads, (reply) => {
    if ('error' in reply) throw new Error(`job ${reply.index}: ${reply.error}`);
    results[reply.index] = reply.result;
  });
  return results;
}
