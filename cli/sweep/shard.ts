// Shards for cluster job arrays (issue 18). The assignment is fixed and needs no coordination: with N
// shards, shard I (0 <= I < N) runs the points whose index k (their place in the plan, first axis
// outermost) has k mod N = I. Round-robin spreads every axis value over the shards, so shards take
// about the same time even when cost grows along an axis.
//
// Without --shard, the scheduler's variables are read: Slurm array jobs set SLURM_ARRAY_TASK_ID and
// SLURM_ARRAY_TASK_COUNT (and SLURM_ARRAY_TASK_MIN, subtracted, so --array=1-3 works as 0-2);
// Kubernetes Indexed Jobs set JOB_COMPLETION_INDEX, and the count comes from --shards N.

import { UserError } from '../io.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

function whole(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UserError(`${what} wants a whole number >= 0, got '${text}'`);
  return Number(text);
}

function checked(index: number, count: number, source: string): Shard {
  if (count < 1) throw new UserError(`${source}: the shard count must be at least 1, got ${count}`);
  if (index >= count) throw new UserError(`${source}: shard index ${index} is out of range for ${count} shards (0 to ${count - 1})`);
  return { index, count };
}

/** Reads `--shard I/N`. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new UserError(`--shard wants I/N (shard I of N, counting from 0), got '${text}'`);
  return checked(Number(m[1]), Number(m[2]), `--shard ${text}`);
}

/** The shard this process runs: the flag, else the scheduler's variables, else none (all points). */
export function chooseShard(flag: string | undefined, shards: number | undefined, env: Env): Shard | undefined {
  if (flag !== undefined) return parseShard(flag);
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') {
    const countText = env.SLURM_ARRAY_TASK_COUNT;
    const count = shards ?? (countText === undefined ? undefined : whole(countText, 'SLURM_ARRAY_TASK_COUNT'));
    if (count === undefined) throw new UserError('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shards N');
    const min = env.SLURM_ARRAY_TASK_MIN === undefined || env.SLURM_ARRAY_TASK_MIN === '' ? 0 : whole(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN');
    const id = whole(slurmId, 'SLURM_ARRAY_TASK_ID');
    if (id < min) throw new UserError(`SLURM_ARRAY_TASK_ID ${id} is below SLURM_ARRAY_TASK_MIN ${min}`);
    return checked(id - min, count, 'SLURM_ARRAY_TASK_ID');
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    if (shards === undefined) throw new UserError('JOB_COMPLETION_INDEX is set but no shard count: give --shards N (the Job\'s completions)');
    return checked(whole(k8s, 'JOB_COMPLETION_INDEX'), shards, 'JOB_COMPLETION_INDEX');
  }
  if (shards !== undefined) throw new UserError('--shards N needs a shard index: --shard I/N, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX');
  return undefined;
}

export function inShard(pointIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || pointIndex % shard.count === shard.index;
}
