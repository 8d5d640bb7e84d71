// Nothing lost (issue 19, defects 1, 2, 3 and 5): an output that is an input is refused before
// anything runs; devices and pipes are written as streams, never replaced; an interrupted run leaves
// no temp file and keeps the old output; a failing writer is one line and exit 1.

import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { shippedCapsule } from '../../cli/paths.js';
import { guardStdout } from '../../cli/stdio-errors.js';
import { leftovers, mote, oneLine, scratch } from './helpers.js';

function counterIn(dir: string, name = 'self.mate'): string {
  const file = join(dir, name);
  copyFileSync(shippedCapsule('cnt_to_leds.mate'), file);
  return file;
}

async function capsuleIn(dir: string): Promise<string> {
  const cap = join(dir, 'g.cap');
  expect((await mote('asm', counterIn(dir, 'g.mate'), '-o', cap)).code).toBe(0);
  return cap;
}

describe('an output that is an input is refused before anything runs', () => {
  it('asm self.mate -o self.mate keeps the source', async () => {
    const dir = scratch();
    const src = counterIn(dir);
    const before = readFileSync(src);
    const { code, err } = await mote('asm', src, '-o', src);
    expect(code).toBe(1);
    expect(oneLine(err)).toBe(true);
    expect(err).toMatch(/^-o .*self\.mate: refusing to write there, it is an input/);
    expect(readFileSync(src)).toEqual(before);
  });

  it('by any name: a hard link, a symlink, a ./ path', async () => {
    const dir = scratch();
    const src = counterIn(dir);
    linkSync(src, join(dir, 'hard.mate'));
    symlinkSync(src, join(dir, 'soft.mate'));
    const before = readFileSync(src);
    for (const out of [join(dir, 'hard.mate'), join(dir, 'soft.mate'), join(dir, '.', 'self.mate')]) {
      expect((await mote('asm', src, '-o', out)).code).toBe(1);
    }
    expect(readFileSync(src)).toEqual(before);
  });

  it('disasm g.cap -o g.cap, algo --trace TOPOLOGY, sim --trace INJECTED, diagram --svg TRACE', async () => {
    const dir = scratch();
    const cap = await capsuleIn(dir);
    const top = join(dir, 't.top');
    writeFileSync(top, '0 0 0\n1 10 0\n2 20 0\n');
    const inj = counterIn(dir, 'inj.mate');
    const trace = join(dir, 'al.cbor');
    expect((await mote('algo', 'lamport', '--topology', 'line:3', '--trace', trace)).code).toBe(0);
    const cases: [string[], string][] = [
      [['disasm', cap, '-o', cap], cap],
      [['algo', 'lamport', '--topology', top, '--trace', top], top],
      [['sim', '--topology', 'line:2', '--seconds', '1', '--inject', `${inj}@0:1s`, '--trace', inj], inj],
      [['diagram', trace, '--svg', trace], trace],
      [['algo', 'lamport', '--topology', 'line:3', '--trace', join(dir, 'x'), '--svg', join(dir, 'x')], join(dir, 'x')],
    ];
    for (const [argv, kept] of cases) {
      const before = statSync(kept, { throwIfNoEntry: false }) === undefined ? undefined : readFileSync(kept);
      const { code, err } = await mote(...argv);
      expect(code, argv.join(' ')).toBe(1);
      expect(err).toMatch(/refusing to write there/);
      if (before !== undefined) expect(readFileSync(kept)).toEqual(before);
    }
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('devices and pipes are streamed into, never replaced', () => {
  it('sim --trace /dev/null leaves /dev/null a character device (this test may run as root)', async () => {
    const { code } = await mote('sim', '--topology', 'line:2', '--seconds', '1', '--trace', '/dev/null');
    expect(code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('disasm -o FIFO writes the assembly into the pipe and leaves the FIFO in place', async () => {
    const dir = scratch();
    const cap = await capsuleIn(dir);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (d: Buffer) => (read += d.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const { code } = await mote('disasm', cap, '-o', fifo);
    await closed;
    expect(code).toBe(0);
    expect(read).toContain('.name cnt_to_leds');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});

describe('a writer that fails is one line and exit 1', () => {
  it('disasm -o /dev/full: no space left, /dev/full still a device', async () => {
    const dir = scratch();
    const cap = await capsuleIn(dir);
    const { code, err } = await mote('disasm', cap, '-o', '/dev/full');
    expect(code).toBe(1);
    expect(err).toBe('/dev/full: cannot write (no space left on the device)\n');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('sim --trace /dev/full: one line, exit 1', async () => {
    const { code, err } = await mote('sim', '--topology', 'line:3', '--seconds', '20', '--trace', '/dev/full');
    expect(code).toBe(1);
    expect(err).toBe('/dev/full: cannot write (no space left on the device)\n');
  });

  it('stdout on a full disk: one line and exit 1; a closed pipe (| head): quiet, exit 0', () => {
    for (const [errno, exit, message] of [
      ['ENOSPC', 1, 'stdout: cannot write (no space left on the device)\n'],
      ['EPIPE', 0, ''],
    ] as const) {
      const stream = new EventEmitter();
      let said = '';
      const codes: number[] = [];
      guardStdout(stream, 'stdout', { stderr: (s) => (said += s), exit: (c) => codes.push(c) });
      stream.emit('error', Object.assign(new Error(errno), { code: errno }));
      stream.emit('error', Object.assign(new Error(errno), { code: errno })); // later writes fail too
      expect(codes).toEqual([exit]);
      expect(said).toBe(message);
    }
  });

  it('a folder that does not exist: one line, nothing left behind', async () => {
    const dir = scratch();
    const cap = await capsuleIn(dir);
    const { code, err } = await mote('disasm', cap, '-o', join(dir, 'no', 'such', 'x.mate'));
    expect(code).toBe(1);
    expect(err).toMatch(/x\.mate: cannot write \(no such directory\)\n$/);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('an interrupted run', () => {
  it('Ctrl-C during sim --trace stops with the summary so far, keeps the old trace and leaves no temp file', async () => {
    const dir = scratch();
    const trace = join(dir, 'run.cbor');
    writeFileSync(trace, 'the old trace');
    const started = mote('sim', '--topology', 'grid:6x6', '--seconds', '3000', '--load', shippedCapsule('cnt_to_leds.mate'), '--trace', trace, '--json');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leftovers(dir)).toHaveLength(1); // the run is writing its temp file
    process.emit('SIGINT');
    const { code, out, err } = await started;
    expect(err).toMatch(/^SIGINT: stopped at [\d.]+ s of 3000 s; .*run\.cbor was not written\n$/);
    expect(code).toBe(130);
    const summary = JSON.parse(out);
    expect(summary.stoppedBy).toBe('SIGINT');
    expect(summary.simulatedSeconds).toBeGreaterThan(0);
    expect(summary.simulatedSeconds).toBeLessThan(3000);
    expect(err).toMatch(/^SIGINT: stopped at [\d.]+ s of 3000 s; .*run\.cbor was not written\n$/);
    expect(readFileSync(trace, 'utf8')).toBe('the old trace');
    expect(leftovers(dir)).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});

describe('a cut-off trace', () => {
  it('mote trace prints every complete record, then says where it stopped (exit 1)', async () => {
    const dir = scratch();
    const file = join(dir, 'run.cbor');
    await mote('sim', '--topology', 'line:2', '--seconds', '2', '--load', shippedCapsule('cnt_to_leds.mate'), '--trace', file);
    const whole = await mote('trace', file, '--json');
    const lines = whole.out.trimEnd().split('\n');
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.cbor');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 2));
    const { code, out, err } = await mote('trace', cut, '--json');
    expect(code).toBe(1);
    expect(out.trimEnd().split('\n')).toEqual(lines.slice(0, -1));
    const n = lines.length - 1;
    expect(err).toMatch(new RegExp(`^.*cut\\.cbor: record ${n} at byte \\d+ of ${bytes.length - 2} is cut off \\(the file ends inside it\\); the ${n} records before it are complete\n$`));
  });

  it('mote diagram draws the complete records, writes the SVG, then says where the trace stopped (exit 1)', async () => {
    const dir = scratch();
    const file = join(dir, 'al.cbor');
    await mote('algo', 'lamport', '--topology', 'line:3', '--trace', file);
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.cbor');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 2));
    const svg = join(dir, 'd.svg');
    const { code, out, err } = await mote('diagram', cut, '--svg', svg);
    expect(code).toBe(1);
    expect(out).toMatch(/^wrote .*d\.svg/);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg|^<\?xml/);
    expect(err).toMatch(/cut\.cbor: record \d+ at byte \d+ of \d+ is cut off/);
  });
});
