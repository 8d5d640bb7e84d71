// Directed Diffusion as capsules on the full mote emulator (sim/algo/full/diffusion.ts): judged by the
// tick network's oracle through the same code, its paths as short as the tick network's, its
// counters the emulator's, the receive queues overflowing when a round's packets come all at once,
// broken capsules failing the oracle there too, and the CLI's JSON, trace and diagram.

import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { diffusionRun } from '../../../capsules/diffusion/compare.js';
import type { Cost } from '../../../capsules/diffusion/report.js';
import { diffusionFullRun } from '../../../capsules/diffusion/full.js';
import { adjacency, hops } from '../../../sim/algo/graph.js';
import { readTrace } from '../../../sim/network/index.js';
import { parseTopologySpec, type Topology } from '../../../sim/world/topology.js';
import type { Capsule } from '../../../vm/capsule.js';
import { capsule, replaced, shipped, shippedFile } from '../../algo/helpers.js';

function topology(spec: string, seed = 1): Topology {
  const parsed = parseTopologySpec(spec, { seed });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.topology;
}

/** The tree baseline: tree/receive and tree/sub0 with the baseline's clock. */
const treeBaseline = (): Capsule[] => [...shipped('tree').filter((c) => c.type !== 'clock'), capsule(shippedFile('diffusion', 'baseline/tree_clock.mate'))];

describe('Directed Diffusion on the emulator', () => {
  it('delivers every event of every live source with a path, on random layouts with a relay failing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 24 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 3 }), (n, seed, sources) => {
        const { report } = diffusionFullRun({ capsules: shipped('diffusion'), topology: topology(`random:${n}`, seed), seed, sources, interestPeriod: 12, rounds: 60 });
        expect(report.failures).toEqual([]);
        expect(report.details.eventsDelivered).toBe(report.details.eventsRequired);
        expect(report.details.network).toBe('full');
      }),
      { numRuns: 10 },
    );
  });

  it('excuses the sources whose events a relay turned toward the failed relay after another origin\'s reinforcement came through it', () => {
    // random:23, seed 7583 (found by the property above): mote 9 relays for sources 8, 12 and 16 and
    // keeps one reinforced neighbour for all three; source 12's reinforcement came to it through
    // mote 14 two rounds before 14 failed, so 8's and 16's events went to the dead relay until the
    // next epoch's reinforcements, though none of their own reinforcements had passed 14.
    const { report } = diffusionFullRun({ capsules: shipped('diffusion'), topology: topology('random:23', 7583), seed: 7583, sources: 3, interestPeriod: 12, rounds: 60 });
    expect(report.failures).toEqual([]);
    expect(report.details.eventsDelivered).toBe(report.details.eventsRequired);
  });

  it('reinforces shortest paths on a 10x10 grid with three sources, a new one around the failed relay, at a fraction of flooding\'s messages', () => {
    const t = topology('grid:10x10');
    const { report } = diffusionFullRun({ capsules: shipped('diffusion'), treeCapsules: treeBaseline(), topology: t, seed: 1, sources: 3 });
    expect(report.failures).toEqual([]);
    const d = report.details;
    expect(d.receiveDrops).toBe(0);
    const dist = hops(adjacency(t), 0);
    const [source] = d.sources as number[];
    expect((d.pathBefore as number[]).length).toBe(dist[source] + 1);
    expect(d.pathAfter as number[]).not.toContain(d.failed);
    expect(d.repairedAt as (number | null)[]).not.toContain(null);
    const [diffusion, flooding, tree] = [d.diffusion, d.flooding, d.tree] as Cost[];
    expect(diffusion.messagesPerEvent!).toBeLessThan(flooding.messagesPerEvent! / 2);
    expect(tree.messagesPerEvent!).toBeLessThan(diffusion.messagesPerEvent!);
    // Every run listens as long as the others: the energy differs by the traffic alone.
    expect(flooding.millijoules).toBeGreaterThan(diffusion.millijoules);
    expect(diffusion.millijoules).toBeGreaterThan(tree.millijoules);
  });

  it('runs the tick network\'s scenario: the same sources, interest period, failing round and events required, and as short a path', () => {
    const t = topology('grid:6x6');
    const full = diffusionFullRun({ capsules: shipped('diffusion'), topology: t, seed: 4, sources: 2 }).report;
    const tick = diffusionRun({ capsules: shipped('diffusion'), out: adjacency(t), seed: 4, sources: 2 }).report;
    expect(full.ok && tick.ok).toBe(true);
    for (const k of ['sources', 'interestPeriod', 'failedAt', 'eventsRequired']) expect(full.details[k], k).toEqual(tick.details[k]);
    expect((full.details.pathBefore as number[]).length).toBe((tick.details.pathBefore as number[]).length);
  });

  it('loses reinforcements to full receive queues when a round\'s packets are handed over all at the boundary, and says so', () => {
    const { report } = diffusionFullRun({ capsules: shipped('diffusion'), topology: topology('grid:10x10'), seed: 1, sources: 3, spreadNs: 0, rounds: 80, failAt: 0 });
    expect(report.details.receiveDrops as number).toBeGreaterThan(100);
    expect(report.failures).toContainEqual(expect.stringMatching(/^receive queue full: \d+ messages dropped at \d+ motes/));
    expect(report.failures).toContainEqual(expect.stringMatching(/^reinforcement: mote \d+'s first event \(round \d+\) had no reinforced path back by round \d+$/));
  });

  it('gives the same report for the same seed', () => {
    const run = (): unknown => diffusionFullRun({ capsules: shipped('diffusion'), topology: topology('grid:4x4'), seed: 9, sources: 2 }).report;
    expect(run()).toEqual(run());
  });

  it('takes messages, cycles and energy from the emulator', () => {
    const { report, run } = diffusionFullRun({ capsules: shipped('diffusion'), topology: topology('grid:4x4'), seed: 2, sources: 2 });
    expect(report.failures).toEqual([]);
    let cycles = 0;
    for (let m = 0; m < run.n; m++) cycles += run.net.moteView(m).vmCycles + run.net.moteView(m).hostCycles;
    expect(report.cycles).toBe(cycles);
    expect(report.energy).toBe(run.net.energy().joules);
    expect(report.messages).toBe(run.net.stats.transmissions); // a perfect radio, plain links: one transmission a send
    expect(report.messages).toBe(Object.values(report.details.messagesByKind as Record<string, number>).reduce((a, b) => a + b, 0));
    expect((report.details.diffusion as Cost).messages).toBe(report.messages);
  });
});

describe('the diffusion oracle on the emulator', () => {
  const judge = (capsules: Capsule[]): readonly string[] => diffusionFullRun({ capsules, topology: topology('grid:4x4'), seed: 1 }).report.failures;

  it('fails relays that never pass a reinforcement on', () => {
    const sub3 = shippedFile('diffusion', 'sub3.mate').replace(/ {8}pushm\n {8}swap\n {8}sendr\n/, '        pop\n');
    expect(judge(replaced('diffusion', capsule(sub3)))).toContainEqual(expect.stringMatching(/^reinforcement: mote \d+'s first event \(round \d+\) had no reinforced path back by round \d+$/));
  });

  it('fails sources that keep flooding after their path was reinforced', () => {
    const clock = shippedFile('diffusion', 'clock.mate').replace(/ {8}getvar {2}8\n {8}getvar {2}0\n {8}neq\n/, '        pushc   1\n');
    expect(judge(replaced('diffusion', capsule(clock)))).toContainEqual(expect.stringMatching(/^one path: mote \d+'s event of round \d+ flooded after its path was reinforced$/));
  });
});

describe('mote algo diffusion --network full', () => {
  async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = bufferIo();
    const code = await main(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('prints the emulator run as JSON with its baselines', async () => {
    const { code, out, err } = await mote('algo', 'diffusion', '--topology', 'grid:4x4', '--network', 'full', '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const json = JSON.parse(out);
    expect(json).toMatchObject({ algorithm: 'diffusion', ok: true, network: 'full', motes: 16, receiveDrops: 0 });
    for (const run of ['diffusion', 'flooding', 'tree']) expect(json[run]).toMatchObject({ delivered: expect.any(Number), messagesPerEvent: expect.any(Number) });
  });

  it('writes its trace and diagram in rounds, the failed relay\'s crash in its round', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'full-diffusion-'));
    const [trace, svg] = [join(dir, 'd.cbor'), join(dir, 'd.svg')];
    const { code, out } = await mote('algo', 'diffusion', '--topology', 'grid:3x3', '--network', 'full', '--trace', trace, '--svg', svg);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`\\nwrote ${trace}: \\d+ records\\nwrote ${svg}: all 9 motes, rounds `));
    const read = readTrace(new Uint8Array(readFileSync(trace)), trace);
    if (!read.ok) throw new Error(read.error);
    expect(read.records[0]).toMatchObject({ e: 'run', algorithm: 'diffusion', title: 'diffusion on the mote emulator (rounds of 1 s)' });
    const failed = /\n {2}failed: (\d+)\n {2}failedAt: (\d+)\n/.exec(out);
    expect(failed).not.toBeNull();
    expect(read.records.filter((r) => r.e === 'crash')).toEqual([{ t: Number(failed![2]) * 1e9, e: 'crash', m: Number(failed![1]) }]);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
  });
});
