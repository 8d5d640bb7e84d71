// Shared pieces of the sweep tests: a tiny plan (3 x 3 grid, 5 simulated seconds a point), scratch
// folders, and the `mote` command in-process.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIo, UserError } from '../../../cli/io.js';
import { buildProgram, main } from '../../../cli/main.js';
import { checkPlanFlags } from '../../../cli/sweep/flag-check.js';
import { parsePlan } from '../../../cli/sweep/plan.js';

export const TINY_PLAN = `run: sim
flags: { topology: grid:3x3, seconds: 5, inject: capsules/cnt_to_leds.mate@0:1s }
axes: { spacing: [5, 20], seed: { from: 1, to: 3 } }
collect: [radio.transmissions, capsules.0.coveredAt, energy.totalJoules]
`;

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mote-sweep-'));
}

/** Writes a plan into a fresh scratch folder; returns the folder and the plan's path. */
export function planFile(text: string = TINY_PLAN): { dir: string; plan: string } {
  const dir = scratch();
  const plan = join(dir, 'plan.yaml');
  writeFileSync(plan, text);
  return { dir, plan };
}

export async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

/** The one-line message a plan (p.yaml) gets from mote sweep's checks, or 'ok'; `quick` checks its quick section. */
export function verdict(text: string, quick = false): string {
  try {
    checkPlanFlags(parsePlan(text, 'p.yaml', { quick }), buildProgram(bufferIo()), 'p.yaml');
    return 'ok';
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
}
