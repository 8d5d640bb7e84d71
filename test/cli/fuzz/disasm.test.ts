// Fuzzing `mote disasm` (issue 19).

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand } from './harness.js';

it('mote disasm: any capsule file and -o: exit 0/1, no stack trace, nothing but the output written', async () => {
  const args = fc
    .tuple(fileArg('input', 'good.cap', 'fuzz.bin', 'good.mate', 'run.cbor'), flags(flag('-o', fileArg('output'))))
    .map(([file, rest]) => [file, ...rest]);
  await fuzzCommand('disasm', args, { numRuns: 60 });
});
