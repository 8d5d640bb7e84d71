// Fuzzing `mote sim` (issue 19): flags with hostile values, topology, capsule, sensor and key files.

import fc from 'fast-check';
import { it } from 'vitest';
import { fileArg, flag, flags, fuzzCommand, value, type Token } from './harness.js';

const topology = fc.oneof(
  value('line:3', 'grid:2x2', 'ring:4', 'clique:3', 'random:4', 'grid:3x3'),
  fileArg('input', 't.top', 'fuzz.bin').map((t): Token => (typeof t === 'string' ? t : { ...t, prefix: 'file:' })),
);
const injection = fc
  .tuple(fileArg('input', 'good.mate', 'good.cap', 'fuzz.bin'), value('0', '1', '2', '99'), value('1s', '500ms', '100s', '0', '1e3s', '1s:v2'))
  .map(([file, m, t]): Token => (typeof file === 'string' ? file : { ...file, suffix: `@${m}:${t}` }));

it('mote sim: any flags and files: exit 0/1, no stack trace, nothing but --trace written, bounded', async () => {
  const args = flags(
    flag('--topology', topology),
    flag('--inject', injection),
    flag('--seconds', value('0.5', '1', '2')),
    flag('--spacing', value('5', '10')),
    flag('--area', value('50')),
    flag('--radio', value('perfect', 'disk', 'empirical', 'file')),
    flag('--range', value('15', '30')),
    flag('--load', fileArg('input', 'good.mate', 'cr.mate', 'good.cap', 'fuzz.bin', 'empty.mate')),
    flag('--trickle', value('imin=1', 'k=2,doublings=3', 'imin=-1', 'listen=1')),
    flag('--reply-delay', value('0', '0.5')),
    flag('--seed', value('1', '7')),
    flag('--trace', fileArg('output')),
    flag('--fault', value('crash:1@0.5s', 'reboot:0@1s', 'drain:2@1s', 'link:0-1=0@0.2s', 'partition:x<5@1s', 'heal@1s', 'jam:1@0.5s', 'crash:99@1s')),
    flag('--faults', value('random:3', 'random:x')),
    flag('--timing', value('physical', 'sync', 'async')),
    flag('--round', value('1', '0.5')),
    flag('--async-delay', value('0.2')),
    flag('--link-layer', value('plain', 'reliable')),
    flag('--preamble', value('0', '20', '300')),
    flag('--radio-idle', value('listen', 'off')),
    flag('--sensor-power', value('stay-on', 'per-reading')),
    flag('--sensor-trace', fileArg('input', 'sensors.txt', 'fuzz.bin')),
    flag('--boot-spread', value('0', '0.5')),
    flag('--battery', value('0.001', '1e-300', '2850')),
    flag('--key', fileArg('input', 'base.key', 'base.key.pub', 'fuzz.bin')),
    flag('--insecure'),
    flag('--attacker', value('1:version=9', '0:version=x', '1:version=4294967295,at=1s')),
    flag('--json'),
  );
  await fuzzCommand('sim', args, { numRuns: 60 });
});
