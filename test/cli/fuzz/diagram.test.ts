// Fuzzing `mote diagram` (issue 19): any trace, window and page flags.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, value } from './harness.js';

it('mote diagram: any trace and flags: exit 0/1, no stack trace, nothing but --svg written, bounded', async () => {
  const args = fc
    .tuple(
      fileArg('input', 'al.cbor', 'run.cbor', 'fuzz.bin'),
      fileArg('output'),
      flags(flag('--motes', value('0-2', '1', '0,2', '5-1', '0-99')), flag('--page', value('1', '2')), flag('--per-page', value('1', '2', '20')), flag('--from', value('0', '2', '0.5')), flag('--to', value('3', '10', '1.5'))),
    )
    .map(([file, svg, rest]) => [file, '--svg', svg, ...rest]);
  await fuzzCommand('diagram', args, { numRuns: 50 });
});
