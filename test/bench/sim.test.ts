// `mote bench sim` in quick mode: the JSON contract keys, a row per network size, a memory figure
// whose parts add up. These check that the figures come out, not how large they are.

import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/report.js';
import { QUICK_MEASURE } from '../../bench/harness.js';
import { runSim } from '../../bench/sim.js';

const positive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0;

describe('mote bench sim --quick', () => {
  let report: BenchReport;
  let json: Record<string, unknown>;
  beforeAll(() => {
    report = runSim(QUICK_MEASURE);
    json = report.json as Record<string, unknown>;
  }, 60_000);

  it('gives the contract keys as positive numbers', () => {
    for (const key of ['eventsPerSecond', 'moteSecondsPerSecond', 'bytesPerMote', 'cpuBoundRealTimeFactor']) {
      expect(positive(json[key]), key).toBe(true);
    }
  });

  it('has a row per network size, each clock mote firing once a simulated second', () => {
    const sizes = json.sizes as { motes: number; simulatedSeconds: number; events: number }[];
    expect(sizes.map((s) => s.motes)).toEqual([100, 10_000]);
    for (const s of sizes) expect(s.events).toBeGreaterThanOrEqual(s.motes * s.simulatedSeconds);
    expect(report.rows.map((r) => r.label)).toContain('10,000 motes: events');
  });

  it('splits the memory per mote into links, world and VMs that add up to the total', () => {
    const memory = json.memory as { bytesPerMote: number; linksAndTopology: number; world: number; vms: number };
    expect(memory.linksAndTopology + memory.world + memory.vms).toBeCloseTo(memory.bytesPerMote, 6);
    expect(memory.vms).toBeGreaterThan(0);
  });
});
