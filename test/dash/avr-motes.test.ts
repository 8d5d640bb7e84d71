// The dashboard marks AVR motes (--avr-motes): the map cell, the border label and the detail panel,
// from the real simulator and from a fake source; `mote dash --avr-motes` runs and rejects bad ids.

import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { layoutMap } from '../../cli/dash/map-layout.js';
import { NetworkSource } from '../../cli/dash/network-source.js';
import { AVR_GLYPH, detailText, mapLabel, mapText } from '../../cli/dash/panels.js';
import { sourceOptions, type DashFlags } from '../../cli/dash/setup.js';
import { buildViewModel, type UiState } from '../../cli/dash/view-model.js';
import { UserError } from '../../cli/io.js';
import { FakeSource } from './fake-source.js';
import { dash } from './run-dash.js';

const NS = 1e9;
const UI: UiState = { selected: 0, showLeds: false, detailOpen: false, paused: false, speed: 1, eventsPerSecond: 0, message: null };

function plain(text: string): string {
  return text.replace(/\{\/?[a-z-]+\}/g, '');
}

function flags(change: Partial<DashFlags> = {}): DashFlags {
  return { topology: 'grid:3x3', load: [], inject: [], seconds: 600, seed: 4, profile: 'mate', fault: [], bootSpread: 0, speed: 1, ...change };
}

describe('AVR motes on the dashboard', () => {
  it('draws a live AVR mote as an underlined A on the map, and only that mote', () => {
    const s = new FakeSource(3, 1);
    s.avrMotes[2] = 1;
    const view = buildViewModel(s, [], UI, layoutMap(s.topology, 20, 20));
    expect(view.map.cells.map((c) => c.avr)).toEqual([false, false, true]);
    expect(plain(mapText(view))).toBe(`o<o ${AVR_GLYPH} `);
    expect(mapText(view)).toContain(`{underline}${AVR_GLYPH}{/underline}`);
    s.statuses[2] = 'dead';
    const dead = buildViewModel(s, [], UI, layoutMap(s.topology, 20, 20));
    expect(mapText(dead)).toContain('{underline}x{/underline}');
  });

  it('names an AVR mote on the map border and in its detail panel, and not an abstract one', () => {
    const s = new FakeSource(2, 1);
    s.avrMotes[1] = 1;
    const layout = layoutMap(s.topology, 20, 20);
    expect(mapLabel(buildViewModel(s, [], { ...UI, selected: 1 }, layout))).toMatch(/^ #1 AVR \(10,0\)/);
    expect(mapLabel(buildViewModel(s, [], UI, layout))).toMatch(/^ #0 \(0,0\)/);
    const avr = detailText(buildViewModel(s, [], { ...UI, selected: 1, detailOpen: true }, layout), 70);
    expect(avr.split('\n')[1].trim()).toBe('AVR mote: the VM firmware on avr8js, cycles measured');
    const abstract = detailText(buildViewModel(s, [], { ...UI, detailOpen: true }, layout), 70);
    expect(abstract).not.toContain('AVR');
  });

  it('reads which motes are AVR motes from the simulator, and they take up the spreading version', () => {
    const s = new NetworkSource(sourceOptions(flags({ avrMotes: [0, 4] })));
    expect([...Array(9).keys()].filter((m) => s.avr(m))).toEqual([0, 4]);
    s.runUntil(60 * NS);
    for (let m = 0; m < 9; m++) expect(s.version(m), `mote ${m}`).toBe(2);
    expect(s.detail(4).capsules.map((c) => c.version)).toContain(2);
  });

  it('runs mote dash --avr-motes all to full coverage without a terminal', async () => {
    const { io, error } = await dash(['--topology', 'grid:3x3', '--avr-motes', 'all']);
    expect(error).toBeNull();
    expect(io.out).toContain('v2 reached 9/9 live motes');
  });

  it('rejects --avr-motes naming a mote outside the network, or not a list of ids, in one line', async () => {
    const outside = await dash(['--topology', 'grid:3x3', '--avr-motes', '0,9']);
    expect((outside.error as UserError).message).toBe('--avr-motes: mote 9 is not in the network (0 to 8)');
    const bad = await dash(['--avr-motes', 'x']);
    expect(bad.error).toBeInstanceOf(CommanderError);
    expect(bad.io.err).toContain("--avr-motes wants mote ids like 0,17,42 or 'all', got 'x'");
  });
});
