// Runs independent jobs on worker threads (node:worker_threads), one per core, and hands back the
// results in job order. Each job carries everything it depends on (its seed included), so a result
// does not depend on which thread ran it or when: parallel runs print the same numbers as serial ones.

import { Worker } from 'node:worker_threads';

/** What a worker posts back for the job at `index`. */
export type WorkerReply<R> = { readonly index: number; readonly result: R } | { readonly index: number; readonly error: string };

/** What the pool posts to a worker. */
export interface WorkerTask<T> {
  readonly index: number;
  readonly job: T;
}

/**
 * Runs `jobs` on `threads` workers started from `workerUrl` (a compiled ES module that answers each
 * WorkerTask with one WorkerReply). Rejects with the first job's error, after stopping every worker.
 */
export function runOnWorkers<T, R>(jobs: readonly T[], workerUrl: URL, threads: number): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  if (jobs.length === 0) return Promise.resolve(results);
  const count = Math.max(1, Math.min(threads, jobs.length));
  return new Promise<R[]>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      stop();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      if (next < jobs.length) {
        const task: WorkerTask<T> = { index: next, job: jobs[next] };
        next++;
        worker.postMessage(task);
      }
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerUrl);
      workers.push(worker);
      worker.on('message', (reply: WorkerReply<R>) => {
        if ('error' in reply) {
          fail(new Error(`job ${reply.index}: ${reply.error}`));
          return;
        }
        results[reply.index] = reply.result;
        done++;
        if (done === jobs.length) {
          stop();
          resolve(results);
        } else {
          feed(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && !failed && done < jobs.length) fail(new Error(`a worker exited with code ${code}`));
      });
      feed(worker);
    }
  });
}
