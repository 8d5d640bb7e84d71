// `mote start` (what `npm start` runs): the first thing a new user sees. Until the dashboard lands,
// it runs the counter capsule on one mote and shows its LEDs.

import type { Command } from 'commander';
import { runSingleMote } from '../../vm/single-host.js';
import type { Io } from '../io.js';
import { loadCapsule } from '../load-capsule.js';
import { shippedCapsule } from '../paths.js';
import { formatRunReport } from './run.js';

export function registerStart(program: Command, io: Io): void {
  program
    .command('start')
    .description('the demo: the counter capsule on one mote, its LEDs counting once a second')
    .addHelpText('after', '\nExample:\n  $ npm start')
    .action(() => {
      const file = shippedCapsule('cnt_to_leds.mate');
      const { capsule } = loadCapsule(file);
      io.stdout(`Running ${capsule.name} (Maté's counter) on one emulated mica mote for 10 simulated seconds.\n`);
      io.stdout(`${formatRunReport(runSingleMote([capsule], { seconds: 10 }))}\n`);
    });
}
