// Fuzzing `mote asm` (issue 19): hostile sources and flags lose nothing and never crash.

import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, output } from './harness.js';
import fc from 'fast-check';

it('mote asm: any source, -o and --sign: exit 0/1, no stack trace, nothing but the output written', async () => {
  const args = fc
    .tuple(
      fileArg('input', 'good.mate', 'cr.mate', 'empty.mate', 'fuzz.bin', 'good.cap'),
      flags(flag('-o', fc.oneof(fileArg('output'), fc.constant(output('out.cap')))), flag('--sign', fileArg('input', 'base.key', 'base.key.pub', 'fuzz.bin')), flag('--json')),
    )
    .map(([file, rest]) => [file, ...rest]);
  await fuzzCommand('asm', args, { numRuns: 60 });
});
