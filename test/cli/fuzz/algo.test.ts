// Fuzzing `mote algo` (issue 19): every algorithm with every flag, small topologies or hostile values.

import fc from 'fast-check';
import { it } from 'vitest';
import { ALGORITHMS } from '../../../cli/commands/algo.js';
import { fileArg, flag, flags, fuzzCommand, value } from './harness.js';

it('mote algo: any algorithm and flags: exit 0/1, no stack trace, nothing but --trace and --svg written, bounded', async () => {
  const args = fc
    .tuple(
      fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ALGORITHMS) }, { weight: 1, arbitrary: value() }),
      flags(
        flag('--topology', fc.oneof(value('line:3', 'grid:2x2', 'ring:4', 'clique:4', 'random:4'), fileArg('input', 't.top', 'fuzz.bin'))),
        flag('--network', value('tick')),
        flag('--seed', value('1', '5')),
        flag('--timing', value('sync', 'async')),
        flag('--f', value('0', '1', '2')),
        flag('--crashes', value('1', 'chain', 'chain:1', 'chain:9')),
        flag('--values', value('2', '3')),
        flag('--ring-order', value('best', 'worst', 'random')),
        flag('--range', value('5', '15', '1')),
        flag('--spacing', value('10', '3')),
        flag('--steps', value('3', '8')),
        flag('--snapshots', value('1', '2')),
        flag('--beacon-period', value('3', '10')),
        flag('--fail', value('1', '2', '0')),
        flag('--fail-at', value('0', '5', '30')),
        flag('--reading-period', value('1', '2')),
        flag('--epochs', value('1', '2')),
        flag('--sources', value('1', '2')),
        flag('--threshold', value('100', '1022')),
        flag('--interval', value('1', '2')),
        flag('--interest-period', value('12', '4')),
        flag('--profile', value('mate', 'lean')),
        flag('--trace', fileArg('output')),
        flag('--svg', fileArg('output')),
        flag('--json'),
      ),
    )
    .map(([name, rest]) => [name, ...rest]);
  await fuzzCommand('algo', args, { numRuns: 60 });
});
