// The README's Slurm array script and Kubernetes Indexed Job, run here: each array task is a separate
// `mote` process (the built bin/mote.js) with the scheduler's variables set, then the shards are merged
// and the summary compared, byte for byte, with one unsharded run of the same plan.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../../../cli/paths.js';
import { ensureBuilt } from '../../built.js';
import { mote, scratch } from './helpers.js';

const README = readFileSync(join(packageRoot, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
const SCHEDULER_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN', 'JOB_COMPLETION_INDEX'];

interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `npx mote ARGS` as the built command in the package folder, with these scheduler variables. */
function moteProcess(args: readonly string[], vars: Record<string, string>): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars };
  for (const v of SCHEDULER_VARIABLES) if (!(v in vars)) delete env[v];
  return new Promise((resolve) => {
    execFile('node', ['bin/mote.js', ...args], { cwd: packageRoot, env }, (error, out, err) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, out, err });
    });
  });
}

/** `npx mote A B C` -> ['A', 'B', 'C'], with the output folder moved to a scratch one. */
function moteArgs(words: readonly string[], from: string, to: string): string[] {
  expect(words.slice(0, 2)).toEqual(['npx', 'mote']);
  return words.slice(2).map((w) => (w === from ? to : w));
}

/** What one unsharded run of the plan writes as summary.csv (in-process). */
async function unsharded(plan: string): Promise<string> {
  const out = join(scratch(), 'whole');
  expect((await mote('sweep', plan, '-o', out)).code).toBe(0);
  return readFileSync(join(out, 'summary.csv'), 'utf8');
}

beforeAll(ensureBuilt, 300_000);

describe("the README's cluster recipes", () => {
  it('the Slurm array script runs one shard per array task and merges to the unsharded summary', async () => {
    const script = BLOCKS.find((b) => b.lang === 'bash' && b.text.includes('#SBATCH'))?.text ?? '';
    const array = /^#SBATCH --array=(\d+)-(\d+)$/m.exec(script);
    expect(array).not.toBeNull();
    const [first, last] = [Number(array?.[1]), Number(array?.[2])];
    const run = script.split('\n').find((l) => l.startsWith('npx mote sweep ')) ?? '';
    const words = run.split(/\s+/);
    const folder = words[words.indexOf('-o') + 1];
    const out = join(scratch(), 'shared');
    const tasks = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    expect(tasks.length).toBeGreaterThan(1);
    const ran = await Promise.all(
      tasks.map((id) => moteProcess(moteArgs(words, folder, out), { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: String(tasks.length), SLURM_ARRAY_TASK_MIN: String(first) })),
    );
    ran.forEach((r, i) => {
      expect(r.err.split('\n').filter((l) => !l.startsWith('sweep shard'))).toEqual(['']);
      expect(r.out).toMatch(new RegExp(`^sweep shard ${i}/${tasks.length}: `));
    });
    const merge = /--wrap "(npx mote sweep merge [^"]+)"/.exec(script)?.[1] ?? '';
    const merged = await moteProcess(moteArgs(merge.split(/\s+/), folder, out), {});
    expect(merged.err).toBe('');
    expect(merged.out).toMatch(/^merged 12 of 12 points \(0 failed\)/);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(await unsharded(words[3]));
  }, 180_000);

  it('the Kubernetes Indexed Job runs one shard per completion index and merges to the unsharded summary', async () => {
    const manifest = BLOCKS.find((b) => b.lang === 'yaml' && b.text.includes('kind: Job'))?.text ?? '';
    const job = parseYaml(manifest) as {
      kind: string;
      spec: { completions: number; completionMode: string; template: { spec: { containers: { command: string[]; workingDir: string }[] } } };
    };
    expect([job.kind, job.spec.completionMode]).toEqual(['Job', 'Indexed']);
    const [container] = job.spec.template.spec.containers;
    const command = container.command;
    expect(command[command.indexOf('--shards') + 1]).toBe(String(job.spec.completions));
    const folder = command[command.indexOf('-o') + 1];
    const out = join(scratch(), 'volume');
    const ran = await Promise.all(
      Array.from({ length: job.spec.completions }, (_, i) => moteProcess(moteArgs(command, folder, out), { JOB_COMPLETION_INDEX: String(i) })),
    );
    for (const r of ran) expect(r.code).toBe(0);
    const merged = await moteProcess(['sweep', 'merge', out], {});
    expect(merged.code).toBe(0);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(await unsharded(command[3]));
  }, 180_000);
});
