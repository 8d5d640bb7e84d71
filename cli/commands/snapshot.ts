// `mote snapshot --topology FILE.top --events FILE.events`: replay a scenario of the token application
// with the Chandy-Lamport capsules on the tick network and print every snapshot (issue 6, "Scenario
// replay"; formats in capsules/snapshot/scenario.ts). The lecture's example ships as
// capsules/snapshot/p1p2p3.{top,events,delays}.

import type { Command } from 'commander';
import { replaySnapshotScenario, formatSnapshots, type SnapshotResult } from '../../capsules/snapshot/tick.js';
import { parseDelays, parseSnapshotEvents, parseSnapshotTopology, type Parsed } from '../../capsules/snapshot/scenario.js';
import { measure } from '../../sim/algo/report.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { nonNegativeInteger, oneOf } from '../flags.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { readInput } from '../load-capsule.js';
import { algorithmCapsules } from './algo.js';

interface SnapshotOptions {
  topology: string;
  events: string;
  delays?: string;
  seed: number;
  profile: CostProfile;
  capsules?: string;
  json?: boolean;
}

function parsed<T>(result: Parsed<T>): T {
  if (!result.ok) throw new UserError(result.error);
  return result.value;
}

export function snapshotJson(run: SnapshotResult): object {
  return {
    ok: run.verdict.ok,
    failures: run.verdict.failures,
    ticks: run.ticks,
    messages: measure(run.net).messages,
    snapshots: run.recorded.map((snap, number) => ({
      number,
      states: Object.fromEntries(run.names.map((name, i) => [name, snap.states[i] ?? null])),
      inTransit: snap.inTransit.map((t) => ({ src: run.names[t.src], dst: run.names[t.dst], tokens: t.k })),
    })),
  };
}

export function registerSnapshot(program: Command, io: Io): void {
  program
    .command('snapshot')
    .description('replay a token-passing scenario with Chandy-Lamport snapshot capsules and print every snapshot')
    .requiredOption('--topology <file.top>', 'motes, their tokens and one-way FIFO channels')
    .requiredOption('--events <file.events>', 'send SRC DST k, snapshot ID, tick [n]')
    .option('--delays <file>', 'extra ticks per message in send order (then the seeded generator)')
    .option('--seed <n>', 'seed for delays past the file and the motes\' random streams', nonNegativeInteger('--seed'), 1)
    .option('--profile <name>', `cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--capsules <dir>', 'run these capsule sources instead of capsules/snapshot/')
    .option('--json', 'print the snapshots and the verdict as one JSON object')
    .addHelpText(
      'after',
      '\nA message takes 1 + d ticks; each tick every source, in id order, delivers at most the head of one\n' +
        'channel: the first with a ready head in destination id order. Output: per snapshot its number, `ID tokens` per mote, `SRC DST token(k)` per message\n' +
        'recorded in transit. Exit code 1 when the oracle finds a failure.\n\nExample:\n' +
        '  $ mote snapshot --topology capsules/snapshot/p1p2p3.top --events capsules/snapshot/p1p2p3.events \\\n' +
        '      --delays capsules/snapshot/p1p2p3.delays',
    )
    .action((opts: SnapshotOptions) => {
      const topology = parsed(parseSnapshotTopology(readInput(opts.topology).toString('utf8'), opts.topology));
      const events = parsed(parseSnapshotEvents(readInput(opts.events).toString('utf8'), opts.events, topology));
      const delays = opts.delays === undefined ? undefined : parsed(parseDelays(readInput(opts.delays).toString('utf8'), opts.delays));
      const capsules = algorithmCapsules('snapshot', opts.capsules);
      const run = parsed(replaySnapshotScenario(topology, events, { capsules, delays, seed: opts.seed, profile: opts.profile, file: opts.events }));
      io.stdout(opts.json ? `${JSON.stringify(snapshotJson(run))}\n` : `${formatSnapshots(run)}\n`);
      if (!run.verdict.ok) throw new UserError(run.verdict.failures.map((f) => `oracle: ${f}`).join('\n'));
    });
}
