// Fuzzing `mote trace` (issue 19): cut, flipped and random traces.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand } from './harness.js';

it('mote trace: any file: exit 0/1, no stack trace, nothing written', async () => {
  const args = fc.tuple(fileArg('input', 'run.cbor', 'al.cbor', 'fuzz.bin', 'good.cap'), flags(flag('--json'))).map(([file, rest]) => [file, ...rest]);
  await fuzzCommand('trace', args, { numRuns: 60 });
});
