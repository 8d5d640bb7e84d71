// `mote dash` (and `mote start`, the demo): watch code spread through a simulated network (issue 7).
// On a terminal it runs the blessed dashboard until q; otherwise (a pipe, CI) it prints one progress
// line per simulated second and a summary once the injected version has reached every live mote.

import type { Command } from 'commander';
import { COST_PROFILES } from '../../vm/opcodes.js';
import { RADIO_MODELS } from '../../sim/radio/models.js';
import { DashController, type Pacing } from '../dash/controller.js';
import { withEarlyKeys } from '../dash/early-keys.js';
import { runHeadless } from '../dash/headless.js';
import { NetworkSource } from '../dash/network-source.js';
import { blessedTerminal } from '../dash/render.js';
import { sourceOptions, type DashFlags } from '../dash/setup.js';
import { nonNegativeInteger, oneOf, positiveNumber, simulatedSeconds } from '../flags.js';
import { UserError, type Io } from '../io.js';
import { avrMotesFlag } from './sim.js';

/** Without a terminal the run must end well within a minute of wall time (CI). */
const HEADLESS_WALL_LIMIT_MS = 50_000;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const HELP = `
With no --load and no --inject it runs the demo: the counter capsule (capsules/cnt_to_leds.mate) on
every mote and its next version injected at mote 0 at 5 s. Faults use the --fault syntax of mote sim.

Keys: space pause, + and - speed, arrows select a mote, enter its detail, i inject the next version
at the selected mote, k kill it, r reboot it, p split the network in two and heal it, l show LEDs, q quit.
Without a terminal (a pipe, CI) it prints a line per simulated second and stops at full coverage.

Examples:
  $ mote dash
  $ mote dash --topology grid:20x20 --spacing 20 --speed 5
  $ mote dash --topology grid:30x30 --load capsules/cnt_to_leds.mate --inject capsules/blink_loop.mate@0:3s --fault crash:45@20s
  $ mote dash | cat`;

/** The options `mote dash` shares with `mote sim`, plus --speed. */
export function addDashOptions(command: Command): Command {
  return command
    .option('--topology <spec>', 'grid:WxH, line:N, ring:N, clique:N, random:N, or file:PATH', 'grid:20x20')
    .option('--spacing <feet>', 'feet between neighbours in grid, line and ring layouts (default 10)', positiveNumber('--spacing'))
    .option('--area <feet>', 'side of the square random:N scatters over', positiveNumber('--area'))
    .option('--radio <model>', `radio model: ${RADIO_MODELS.join(', ')} (default: file links for files, else empirical)`, oneOf('--radio', RADIO_MODELS))
    .option('--range <feet>', 'radio range for perfect and disk (default 20)', positiveNumber('--range'))
    .option('--load <file>', 'capsule installed on every mote at boot (repeatable)', collect, [])
    .option('--inject <file@mote:time>', 'capsule given to one mote at a time, spread by Trickle (repeatable)', collect, [])
    .option('--trickle <spec>', 'Trickle timer: imin=1,doublings=6,k=1,listen=0.5 (seconds)')
    .option('-s, --seconds <n>', 'without a terminal: simulated seconds after which it stops', simulatedSeconds('--seconds'), 600)
    .option('--seed <n>', 'seed for every random stream (same seed, same run)', nonNegativeInteger('--seed'), 1)
    .option('--profile <name>', `VM cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--fault <spec>', 'a scheduled fault, as in mote sim (repeatable)', collect, [])
    .option('--faults <random:seed>', 'a seeded random fault schedule')
    .option('--boot-spread <seconds>', 'motes boot at seeded times within this many seconds', simulatedSeconds('--boot-spread', true), 0)
    .option('--speed <n>', 'simulated seconds per real second', positiveNumber('--speed'), 1)
    .option('--avr-motes <list>', "motes that run the VM as AVR machine code on avr8js: 0,17,42 or 'all' (marked A on the map)", avrMotesFlag);
}

const realPacing: Pacing = {
  wallMs: () => performance.now(),
  every: (ms, frame) => {
    const timer = setInterval(frame, ms);
    return () => clearInterval(timer);
  },
};

/** Runs the dashboard (or its non-terminal form) with these flags; resolves when it is done. */
export async function runDash(flags: DashFlags, io: Io): Promise<void> {
  if (io.isTTY) {
    // The terminal listens to keys before the network is built, so none typed meanwhile are lost.
    const terminal = withEarlyKeys(blessedTerminal());
    let source: NetworkSource;
    try {
      source = new NetworkSource(sourceOptions(flags));
    } catch (error) {
      terminal.close();
      throw error;
    }
    await new DashController(source, terminal, realPacing, flags.speed).run();
    return;
  }
  const outcome = runHeadless(new NetworkSource(sourceOptions(flags)), {
    seconds: flags.seconds,
    wallLimitMs: HEADLESS_WALL_LIMIT_MS,
    wallMs: realPacing.wallMs,
    print: (line) => io.stdout(`${line}\n`),
  });
  if (outcome.kind === 'not-covered') throw new UserError(outcome.reason);
}

export function registerDash(program: Command, io: Io): void {
  addDashOptions(program.command('dash'))
    .description('watch code spread through a simulated network in a terminal dashboard')
    .addHelpText('after', HELP)
    .action((flags: DashFlags) => runDash(flags, io));
}
