// `mote algo diffusion` in-process: the report with its baselines, and its flags' user errors.

import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAlgo } from '../../../cli/commands/algo.js';
import { bufferIo, UserError } from '../../../cli/io.js';
import { buildProgram } from '../../../cli/main.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const program = buildProgram(io);
  if (!program.commands.some((c) => c.name() === 'algo')) registerAlgo(program, io);
  for (const command of program.commands) command.exitOverride();
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : 1;
    else if (error instanceof UserError) {
      io.stderr(`${error.message}\n`);
      code = 1;
    } else throw error;
  }
  return { code, out: io.out, err: io.err };
}

describe('mote algo diffusion', () => {
  it('reports the oracle, the reinforced paths and the cost per event against flooding and the tree', async () => {
    const { code, out, err } = await mote('algo', 'diffusion', '--topology', 'grid:4x4', '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const json = JSON.parse(out);
    expect(json).toMatchObject({ algorithm: 'diffusion', ok: true, failures: [], motes: 16, sources: [expect.any(Number)], threshold: 500, interval: 2 });
    for (const run of ['diffusion', 'flooding', 'tree']) expect(json[run]).toMatchObject({ delivered: expect.any(Number), messagesPerEvent: expect.any(Number), millijoulesPerEvent: expect.any(Number) });
    expect(json.diffusion.messagesPerEvent).toBeLessThan(json.flooding.messagesPerEvent);
    expect(json.pathAfter).not.toContain(json.failed);
  });

  it('prints the report as lines by default', async () => {
    const { code, out } = await mote('algo', 'diffusion', '--topology', 'line:5', '--fail-at', '0', '--interval', '3', '--threshold', '400');
    expect(code).toBe(0);
    expect(out).toMatch(/^diffusion on line of 5, 10 ft spacing, seed 1: ok\n/);
    expect(out).toContain('  pathBefore: [4,3,2,1,0]\n');
    expect(out).toContain('  threshold: 400\n  interval: 3\n');
  });

  it('refuses more sources than the data cache holds, the sink as the relay to fail, and a long interest period', async () => {
    expect((await mote('algo', 'diffusion', '--sources', '4')).err).toBe('--sources wants 1 to 3, got 4\n');
    expect((await mote('algo', 'diffusion', '--fail', '0')).err).toBe('--fail 0: diffusion fails a relay, one of motes 1..24\n');
    expect((await mote('algo', 'diffusion', '--interest-period', '121')).err).toBe('--interest-period wants 1 to 120 rounds, got 121\n');
  });
});
