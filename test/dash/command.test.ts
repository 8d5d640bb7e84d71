// `mote dash` in-process without a terminal: the demo's progress lines and summary, determinism, and
// one-line user errors.

import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../cli/io.js';
import { dash } from './run-dash.js';

describe('mote dash without a terminal', () => {
  it('runs the demo to full coverage: a line per simulated second, then the summary', async () => {
    const { io, error } = await dash([]);
    expect(error).toBeNull();
    const lines = io.out.trimEnd().split('\n');
    expect(lines[0]).toBe('cnt_to_leds (clock) on grid 20x20, 10 ft spacing, seed 1');
    expect(lines[1]).toMatch(/^t=1s coverage 0\/400 \(0\.0%\) tx \d+$/);
    const progress = lines.filter((l) => l.startsWith('t='));
    progress.forEach((l, k) => expect(l).toMatch(new RegExp(`^t=${k + 1}s coverage \\d+/400 \\(\\d+\\.\\d%\\) tx \\d+$`)));
    expect(progress[progress.length - 1]).toMatch(/coverage 400\/400 \(100\.0%\)/);
    const summary = lines.slice(1 + progress.length);
    expect(summary[0]).toMatch(/^covered: v2 reached 400\/400 live motes at t=\d+\.\ds, \d+\.\d s after its injection at mote 0$/);
    expect(summary[1]).toMatch(/^\d+ transmissions, \d+ events$/);
    expect(summary[2]).toMatch(/^energy .* J, mean current .* per mote, battery at that rate .*$/);
  });

  it('prints the same run for the same seed', async () => {
    const a = await dash(['--topology', 'grid:8x8', '--seed', '9']);
    const b = await dash(['--topology', 'grid:8x8', '--seed', '9']);
    expect(a.io.out).toBe(b.io.out);
    expect(a.io.out).toContain('v2 reached 64/64 live motes');
  });

  it('fails with one line when the version has not covered the network by --seconds', async () => {
    const { io, error } = await dash(['--seconds', '3']);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('v2 did not reach every live mote (stopped at the --seconds 3)');
    expect(io.out).toContain('not covered: v2 reached 0/400 live motes by t=3s');
  });

  it('rejects a bad flag value with a message naming the flag', async () => {
    const { io, error } = await dash(['--speed', '0']);
    expect(error).toBeInstanceOf(CommanderError);
    expect(io.err).toContain("--speed wants a number > 0, got '0'");
  });

  it('names the topology error of a bad --topology', async () => {
    const { error } = await dash(['--topology', 'hex:3']);
    expect((error as UserError).message).toMatch(/^topology "hex:3": expected grid:WxH/);
  });

  it('has help with the keys and an example', async () => {
    const { io } = await dash(['--help']);
    expect(io.out).toContain('Keys: space pause');
    expect(io.out).toContain('$ mote dash --topology grid:20x20 --spacing 20 --speed 5');
  });
});
