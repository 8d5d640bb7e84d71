// Fuzzing `mote keygen` (issue 19): never half a pair, never over a file without --force.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, output } from './harness.js';

it('mote keygen: any -o and --force: exit 0/1, no stack trace, nothing but FILE and FILE.pub written', async () => {
  const args = fc
    .tuple(fc.oneof(fileArg('output'), fc.constant(output('new.key')), fc.constant(output('sub'))), flags(flag('--force'), flag('--json')))
    .map(([file, rest]) => ['-o', file, ...rest]);
  await fuzzCommand('keygen', args, { numRuns: 40 });
});
