// The CPU-bound mote of `mote bench sim` and `mote bench avr`: its VM must fill the CPU for the whole
// run, or the speed figures count idle time. It runs a once capsule because the same loop as a clock
// capsule is restarted at each firing with its stack as it was, and traps.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/assemble.js';
import { COUNT_LOOP } from '../../bench/vm-loop.js';
import { cpuBoundNetwork, runCpuBound } from '../../bench/scale/clock.js';
import { createNetwork } from '../../sim/network/network.js';
import { buildWorld } from '../../sim/network/setup.js';

const SECOND = 1e9;
const MOTE_HZ = 4e6;

describe('the CPU-bound mote', () => {
  it('keeps its VM running through clock-free seconds without a trap, under both profiles', () => {
    for (const profile of ['lean', 'mate'] as const) {
      const net = cpuBoundNetwork(profile);
      net.runUntil(SECOND);
      const ran = runCpuBound(net, 5 * SECOND);
      expect(ran).toBeGreaterThan(0.99 * 5 * MOTE_HZ);
      expect(ran).toBeLessThanOrEqual(5 * MOTE_HZ + 30_000);
      expect(net.stats.traps).toBe(0);
    }
  });

  it('as a clock capsule the loop overflows its stack within a minute, which is why it is a once capsule', () => {
    const world = buildWorld({ topology: 'line:1', radio: 'perfect', seed: 1 });
    if (!world.ok) throw new Error(world.error);
    const assembled = assemble(COUNT_LOOP, '<count loop>');
    if (!assembled.ok) throw new Error('count loop does not assemble');
    const net = createNetwork({ topology: world.topology, radio: world.radio, seed: 1, capsules: [assembled.capsule] });
    net.runUntil(60 * SECOND);
    expect(net.stats.traps).toBeGreaterThan(0);
    expect(() => runCpuBound(net, SECOND)).toThrow(/CPU-bound mote/);
  });
});
