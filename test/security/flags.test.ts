// Bad files and flags through the whole CLI (issue 9): each gets exit code 1 and one line on stderr
// that names the file and the place (line, record) or the flag, and nothing on stdout.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { shippedCapsule } from '../../cli/paths.js';

let dir = '';
const at = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mote-bad-'));
  writeFileSync(at('trunc.cap'), Buffer.from('a56666' + Buffer.from('format').toString('hex') + '01', 'hex'));
  writeFileSync(at('junk.cap'), 'garbage, not CBOR');
  writeFileSync(at('trace.cbor'), Buffer.from('9f01', 'hex'));
  writeFileSync(at('dup.top'), '0 0 0\n1 10 0\n1 20 0\n');
  writeFileSync(at('sensors.txt'), '0 * 1 500\n2 3 1 5000\n');
  writeFileSync(at('p.events'), 'tick\nsend N1 N9 1\n');
});

async function fails(argv: string[], error: string | RegExp): Promise<void> {
  const io = bufferIo();
  const code = await main(argv, io);
  expect(code, argv.join(' ')).toBe(1);
  expect(io.out).toBe('');
  expect(io.err.endsWith('\n') && io.err.indexOf('\n') === io.err.length - 1, io.err).toBe(true);
  if (typeof error === 'string') expect(io.err).toBe(`${error}\n`);
  else expect(io.err).toMatch(error);
}

describe('one-line errors with exit code 1', () => {
  it('for corrupt capsule files, naming the file', async () => {
    await fails(['sim', '--inject', `${at('trunc.cap')}@0:1s`], `${at('trunc.cap')}: truncated capsule file (the CBOR data ends early)`);
    await fails(['sim', '--load', at('junk.cap')], new RegExp(`^${at('junk.cap')}: not a capsule file`));
    await fails(['disasm', at('junk.cap')], new RegExp(`^${at('junk.cap')}: not a capsule file`));
  });

  it('for a corrupt trace, naming the file and the record', async () => {
    await fails(['trace', at('trace.cbor')], new RegExp(`^${at('trace.cbor')}: record 0 at byte 0 of \\d+ is (corrupt|cut off)`));
  });

  it('for topology files, sensor traces and scenario files, naming the file and the line', async () => {
    await fails(['sim', '--topology', `file:${at('dup.top')}`], `${at('dup.top')}:3: mote 1 is placed twice`);
    await fails(['sim', '--topology', 'line:4', '--sensor-trace', at('sensors.txt')], `${at('sensors.txt')}:2: bad reading '5000' (0..1023)`);
    const top = shippedCapsule('snapshot/p1p2p3.top');
    await fails(['snapshot', '--topology', top, '--events', at('p.events')], `${at('p.events')}:2: unknown mote N9`);
  });

  it('for bad flag values, naming the flag once', async () => {
    await fails(['sim', '--trickle', 'imin=0'], "--trickle 'imin=0': imin=0: must be between 1 ns and 2^53 ns");
    await fails(['sim', '--seconds', '-3'], /--seconds wants a number > 0 and <= 9007199 s .*, got '-3'/);
    await fails(['sim', '--topology', 'line:3', '--fault', 'crash:9@1s'], "--fault 'crash:9@1s': want a mote id from 0 to 2");
    await fails(['sim', '--faults', 'random:x'], "--faults 'random:x': want random:SEED");
    await fails(['sim', '--bogus'], "error: unknown option '--bogus'");
  });
});
