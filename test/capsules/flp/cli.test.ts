// `mote flp` in-process through main(argv, io) (STYLE 11):
// help with an example, the text and JSON reports, the synchronous report, and flag errors.

import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('mote flp', () => {
  it('explains its flags with an example', async () => {
    const { code, out } = await mote('flp', '--help');
    expect(code).toBe(0);
    for (const flag of ['--motes', '--steps', '--json', '--sync', 'Example:']) expect(out).toContain(flag);
  });

  it('prints the graph, the bivalent initial configuration, the schedule and the synchronous line', async () => {
    const { code, out } = await mote('flp', '--steps', '8');
    expect(code).toBe(0);
    expect(out).toMatch(/2,547 configurations, 11,276 edges, explored in [\d,]+ ms/);
    expect(out).toContain('  110  bivalent  <- a bivalent initial configuration');
    expect(out).toContain('  100  0-valent  <- its neighbour: if mote 1 crashes first, both reach one configuration, 0-valent');
    expect(out.match(/^ +\d+ {2}mote .* bivalent/gm)).toHaveLength(8);
    expect(out).toContain('holds back mote 1 <- 0 [0, 1]: now it would make it 1-valent');
    expect(out).toMatch(/Synchronous model.*every live mote decided by round 4 \(bound 4\); agreement and validity held/);
  });

  it('reports JSON with the keys the issue names', async () => {
    const { code, out } = await mote('flp', '--json', '--steps', '30');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    for (const key of ['configurations', 'edges', 'bivalentInitial', 'neighbours', 'schedule', 'exploreMs', 'motes']) expect(report).toHaveProperty(key);
    expect(report).toMatchObject({ motes: 3, configurations: 2547, edges: 11276, bivalentInitial: { inputs: [1, 1, 0], valency: 'bivalent' } });
    expect(report.schedule).toHaveLength(30);
    expect(report.neighbours).toHaveLength(2);
    expect(typeof report.exploreMs).toBe('number');
  });

  it('shows only the synchronous model with --sync', async () => {
    const { code, out } = await mote('flp', '--sync');
    expect(code).toBe(0);
    expect(out).toContain('488 runs');
    expect(out).toMatch(/slowest: inputs \d{3}, mote \d crashes in round \d/);
    expect(out).not.toContain('configurations');
  });

  it('refuses other mote counts and schedules past the limit, in one line', async () => {
    const five = await mote('flp', '--motes', '5');
    expect(five.code).toBe(1);
    expect(five.err).toContain("--motes wants 3 or 4, got '5'");
    const long = await mote('flp', '--steps', '1000000');
    expect(long.code).toBe(1);
    expect(long.err).toBe('--steps wants at most 100,000, got 1000000\n');
  });
});
