// `mote flp`: the FLP impossibility made visible (issue 10, "FLP, explored"; seed, backup slides).
// Explores every configuration of the consensus capsules in capsules/flp/ on 3 or 4 motes, then
// prints the graph's size, a bivalent initial configuration with its neighbours, the adversary's
// forever-bivalent schedule, and the same capsules deciding in bounded time in the synchronous model.

import { InvalidArgumentError, type Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { ScheduleStep } from '../../capsules/flp/adversary.js';
import { MAX_MOTES, MIN_MOTES } from '../../capsules/flp/explore.js';
import { flpReport, type FlpReport } from '../../capsules/flp/report.js';
import { syncExplore, type SyncRun, type SyncSummary } from '../../capsules/flp/sync.js';
import { nonNegativeInteger } from '../flags.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { algorithmCapsules } from './algo.js';

interface FlpOptions {
  motes: number;
  steps: number;
  json?: boolean;
  sync?: boolean;
}

/** A schedule longer than this is not a picture any more. */
export const MAX_STEPS = 100_000;

function motesFlag(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < MIN_MOTES || n > MAX_MOTES) {
    throw new InvalidArgumentError(`--motes wants ${MIN_MOTES} or ${MAX_MOTES}, got '${value}'`);
  }
  return n;
}

function number(x: number): string {
  return x.toLocaleString('en-US');
}

const VALUE = ['0', '1', '?'];

function message(m: { step: number; value: number }): string {
  return `[${m.step}, ${VALUE[m.value] ?? m.value}]`;
}

function event(e: Pick<ScheduleStep, 'event' | 'mote' | 'from' | 'message'>): string {
  if (e.event === 'start') return `mote ${e.mote} starts`;
  return `mote ${e.mote} <- ${e.from} ${e.message === undefined ? '' : message(e.message)}`;
}

function scheduleLine(s: ScheduleStep, k: number): string {
  const what = `${event(s)}${s.delayed ? (s.stale ? ' (held back; stale now)' : ' (held back)') : ''}`;
  const held = s.holdsBack === undefined ? '' : `   holds back ${event(s.holdsBack)}: now it would make it ${s.holdsBack.wouldBe}`;
  return `  ${String(k + 1).padStart(4)}  ${what.padEnd(44)} ${s.valency}${held}`;
}

function syncLine(s: SyncSummary): string {
  const held = s.failures.length === 0 ? 'agreement and validity held' : `${s.failures.length} runs FAILED`;
  return `${number(s.runs)} runs (every input vector; no crash, or one in any round reaching any subset): every live mote decided by round ${s.latest} (bound ${s.bound}); ${held}`;
}

function syncRunLine(r: SyncRun): string {
  const crash = r.crash === null ? 'no crash' : `mote ${r.crash.mote} crashes in round ${r.crash.round} reaching [${r.crash.reach.join(', ')}]`;
  const decided = r.decisions.map((d, i) => (d === null ? `mote ${i} -` : `mote ${i} ${d.value}@${d.round}`)).join(', ');
  return `inputs ${r.inputs.join('')}, ${crash}: ${decided}`;
}

export function formatFlp(r: FlpReport): string {
  const lines = [
    `FLP, explored: ${r.motes} motes running capsules/flp (Ben-Or's rules, coin 0), at most one crash, no mote more than ${r.skew} steps ahead of another`,
    `  ${number(r.configurations)} configurations, ${number(r.edges)} edges, explored in ${number(r.exploreMs)} ms (${number(r.moteStates)} mote states from ${number(r.vmRuns)} VM runs)`,
    `  valency: ${number(r.valency.bivalent)} bivalent, ${number(r.valency.zeroValent)} 0-valent, ${number(r.valency.oneValent)} 1-valent, ${number(r.valency.undecidable)} with no decision reachable`,
    '',
    'Initial configurations, one input changed at a time (inputs of motes 0..n-1):',
  ];
  for (const c of r.chain) {
    const inputs = c.inputs.join('');
    const isBivalent = r.bivalentInitial !== null && inputs === r.bivalentInitial.inputs.join('');
    const neighbour = r.neighbours.find((n) => n.inputs.join('') === inputs);
    const note = isBivalent
      ? '<- a bivalent initial configuration'
      : neighbour === undefined
        ? ''
        : `<- its neighbour: if mote ${neighbour.mote} crashes first, both reach one configuration, ${neighbour.silentValency}`;
    lines.push(`  ${inputs}  ${c.valency.padEnd(9)} ${note}`.trimEnd());
  }
  lines.push('');
  const asked = r.schedule.length;
  lines.push(`The adversary: ${asked} steps from ${r.bivalentInitial?.inputs.join('') ?? '-'}, every one bivalent; ${r.heldBack} critical events held back`);
  r.schedule.forEach((s, k) => lines.push(scheduleLine(s, k)));
  if (r.stuck !== undefined) lines.push(`  stopped: ${r.stuck}`);
  if (r.sync !== undefined) {
    lines.push('', `Synchronous model, lock-step rounds, same capsules: ${syncLine(r.sync)}`);
  }
  return lines.join('\n');
}

export function registerFlp(program: Command, io: Io): void {
  program
    .command('flp')
    .description('explore every configuration of a consensus protocol written as capsules: valency, a bivalent initial configuration, the adversary that keeps it undecided')
    .option('--motes <n>', `motes: ${MIN_MOTES} or ${MAX_MOTES}`, motesFlag, MIN_MOTES)
    .option('--steps <n>', 'length of the bivalent schedule', nonNegativeInteger('--steps'), 24)
    .option('--sync', 'only the synchronous model: every run with at most one crash, and the slowest')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nA configuration is every mote\'s VM state plus the messages in flight; a step starts a mote,\n' +
        'delivers one message (its receive context runs to completion) or crashes a mote (at most one).\n' +
        'Configurations that differ only by renaming motes are one; stale messages are dropped; no live\n' +
        'mote runs more than 2 steps ahead of another (capsules/flp/README.md says why and what follows).\n' +
        '3 motes take under a second, 4 motes a few seconds.\n\nExample:\n' +
        '  $ mote flp --steps 12\n' +
        '  $ mote flp --motes 4 --json\n' +
        '  $ mote flp --sync',
    )
    .action((opts: FlpOptions) => {
      if (opts.steps > MAX_STEPS) throw new UserError(`--steps wants at most ${number(MAX_STEPS)}, got ${opts.steps}`);
      const capsules = algorithmCapsules('flp');
      if (opts.sync) {
        const sync = syncExplore(capsules, opts.motes);
        io.stdout(opts.json ? `${JSON.stringify({ motes: opts.motes, sync })}\n` : `${formatSync(opts.motes, sync)}\n`);
        if (sync.failures.length > 0) throw new UserError(`flp --sync: ${sync.failures.length} runs broke consensus`);
        return;
      }
      const report = flpReport({ capsules, motes: opts.motes, steps: opts.steps, now: () => performance.now() });
      io.stdout(opts.json ? `${JSON.stringify(report)}\n` : `${formatFlp(report)}\n`);
    });
}

function formatSync(motes: number, s: SyncSummary): string {
  return [
    `Synchronous model, ${motes} motes, lock-step rounds, capsules/flp with the round's timeout ending each step:`,
    `  ${syncLine(s)}`,
    `  slowest: ${syncRunLine(s.slowest)}`,
    ...s.failures.map((f) => `  failure: ${f}`),
  ].join('\n');
}
