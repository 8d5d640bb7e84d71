// `mote algo` and `mote snapshot` in-process through main(argv, io):
// output formats, the verdict in the exit code, and user errors as one line.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { shippedCapsule } from '../../cli/paths.js';

/** The real CLI, in-process. */
async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

const lecture = (file: string): string => shippedCapsule(join('snapshot', file));

describe('mote snapshot', () => {
  it("prints the lecture's example as the slide has it", async () => {
    const { code, out, err } = await mote('snapshot', '--topology', lecture('p1p2p3.top'), '--events', lecture('p1p2p3.events'), '--delays', lecture('p1p2p3.delays'));
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toBe('snapshot 0\nN1 5\nN2 3\nN3 2\nN2 N1 token(2)\nN3 N2 token(3)\n');
  });

  it('prints the snapshots and the verdict as JSON', async () => {
    const { out } = await mote('snapshot', '--topology', lecture('p1p2p3.top'), '--events', lecture('p1p2p3.events'), '--delays', lecture('p1p2p3.delays'), '--json');
    const json = JSON.parse(out);
    expect(json).toMatchObject({ ok: true, failures: [], ticks: 6, messages: 8 });
    expect(json.snapshots).toEqual([
      { number: 0, states: { N1: 5, N2: 3, N3: 2 }, inTransit: [{ src: 'N2', dst: 'N1', tokens: 2 }, { src: 'N3', dst: 'N2', tokens: 3 }] },
    ]);
  });

  it('reports a mistake in a scenario file as one line with exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mote-snap-'));
    writeFileSync(join(dir, 'bad.events'), 'send N1 N4 1\n');
    const { code, out, err } = await mote('snapshot', '--topology', lecture('p1p2p3.top'), '--events', join(dir, 'bad.events'));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`${join(dir, 'bad.events')}:1: unknown mote N4\n`);
    expect((await mote('snapshot', '--topology', join(dir, 'none.top'), '--events', 'x')).err).toBe(`${join(dir, 'none.top')}: no such file\n`);
  });

  it('prints the blocks and the oracle failures, exit code 1, when a snapshot cannot finish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mote-snap-'));
    writeFileSync(join(dir, 'cut.top'), '2\nA 1\nB 1\nA B\n');
    writeFileSync(join(dir, 'cut.events'), 'snapshot B\n');
    const { code, out, err } = await mote('snapshot', '--topology', join(dir, 'cut.top'), '--events', join(dir, 'cut.events'));
    expect(code).toBe(1);
    expect(out).toBe('snapshot 0\nA ?\nB 1\n');
    expect(err).toContain('oracle: snapshot 0: not connected: no path of channels leads from the initiator B to 1 mote (A), so no marker reaches them\n');
  });
});

describe('mote algo', () => {
  it('prints the verdict, messages, rounds, energy and cycles as JSON', async () => {
    const { code, out } = await mote('algo', 'lamport', '--topology', 'grid:3x3', '--seed', '4', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ algorithm: 'lamport', ok: true, failures: [], motes: 9, seed: 4, timing: 'async' });
    for (const key of ['messages', 'rounds', 'energy', 'cycles']) expect(json[key]).toBeGreaterThan(0);
  });

  it('runs every algorithm on its default topology with a passing verdict', async () => {
    for (const name of ['lamport', 'snapshot', 'floodset', 'floodmax', 'lcr', 'tree', 'dag', 'aggregate']) {
      const { code, out } = await mote('algo', name);
      expect(code, name).toBe(0);
      expect(out.split('\n')[0]).toMatch(new RegExp(`^${name} on .*, seed 1: ok$`));
    }
  });

  it('prints energy in mJ below a joule and in J from there, as the JSON has it in joules', async () => {
    const small = await mote('algo', 'lcr', '--topology', 'ring:8');
    const big = await mote('algo', 'tree', '--topology', 'grid:10x10', '--network', 'full');
    const bigJson = JSON.parse((await mote('algo', 'tree', '--topology', 'grid:10x10', '--network', 'full', '--json')).out);
    expect(small.out.split('\n')[1]).toMatch(/, \d+\.\d{3} mJ$/);
    expect(bigJson.energy).toBeGreaterThan(1);
    expect(big.out.split('\n')[1]).toContain(`, ${bigJson.energy.toFixed(3)} J`);
  });

  it('gives the same report for the same seed, and another for another seed', async () => {
    for (const name of ['lamport', 'snapshot', 'lcr']) {
      const a = await mote('algo', name, '--seed', '5', '--json');
      const b = await mote('algo', name, '--seed', '5', '--json');
      const c = await mote('algo', name, '--seed', '6', '--json');
      expect(a.out, name).toBe(b.out);
      expect(a.out.replace('"seed":5', ''), name).not.toBe(c.out.replace('"seed":6', ''));
    }
  });

  it('counts LCR election messages apart from the announcement', async () => {
    const { out } = await mote('algo', 'lcr', '--topology', 'ring:100', '--ring-order', 'worst', '--json');
    expect(JSON.parse(out)).toMatchObject({ ok: true, messages: 5050, announceMessages: 100, order: 'worst' });
  });

  it("shows the lecture's adversary breaking flood-set with f + 1 crashes: the verdict and exit code 1", async () => {
    const { code, out, err } = await mote('algo', 'floodset', '--topology', 'clique:8', '--f', '2', '--crashes', 'chain', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ ok: false, failures: [expect.stringMatching(/^agreement:/)] });
    expect(err).toBe('floodset: the oracle found 1 failure\n');
  });

  it('refuses an unknown algorithm, a bad flag value and a missing capsule directory, one line each', async () => {
    expect(await mote('algo', 'paxos')).toMatchObject({ code: 1, err: expect.stringContaining("<name> wants one of aggregate, dag, diffusion, floodmax, floodset, lamport, lcr, snapshot, tree, or an algorithm folder's path (./NAME), got 'paxos'") });
    expect(await mote('algo', 'floodset', '--crashes', 'some')).toMatchObject({ code: 1, err: expect.stringContaining("--crashes wants N, chain or chain:N, got 'some'") });
    expect(await mote('algo', 'lcr', '--capsules', '/nonexistent')).toMatchObject({ code: 1, err: '/nonexistent: no such capsule directory\n' });
    expect(await mote('algo', 'floodmax', '--crashes', 'chain')).toMatchObject({ code: 1, err: '--crashes chain is the flood-set adversary; floodmax takes --crashes N\n' });
    expect(await mote('algo', 'lamport', '--topology', 'blob:3')).toMatchObject({ code: 1, err: 'blob:3: no such file\n' });
  });

  it('explains its flags with examples', async () => {
    for (const command of ['algo', 'snapshot']) {
      const { code, out } = await mote(command, '--help');
      expect(code).toBe(0);
      expect(out).toContain('Example:');
    }
  });
});
