// The experiments' jobs as sweep points (`run: experiment KIND` in a plan, bench/plans/): a point's
// flags, checked with zod, become one job of jobs.ts, and its result is the point's JSON. Times are in
// seconds in a plan and in ns in a job; a capsule is named by its file in capsules/.

import { z } from 'zod';
import { assemble } from '../../assembler/assemble.js';
import { shippedCapsule } from '../../cli/paths.js';
import { readInput } from '../../cli/load-capsule.js';
import { PROPAGATIONS } from '../../sim/dissemination/engine.js';
import { NS_PER_SECOND, type TrickleParams } from '../../trickle/index.js';
import type { Capsule } from '../../vm/capsule.js';
import type { Job } from './jobs.js';

const count = z.number().int().positive();
const seconds = z.number().positive();
const seed = z.number().int();
const trickle = {
  imin: seconds.default(1),
  doublings: z.number().int().min(0).max(30).default(6),
  k: z.number().int().min(0).default(1),
  listen: z.number().min(0).max(1).default(0.5),
};

const propagation = z.strictObject({
  side: count.default(20),
  spacing: seconds,
  seed,
  'reply-delay': z.number().min(0).default(0),
  collisions: z.boolean().default(true),
  capsule: z.string().min(1),
  horizon: seconds,
  radio: z.enum(['empirical', 'tossim']).default('empirical'),
  'bit-level': z.boolean().default(true),
  noise: z.boolean().default(true),
  'mica-mac': z.boolean().default(true),
  'ber-loss': z.boolean().default(true),
  acks: z.boolean().default(true),
  propagation: z.enum(PROPAGATIONS).default('rfc6206'),
  doublings: trickle.doublings,
});

const cell = z.strictObject({ n: count, loss: z.number().min(0).max(1).default(0), seed, intervals: count, ...trickle });

const maintenance = z.strictObject({
  /** A topology spec (grid:20x20), or a kind (clique, random) that takes `motes`. */
  topology: z.string().min(1),
  motes: count.optional(),
  spacing: seconds.optional(),
  area: seconds.optional(),
  radio: z.enum(['empirical', 'perfect']).default('empirical'),
  seed,
  intervals: count,
  ...trickle,
});

export const EXPERIMENT_KINDS = { propagation, cell, maintenance } as const;
export type ExperimentKind = keyof typeof EXPERIMENT_KINDS;

export function isExperimentKind(kind: string): kind is ExperimentKind {
  return Object.hasOwn(EXPERIMENT_KINDS, kind);
}

function params(f: { imin: number; doublings: number; k: number; listen: number }): TrickleParams {
  return { imin: f.imin * NS_PER_SECOND, doublings: f.doublings, k: f.k, listen: f.listen };
}

const capsules = new Map<string, Capsule>();

/** A shipped capsule by file name, assembled once per thread. */
export function shippedCapsuleNamed(name: string): Capsule {
  let capsule = capsules.get(name);
  if (capsule === undefined) {
    const file = shippedCapsule(name);
    const result = assemble(readInput(file).toString('utf8'), file);
    if (!result.ok) throw new Error(`${file} does not assemble`);
    capsules.set(name, (capsule = result.capsule));
  }
  return capsule;
}

/** The one-line problem with a point's flags for this kind of job, or undefined when they make a job. */
export function flagProblem(kind: ExperimentKind, flags: Readonly<Record<string, unknown>>): string | undefined {
  const parsed = EXPERIMENT_KINDS[kind].safeParse(flags);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const path = issue.path.map(String).join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown flag${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} for experiment ${kind}` : issue.message;
  return path === '' ? message : `${path}: ${message}`;
}

/** The job a point's flags describe; throws the one-line problem when they do not make one. */
export function jobFromFlags(kind: ExperimentKind, flags: Readonly<Record<string, unknown>>): Job {
  const problem = flagProblem(kind, flags);
  if (problem !== undefined) throw new Error(problem);
  switch (kind) {
    case 'propagation': {
      const f = propagation.parse(flags);
      return {
        kind, side: f.side, spacing: f.spacing, seed: f.seed, replyDelayNs: f['reply-delay'] * NS_PER_SECOND, collisions: f.collisions,
        capsule: shippedCapsuleNamed(f.capsule), horizonNs: f.horizon * NS_PER_SECOND, radio: f.radio, propagation: f.propagation, doublings: f.doublings,
        tossim: { bitLevel: f['bit-level'], noise: f.noise, micaMac: f['mica-mac'], berLoss: f['ber-loss'], acks: f.acks },
      };
    }
    case 'cell': {
      const f = cell.parse(flags);
      return { kind, n: f.n, params: params(f), loss: f.loss, seed: f.seed, intervals: f.intervals };
    }
    case 'maintenance': {
      const f = maintenance.parse(flags);
      const topology = f.topology.includes(':') || f.motes === undefined ? f.topology : `${f.topology}:${f.motes}`;
      return { kind, topology, spacing: f.spacing, area: f.area, radio: f.radio, params: params(f), seed: f.seed, intervals: f.intervals };
    }
  }
}
