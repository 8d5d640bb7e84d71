// `mote diagram` and `mote algo ... --trace/--svg` in-process: files written, what the line says,
// and user errors as one line each.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { encodeTrace, readTrace } from '../../sim/network/trace.js';
import { xmlProblems } from '../bench/parsers.js';
import { lectureRecords } from './lecture.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

const dir = mkdtempSync(join(tmpdir(), 'mote-diagram-'));

describe('mote diagram', () => {
  it('draws a trace as SVG and says what it shows', async () => {
    const trace = join(dir, 'p1p2p3.cbor');
    writeFileSync(trace, encodeTrace(lectureRecords()));
    const svg = join(dir, 'p1p2p3.svg');
    const { code, out, err } = await mote('diagram', trace, '--svg', svg);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe(`wrote ${svg}: all 3 motes, ticks 0-6 of 6\n`);
    expect(xmlProblems(readFileSync(svg, 'utf8'))).toEqual([]);
    expect((await mote('diagram', trace, '--svg', svg, '--motes', '0,2', '--from', '1', '--to', '4')).out).toBe(`wrote ${svg}: motes N1, N3 of 3, ticks 1-4 of 6 (--from and --to for the rest)\n`);
  });

  it('reports a bad trace, a page past the end and a missing --svg as one line each', async () => {
    const junk = join(dir, 'junk.cbor');
    writeFileSync(junk, 'not cbor at all');
    const trace = join(dir, 'ok.cbor');
    writeFileSync(trace, encodeTrace(lectureRecords()));
    expect((await mote('diagram', junk, '--svg', join(dir, 'x.svg'))).err).toMatch(new RegExp(`^${junk}: record 0 is `));
    expect((await mote('diagram', trace, '--svg', join(dir, 'x.svg'), '--page', '2')).err).toBe('--page 2: the run has 1 page of 20 motes\n');
    expect((await mote('diagram', trace, '--svg', join(dir, 'x.svg'), '--motes', '3')).err).toBe('--motes 3: the run has motes 0..2\n');
    expect((await mote('diagram', trace)).code).toBe(1);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });
});

describe('mote algo --trace --svg', () => {
  it("writes the run's CBOR trace and its diagram, for every algorithm", async () => {
    for (const name of ['lamport', 'snapshot', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate', 'diffusion']) {
      const trace = join(dir, `${name}.cbor`);
      const svg = join(dir, `${name}.svg`);
      const small = name === 'floodset' ? 'clique:4' : name === 'lcr' ? 'ring:5' : 'grid:3x3';
      const { code, out } = await mote('algo', name, '--topology', small, '--trace', trace, '--svg', svg);
      expect(code, name).toBe(0);
      expect(out, name).toMatch(new RegExp(`\\nwrote ${trace}: \\d+ records\\nwrote ${svg}: all \\d+ motes, (rounds|ticks) `));
      const records = readTrace(new Uint8Array(readFileSync(trace)), trace);
      expect(records.ok && records.records[0]).toMatchObject({ e: 'run', algorithm: name });
      expect(xmlProblems(readFileSync(svg, 'utf8')), name).toEqual([]);
    }
  });

  it('keeps --json output one JSON object while writing the files', async () => {
    const svg = join(dir, 'json.svg');
    const { out } = await mote('algo', 'lamport', '--topology', 'line:3', '--svg', svg, '--json');
    expect(JSON.parse(out)).toMatchObject({ algorithm: 'lamport', ok: true });
    expect(existsSync(svg)).toBe(true);
  });
});

describe('mote algo --network full --trace --svg', () => {
  it("writes the emulator run's trace and diagram for every algorithm it runs, from FullRun's record", async () => {
    for (const name of ['lamport', 'snapshot', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate']) {
      const trace = join(dir, `full-${name}.cbor`);
      const svg = join(dir, `full-${name}.svg`);
      const small = name === 'floodset' ? 'clique:4' : name === 'lcr' ? 'ring:5' : 'grid:3x3';
      const { code, out } = await mote('algo', name, '--topology', small, '--network', 'full', '--trace', trace, '--svg', svg);
      expect(code, name).toBe(0);
      expect(out, name).toMatch(new RegExp(`\\nwrote ${trace}: \\d+ records\\nwrote ${svg}: all \\d+ motes, (rounds|ticks) `));
      const read = readTrace(new Uint8Array(readFileSync(trace)), trace);
      if (!read.ok) throw new Error(read.error);
      expect(read.records[0], name).toMatchObject({ e: 'run', algorithm: name, title: `${name} on the mote emulator (rounds of 1 s)` });
      expect(read.records.some((r) => r.e === 'send') && read.records.some((r) => r.e === 'recv'), name).toBe(true);
      expect(xmlProblems(readFileSync(svg, 'utf8')), name).toEqual([]);
    }
  });

  it("draws the failed mote's crash in the round it failed, and a send per message the emulator's VMs sent", async () => {
    const trace = join(dir, 'full-tree-crash.cbor');
    const { out } = await mote('algo', 'tree', '--topology', 'grid:4x4', '--network', 'full', '--fail', '5', '--fail-at', '12', '--trace', trace, '--json');
    const report = JSON.parse(out) as { messages: number; failed: number; failedAt: number };
    const read = readTrace(new Uint8Array(readFileSync(trace)), trace);
    if (!read.ok) throw new Error(read.error);
    expect(read.records.filter((r) => r.e === 'crash')).toEqual([{ t: 12e9, e: 'crash', m: 5 }]);
    // A broadcast is one VM send and a message per neighbour: transmissions (tx) count the sends.
    expect(new Set(read.records.filter((r) => r.e === 'send').map((r) => r.tx)).size).toBe(report.messages);
  });
});
