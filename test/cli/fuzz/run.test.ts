// Fuzzing `mote run` (issue 19).

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, value } from './harness.js';

it('mote run: any capsules and flags: exit 0/1, no stack trace, nothing written, bounded', async () => {
  const args = fc
    .tuple(
      fc.array(fileArg('input', 'good.mate', 'cr.mate', 'good.cap', 'fuzz.bin', 'empty.mate'), { minLength: 1, maxLength: 3 }),
      flags(flag('--seconds', value('0.5', '3', '10')), flag('--profile', value('mate', 'lean')), flag('--seed', value('1', '42')), flag('--json'), flag('--trace')),
    )
    .map(([files, rest]) => [...files, ...rest]);
  await fuzzCommand('run', args, { numRuns: 50 });
});
