// `mote start` (what `npm start` runs): the first thing a new user sees. The dashboard on its demo:
// 400 motes in a 20 x 20 grid, empirical radio, the counter capsule on every mote, and its next
// version injected at the corner mote a few seconds in. Same flags as `mote dash`.

import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { DashFlags } from '../dash/setup.js';
import { addDashOptions, runDash } from './dash.js';

export function registerStart(program: Command, io: Io): void {
  addDashOptions(program.command('start'))
    .description('the demo: watch a new version of the counter capsule spread through 400 motes')
    .addHelpText('after', '\nExample:\n  $ npm start\n  $ npm start | cat')
    .action((flags: DashFlags) => runDash(flags, io));
}
