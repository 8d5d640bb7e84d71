// Fuzzing `mote bench` (issue 19): names, runs and --out; only the quick vm benchmark actually runs.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, value, type Token } from './harness.js';

it('mote bench: any name, --runs and --out: exit 0/1, no stack trace, nothing but --out written', async () => {
  const args = fc
    .tuple(value('vm'), flags(flag('--runs', value('1')), flag('--out', fc.oneof(fileArg('output'), fc.constant<Token>({ file: 'results', role: 'output' }))), flag('--json')))
    // --quick always: a measured run takes seconds; the fuzzing is of the flags.
    .map(([name, rest]) => [name, '--quick', ...rest]);
  await fuzzCommand('bench', args, { numRuns: 20 });
});
