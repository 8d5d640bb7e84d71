// Fuzzing `mote dash` and `mote start` without a terminal (issue 19): they print progress and stop.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, value, type Token } from './harness.js';

function dashArgs(): fc.Arbitrary<Token[]> {
  const injection = fc
    .tuple(fileArg('input', 'good.mate', 'good.cap', 'fuzz.bin'), value('0', '99'), value('1s', '0'))
    .map(([file, m, t]): Token => (typeof file === 'string' ? file : { ...file, suffix: `@${m}:${t}` }));
  // Always a small network and a short run first (a later flag may override them): the point is the
  // flags, not a 400-mote demo.
  const small: Token[] = ['--topology', 'line:3', '--seconds', '20'];
  return flags(
    flag('--topology', value('line:3', 'grid:2x2', 'ring:3')),
    flag('--seconds', value('1', '2')),
    flag('--spacing', value('5')),
    flag('--radio', value('perfect', 'disk')),
    flag('--range', value('20')),
    flag('--load', fileArg('input', 'good.mate', 'fuzz.bin', 'empty.mate')),
    flag('--inject', injection),
    flag('--trickle', value('imin=1', 'imin=-1')),
    flag('--seed', value('2')),
    flag('--fault', value('crash:1@1s', 'crash:9@1s')),
    flag('--faults', value('random:1')),
    flag('--boot-spread', value('0.5')),
    flag('--speed', value('2')),
  ).map((rest) => [...small, ...rest]);
}

it('mote dash (no terminal): any flags: exit 0/1, no stack trace, nothing written, bounded', async () => {
  await fuzzCommand('dash', dashArgs(), { numRuns: 30 });
});

it('mote start (no terminal): any flags: exit 0/1, no stack trace, nothing written, bounded', async () => {
  await fuzzCommand('start', dashArgs(), { numRuns: 20 });
});
