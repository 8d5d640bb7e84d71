// Directed Diffusion (capsules/diffusion/, sim/algo/diffusion*.ts): every event from a live source
// reaches the sink while a path exists; after reinforcement events travel one path; a failed relay
// gets a new path reinforced around it and the old gradients decay; the same capsules without
// reinforcement are flooding; broken capsules fail the oracle; and the figures against flooding and
// the tree.

import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../../../assembler/verify.js';
import { packageRoot } from '../../../cli/paths.js';
import { adjacency } from '../../../sim/algo/graph.js';
import { diffusionScenario, pickSources, reinforcedPath, runDiffusion, spotLight } from '../../../capsules/diffusion/tick.js';
import { diffusionRun, type Cost } from '../../../capsules/diffusion/compare.js';
import { diffusionOracle } from '../../../capsules/diffusion/oracle.js';
import { parseTopologySpec } from '../../../sim/world/topology.js';
import { EXTENDED_MAX_BYTES, type Capsule } from '../../../vm/capsule.js';
import { capsule, connectedGraph, replaced, shipped, shippedFile } from '../../algo/helpers.js';

function grid(spec: string): number[][] {
  const r = parseTopologySpec(spec, { seed: 1 });
  if (!r.ok) throw new Error(r.error);
  return adjacency(r.topology);
}

/** The tree baseline: tree/receive and tree/sub0 with the baseline's clock. */
function treeBaseline(): Capsule[] {
  return [...shipped('tree').filter((c) => c.type !== 'clock'), capsule(shippedFile('diffusion', 'baseline/tree_clock.mate'))];
}

/** A ring 0-1-...-(n-1)-0: two ways round, so a failed relay leaves the other way. */
function cycle(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => [(i + n - 1) % n, (i + 1) % n].sort((a, b) => a - b));
}

const heapOf = (run: ReturnType<typeof runDiffusion>, mote: number, word: number): number => run.net.vms[mote].inspect().heap[word].value;

describe('Directed Diffusion capsules', () => {
  it('deliver every event of every live source with a path, on random connected topologies with a relay failing', () => {
    fc.assert(
      fc.property(connectedGraph(2, 12), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 14, max: 45 }), (out, seed, sources, failAt) => {
        const { report } = diffusionRun({ capsules: shipped('diffusion'), out, seed, sources, interestPeriod: 12, rounds: 60, failAt });
        expect(report.failures).toEqual([]);
        expect(report.details.eventsDelivered).toBe(report.details.eventsRequired);
      }),
      { numRuns: 20 },
    );
  });

  it('set up a gradient toward every neighbour an interest came from', () => {
    const out = grid('grid:4x4');
    const run = runDiffusion(diffusionScenario({ out, seed: 1, rounds: 8, failAt: 0 }), { capsules: shipped('diffusion'), reinforce: true });
    for (let m = 1; m < out.length; m++) expect(heapOf(run, m, 4)).toBe((1 << out[m].length) - 1);
    expect(heapOf(run, 0, 4)).toBe(0);
  });

  it('after reinforcement send events along one path, a shortest one, and only the first event of an epoch floods', () => {
    const out = grid('grid:5x5');
    const { report } = diffusionRun({ capsules: shipped('diffusion'), out, seed: 1, failAt: 0 });
    expect(report.ok).toBe(true);
    const d = report.details;
    expect(d.pathBefore).toEqual([21, 15, 10, 5, 0]);
    // Six epochs: six exploratory events, plus those before the first reinforcement came back.
    expect(d.floodedEvents).toBeLessThanOrEqual(6 + 4);
    expect(d.onePathEvents as number).toBeGreaterThan(3 * (d.floodedEvents as number));
  });

  it('reinforce a new path around a failed relay within an epoch, and let the old gradients decay', () => {
    // A ring of 8: the source 4 reaches the sink 0 by 3-2-1 or by 5-6-7; the middle relay 2 fails.
    const scenario = diffusionScenario({ out: cycle(8), seed: 2 });
    expect(scenario.sources).toEqual([4]);
    const run = runDiffusion(scenario, { capsules: shipped('diffusion'), reinforce: true });
    expect(run.failed).toEqual({ mote: 2, round: scenario.failAt });
    // Round 57 is half an epoch after the fourth interest: the reinforcement of that epoch came back
    // through 2 before it failed, so only an event explored after the failure counts as the repair.
    const judged = diffusionOracle({ ...scenario, trace: run.net.trace, messages: run.net.messages, failed: run.failed, reinforce: true, focus: 4 });
    expect(judged.verdict.failures).toEqual([]);
    expect(judged.figures.pathBefore).toEqual([4, 3, 2, 1, 0]);
    expect(judged.figures.pathAfter).toEqual([4, 5, 6, 7, 0]);
    // The fifth interest (round 65) reaches 4 the other way round in 4 rounds; its next event floods
    // to the sink in 4 more, and the reinforcement comes back in 4.
    let event = 1 + 4 * scenario.period + 4;
    while (event % scenario.interval !== 0 || scenario.light(4, event) <= scenario.threshold) event++;
    expect(judged.figures.repairedAt).toEqual([event + 8]);
    expect(reinforcedPath(run.net, 4)).toEqual([4, 5, 6, 7, 0]);
    // Motes 3 and 1 were not refreshed after the failure: their reinforced gradients expired.
    for (const m of [3, 1]) expect(heapOf(run, m, 7)).toBeLessThanOrEqual(heapOf(run, m, 3));
    for (const m of [5, 6, 7]) expect(heapOf(run, m, 7)).toBeGreaterThan(heapOf(run, m, 3));
  });

  it('flood every event when the sink does not reinforce, and then lose none to the failure', () => {
    const scenario = diffusionScenario({ out: cycle(8), seed: 2, failMote: 2 });
    const run = runDiffusion(scenario, { capsules: shipped('diffusion'), reinforce: false });
    const judged = diffusionOracle({ ...scenario, trace: run.net.trace, messages: run.net.messages, failed: run.failed, reinforce: false, focus: 4 });
    expect(judged.verdict.failures).toEqual([]);
    expect(judged.figures).toMatchObject({ onePath: 0, lostDuring: 0, reinforcements: 0, reinforced: 0 });
    expect(judged.figures.delivered).toBe(judged.figures.required);
  });

  it('count the events of a source the failure cuts off as unreachable, not as lost', () => {
    const { report } = diffusionRun({ capsules: shipped('diffusion'), out: grid('line:6'), seed: 1 });
    expect(report.ok).toBe(true);
    expect(report.details.failed).toBe(3);
    expect(report.details.repairedAt).toEqual([]);
  });

  it('cost fewer messages and less energy per delivered event than flooding, more than the tree', () => {
    const { report } = diffusionRun({ capsules: shipped('diffusion'), treeCapsules: treeBaseline(), out: grid('grid:7x7'), seed: 1, sources: 2 });
    expect(report.failures).toEqual([]);
    const [diffusion, flooding, tree] = [report.details.diffusion, report.details.flooding, report.details.tree] as Cost[];
    expect(diffusion.messagesPerEvent!).toBeLessThan(flooding.messagesPerEvent! / 2);
    expect(diffusion.millijoulesPerEvent!).toBeLessThan(flooding.millijoulesPerEvent! / 2);
    expect(tree.messagesPerEvent!).toBeLessThan(diffusion.messagesPerEvent!);
    expect(flooding.delivered).toBeGreaterThanOrEqual(diffusion.delivered);
  });

  it('give the same report for the same seed', () => {
    const run = (): unknown => diffusionRun({ capsules: shipped('diffusion'), out: grid('grid:4x4'), seed: 9, sources: 2 }).report;
    expect(run()).toEqual(run());
  });
});

describe('the diffusion capsules as shipped', () => {
  it('verify, fit an extended capsule, and have their true sizes and contexts in the README', () => {
    const files = readdirSync(join(packageRoot, 'capsules', 'diffusion')).filter((f) => f.endsWith('.mate')).sort();
    const readme = shippedFile('diffusion', 'README.md');
    shipped('diffusion').forEach((c, k) => {
      expect(verify(c).errors, c.name).toEqual([]);
      expect(c.code.length).toBeLessThanOrEqual(EXTENDED_MAX_BYTES);
      expect(readme).toContain(`| ${files[k]} | ${c.type} | ${c.code.length} |`);
    });
    expect(readme).toContain(`All six: ${shipped('diffusion').reduce((a, c) => a + c.code.length, 0)} bytes`);
    for (const c of treeBaseline()) expect(verify(c).errors, c.name).toEqual([]);
  });
});

describe('the diffusion scenario', () => {
  it('picks sources among the motes farthest from the sink', () => {
    const out = grid('grid:5x5');
    for (const seed of [1, 2, 3]) for (const s of pickSources(out, seed, 3)) expect([4, 9, 14, 19, 20, 21, 22, 23, 24]).toContain(s);
    expect(pickSources([[]], 1, 1)).toEqual([]);
  });

  it('lights the sources above the threshold except in one reading in six, and nothing else', () => {
    const light = spotLight(3, [7], 500);
    const bright = Array.from({ length: 600 }, (_, t) => light(7, t) > 500).filter(Boolean).length;
    expect(bright).toBeGreaterThan(450);
    expect(bright).toBeLessThan(550);
    for (let t = 0; t < 200; t++) for (const m of [0, 1, 6, 8]) expect(light(m, t)).toBeLessThanOrEqual(500);
    for (let t = 0; t < 200; t++) expect(light(7, t)).toBeLessThanOrEqual(1023);
  });
});

describe('the diffusion oracle', () => {
  const out = grid('grid:4x4');
  const judge = (capsules: Capsule[]): readonly string[] => diffusionRun({ capsules, out, seed: 1 }).report.failures;

  it('fails sources that keep flooding after their path was reinforced', () => {
    const clock = shippedFile('diffusion', 'clock.mate').replace(/ {8}getvar {2}8\n {8}getvar {2}0\n {8}neq\n/, '        pushc   1\n');
    expect(judge(replaced('diffusion', capsule(clock)))).toContainEqual(expect.stringMatching(/^one path: mote \d+'s event of round \d+ flooded after its path was reinforced$/));
  });

  it('fails relays that never pass a reinforcement on', () => {
    const sub3 = shippedFile('diffusion', 'sub3.mate').replace(/ {8}pushm\n {8}swap\n {8}sendr\n/, '        pop\n');
    expect(judge(replaced('diffusion', capsule(sub3)))).toContainEqual(expect.stringMatching(/^reinforcement: mote \d+'s first event \(round \d+\) had no reinforced path back by round \d+$/));
  });

  it('fails a sink whose data cache forgets: copies of an exploratory event reach it twice', () => {
    const sub1 = shippedFile('diffusion', 'sub1.mate').replace(/\n {8}pushm\n/, '\n        id\n        jumpc   real\n        pushc   1\n        ret\nreal:   pushm\n');
    expect(judge(replaced('diffusion', capsule(sub1)))).toContainEqual(expect.stringMatching(/^once: event "\d+ \d+" \(mote, round\) arrived \d+ times$/));
  });

  it('fails a run whose sources report a reading that is not above the threshold', () => {
    const scenario = diffusionScenario({ out, seed: 1 });
    const run = runDiffusion(scenario, { capsules: shipped('diffusion'), reinforce: true });
    const [source] = scenario.sources;
    const reported = run.net.messages.find((m) => m.words[0] === 2)!.words[2];
    // The oracle is told the light was dim in that round: the capsules reported what it calls no event.
    const light = (mote: number, tick: number): number => (mote === source && tick === reported ? scenario.threshold : scenario.light(mote, tick));
    const judged = diffusionOracle({ ...scenario, light, trace: run.net.trace, messages: run.net.messages, failed: run.failed, reinforce: true, focus: source });
    expect(judged.verdict.failures).toContain(`only events: mote ${source}'s reading of round ${reported} matches no interest, yet reached the sink`);
  });

  it('fails a sink that logs nothing: events never reach it', () => {
    const sub2 = shippedFile('diffusion', 'sub2.mate').replaceAll(/ {8}pushm\n {8}uart/g, '        pushc   0\n        pop');
    expect(judge(replaced('diffusion', capsule(sub2)))).toContainEqual(expect.stringMatching(/^delivery: mote \d+'s event of round \d+ never reached the sink$/));
  });
});
