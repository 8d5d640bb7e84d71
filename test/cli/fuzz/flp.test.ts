// Fuzzing `mote flp` (issue 19): motes, steps and modes.

import { it } from 'vitest';
import { flag, flags, fuzzCommand, value } from './harness.js';

it('mote flp: any flags: exit 0/1, no stack trace, nothing written, bounded', async () => {
  const args = flags(flag('--motes', value('3')), flag('--steps', value('4', '12')), flag('--sync'), flag('--json'));
  await fuzzCommand('flp', args, { numRuns: 12 });
});
