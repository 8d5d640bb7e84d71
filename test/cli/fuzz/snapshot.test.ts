// Fuzzing `mote snapshot` (issue 19): scenario files cut, flipped or random.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, value } from './harness.js';

it('mote snapshot: any scenario files and flags: exit 0/1, no stack trace, nothing written', async () => {
  const args = fc
    .tuple(
      fileArg('input', 'p.top', 'fuzz.bin'),
      fileArg('input', 'p.events', 'fuzz.bin'),
      flags(flag('--delays', fileArg('input', 'p.delays', 'fuzz.bin')), flag('--seed', value('1', '3')), flag('--profile', value('mate', 'lean')), flag('--json')),
    )
    .map(([top, events, rest]) => ['--topology', top, '--events', events, ...rest]);
  await fuzzCommand('snapshot', args, { numRuns: 40 });
});
