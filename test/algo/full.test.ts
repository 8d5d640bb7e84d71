// The lecture's algorithms as capsules on the full mote emulator (sim/algo/full/; issue 6): each
// passes its oracle on a small topology, repeats itself for a seed, agrees with the tick network
// where the models agree, takes its figures from the emulator's counters and meter, and the oracles
// would catch what only the emulator shows (a lost update, a dropped message).

import { describe, expect, it } from 'vitest';
import { floodMaxRun } from '../../capsules/floodmax/tick.js';
import { floodSetRun } from '../../capsules/floodset/tick.js';
import { floodMaxFullRun } from '../../capsules/floodmax/full.js';
import { floodSetFullRun } from '../../capsules/floodset/full.js';
import { lamportFullRun } from '../../capsules/lamport/full.js';
import { lcrFullRun } from '../../capsules/lcr/full.js';
import { snapshotFullRun } from '../../capsules/snapshot/full.js';
import { adjacency } from '../../sim/algo/graph.js';
import { parseTopologySpec, type Topology } from '../../sim/world/topology.js';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { shipped } from './helpers.js';

function topology(spec: string): Topology {
  const parsed = parseTopologySpec(spec, { seed: 1 });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.topology;
}

describe('Lamport clocks on the emulator', () => {
  it('pass the oracle in synchronous rounds on a grid, and the same seed gives the same report', () => {
    const options = { capsules: shipped('lamport'), topology: topology('grid:3x3'), seed: 4, timing: 'sync' as const, steps: 10 };
    const { report, run } = lamportFullRun(options);
    expect(report.failures).toEqual([]);
    expect(report.details.events).toBeGreaterThan(report.messages);
    expect(report.messages).toBe(run.messages.length); // unicasts: one message per send
    expect(lamportFullRun(options).report).toEqual(report);
  });

  it('pass the oracle asynchronously on a line, every message delivered', () => {
    for (const seed of [1, 2, 3]) {
      const { report } = lamportFullRun({ capsules: shipped('lamport'), topology: topology('line:3'), seed, steps: 10 });
      expect(report.failures).toEqual([]);
      expect(report.details.undelivered).toBe(0);
    }
  });

  it('take messages, cycles and energy from the emulator', () => {
    const { report, run } = lamportFullRun({ capsules: shipped('lamport'), topology: topology('line:4'), seed: 2, steps: 6 });
    let cycles = 0;
    for (let m = 0; m < run.n; m++) cycles += run.net.moteView(m).vmCycles + run.net.moteView(m).hostCycles;
    expect(report.cycles).toBe(cycles);
    expect(report.energy).toBe(run.net.energy().joules);
    expect(report.messages).toBe(run.net.stats.transmissions); // a perfect radio and plain links: no retransmission
    expect(report.perMote.energy).toBeCloseTo(report.energy / 4, 12);
  });

  it('keep every update when a clock firing lands inside a receive handler: the clock handler waits for the lock on the counter', () => {
    // The emulator's VM slice ends at the clock, so the clock context starts while a receive handler
    // runs; both use heap word 0, so it waits until the receive handler ends (ASVM's locks, vm/shared-use.ts).
    const { report } = lamportFullRun({ capsules: shipped('lamport'), topology: topology('grid:10x10'), seed: 1 });
    expect(report.failures).toEqual([]);
    expect(report.details.undelivered).toBe(0);
  });
});

describe('Flood-set consensus on the emulator', () => {
  it('decides what the tick network decides, with one crash reaching only some motes', () => {
    const options = { capsules: shipped('floodset'), n: 8, f: 1, seed: 3, crashes: { kind: 'random' as const, count: 1 } };
    const { report } = floodSetFullRun(options);
    const tick = floodSetRun(options).report;
    expect(report.failures).toEqual([]);
    expect(report.details.decisions).toEqual(tick.details.decisions);
    expect(report.messages).toBe(tick.messages);
    expect(floodSetFullRun(options).report).toEqual(report);
  });

  it("disagrees under the lecture's chain of f + 1 crashes and agrees under f", () => {
    const capsules = shipped('floodset');
    const broken = floodSetFullRun({ capsules, n: 8, f: 2, seed: 5, crashes: { kind: 'chain', count: 3 } }).report;
    expect(broken.failures.some((f) => f.startsWith('agreement'))).toBe(true);
    expect(floodSetFullRun({ capsules, n: 8, f: 2, seed: 5, crashes: { kind: 'chain', count: 2 } }).report.failures).toEqual([]);
  });
});

describe('FloodMax on the emulator', () => {
  it('elects the highest id on a grid with the tick network\'s message count', () => {
    const t = topology('grid:5x5');
    const { report } = floodMaxFullRun({ capsules: shipped('floodmax'), topology: t, seed: 2, crashes: 2 });
    const tick = floodMaxRun({ capsules: shipped('floodmax'), out: adjacency(t), seed: 2, crashes: 2 });
    expect(report.failures).toEqual([]);
    expect(report.details.leader).toEqual(tick.details.leader);
    expect(report.messages).toBe(tick.messages);
    expect(report.rounds).toBe(tick.rounds);
  });
});

describe('LCR on the emulator', () => {
  it('elects the highest id in the best ring order with 2n - 1 election messages over reliable links', () => {
    const options = { capsules: shipped('lcr'), n: 6, order: 'best' as const, seed: 1 };
    const { report } = lcrFullRun(options);
    expect(report.failures).toEqual([]);
    expect(report.messages).toBe(11);
    expect(report.details.announceMessages).toBe(6);
    expect(report.details.leader).toEqual([5]);
    expect(lcrFullRun(options).report).toEqual(report);
  });

  it('elects the highest id in the worst ring order with n(n + 1)/2 election messages, those that come while the handler waits on its send queued', () => {
    const { report, run } = lcrFullRun({ capsules: shipped('lcr'), n: 20, order: 'worst', seed: 1 });
    expect(report.failures).toEqual([]);
    expect(report.messages).toBe(210);
    expect(report.details.leader).toEqual([19]);
    expect(run.net.stats.receiveDrops).toBe(0);
  });
});

describe('Chandy-Lamport snapshots on the emulator', () => {
  it('record a consistent cut of the token application on two motes over reliable FIFO links', () => {
    const options = { capsules: shipped('snapshot'), topology: topology('line:2'), seed: 1, steps: 3, snapshots: 1 };
    const { report } = snapshotFullRun(options);
    expect(report.failures).toEqual([]);
    expect(report.details.snapshots).toBe(1);
    expect(report.messages).toBeGreaterThan(0);
    expect(snapshotFullRun(options).report).toEqual(report);
  });

  it('record every snapshot on a grid, markers that come while the handler is busy queued', () => {
    const { report, run } = snapshotFullRun({ capsules: shipped('snapshot'), topology: topology('grid:3x3'), seed: 1 });
    expect(report.failures).toEqual([]);
    expect(report.details.snapshots).toBe(3);
    expect(run.net.stats.receiveDrops).toBe(0);
  });
});

describe('mote algo --network full', () => {
  async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = bufferIo();
    const code = await main(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('prints the emulator run as JSON', async () => {
    const { code, out } = await mote('algo', 'floodmax', '--topology', 'grid:4x4', '--network', 'full', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ algorithm: 'floodmax', ok: true, network: 'full', leader: [15], motes: 16 });
  });
});
