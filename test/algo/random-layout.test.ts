// `mote algo` on random layouts (issue 17): connected by default, redrawn from the seed and said so
// as `redraws`; `--allow-disconnected` keeps the first draw, FloodMax then elects a leader per
// connected component; every oracle names the gap when it is why a run fails.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

async function json(...argv: string[]): Promise<Record<string, unknown>> {
  return JSON.parse((await mote(...argv, '--json')).out) as Record<string, unknown>;
}

describe('random:N for mote algo', () => {
  it('redraws random:50 with seed 14 until it is connected, and FloodMax elects one leader', async () => {
    const report = await json('algo', 'floodmax', '--topology', 'random:50', '--seed', '14');
    expect(report).toMatchObject({ ok: true, redraws: 2, components: 1, leader: [49], topology: 'random 50 in 80 x 80 ft, seed 14, draw 2' });
    expect(await json('algo', 'floodmax', '--topology', 'random:50', '--seed', '14', '--range', '20')).toMatchObject({ ok: true, redraws: 1, leader: [49] });
  });

  it('runs the snapshot of random:30 with seed 12 on a connected redraw', async () => {
    expect(await json('algo', 'snapshot', '--topology', 'random:30', '--seed', '12')).toMatchObject({ ok: true, redraws: 2, failures: [] });
  });

  it('says how many draws it took in the text report too, and nothing for layouts that are not drawn', async () => {
    expect((await mote('algo', 'lamport', '--topology', 'random:50', '--seed', '14')).out).toContain('\n  redraws: 2\n');
    expect(await json('algo', 'lamport', '--topology', 'grid:3x3')).not.toHaveProperty('redraws');
    expect(await json('algo', 'floodset', '--topology', 'random:5')).not.toHaveProperty('redraws');
  });

  it('refuses a range no draw can connect, in one line', async () => {
    expect(await mote('algo', 'floodmax', '--topology', 'random:20', '--range', '0.01')).toEqual({
      code: 1,
      out: '',
      err: 'random:20: no connected layout in 1001 draws from seed 1 with --range 0.01 ft; raise --range, or pass --allow-disconnected\n',
    });
  });
});

describe('--allow-disconnected', () => {
  it('keeps the first draw; FloodMax elects the highest id of each component on both networks', async () => {
    for (const network of ['tick', 'full']) {
      const report = await json('algo', 'floodmax', '--topology', 'random:50', '--seed', '14', '--allow-disconnected', '--network', network);
      expect(report).toMatchObject({ ok: true, diameter: -1, components: 3, leader: [0, 46, 49], topology: 'random 50 in 80 x 80 ft, seed 14' });
      expect(report).not.toHaveProperty('redraws');
    }
  });

  it('fails FloodMax on a gap it was not told to allow, naming the gap first', async () => {
    // Two pairs 100 ft apart: mote 0 hears mote 1, nobody hears across the gap.
    const file = join(mkdtempSync(join(tmpdir(), 'mote-gap-')), 'gap.top');
    writeFileSync(file, '0 0 0\n1 5 0\n2 100 0\n3 105 0\n');
    const report = await json('algo', 'floodmax', '--topology', file, '--range', '10');
    expect(report.ok).toBe(false);
    expect((report.failures as string[])[0]).toBe('the live motes are not connected: no algorithm can elect across the gap');
  });
});
