// The text of each panel, tags stripped: what a user reads on the screen for a known view.

import { describe, expect, it } from 'vitest';
import { layoutMap } from '../../cli/dash/map-layout.js';
import { KEY_HELP, detailText, energyText, escapeTags, eventsText, fit, mapLabel, mapText, propagationText, statusText, trafficText } from '../../cli/dash/panels.js';
import { buildViewModel, type UiState } from '../../cli/dash/view-model.js';
import type { History } from '../../cli/dash/history.js';
import { FakeSource } from './fake-source.js';

const NS = 1e9;
const UI: UiState = { selected: 0, showLeds: false, detailOpen: false, paused: false, speed: 2, eventsPerSecond: 12_345, message: null };

function plain(text: string): string {
  return text.replace(/\{\/?[a-z-]+\}/g, '');
}

function spreading(ui: Partial<UiState> = {}, history: History = []) {
  const s = new FakeSource(4, 2, 1);
  s.injected = [{ version: 2, mote: 0, at: 5 * NS, coveredAt: null }];
  s.versions.set([2, 2, 1, 1, 2, 1, 1, 1]);
  s.sending[1] = 1;
  s.statuses[7] = 'dead';
  s.ledBits[0] = 5;
  s.spent.fill(3e6);
  s.transmissions = 42;
  s.time = 7 * NS;
  s.log = [{ t: 5 * NS, kind: 'inject', mote: 0, version: 2, detail: '' }];
  return buildViewModel(s, history, { ...UI, ...ui }, layoutMap(s.topology, 20, 20));
}

describe('panels', () => {
  it('draws the map two characters a cell, marking the selected mote', () => {
    expect(plain(mapText(spreading())).split('\n')).toEqual(['o<* o o ', 'o o o x ']);
    expect(plain(mapText(spreading({ showLeds: true, selected: 5 })))).toBe('5 0 0 0 \n0 0<0 x ');
  });

  it('colours cells by version rank and dead motes red', () => {
    const text = mapText(spreading());
    expect(text.startsWith('{inverse}{green-fg}o{/green-fg}{/inverse}')).toBe(true);
    expect(text).toContain('{blue-fg}o{/blue-fg}');
    expect(text).toContain('{red-fg}x{/red-fg}');
  });

  it('names the selected mote on the map border', () => {
    expect(mapLabel(spreading({ selected: 1 }))).toBe(' #1 (10,0) v2 alive leds 000 ');
  });

  it('shows coverage, elapsed time and ETA for a spreading version', () => {
    // 3 of 7 live motes 2 s after the injection: 1.5 motes/s, 4 left: 2.7 s.
    const lines = plain(propagationText(spreading(), 36, 4)).split('\n');
    expect(lines).toEqual(['v2 ' + '#'.repeat(11) + '-'.repeat(15) + '  42.9%', '3/7 in 2.0 s, ETA 2.7 s'.padEnd(36)]);
  });

  it('tells the user how to inject when nothing is injected', () => {
    const s = new FakeSource(2, 1);
    const v = buildViewModel(s, [], UI, layoutMap(s.topology, 4, 4));
    expect(propagationText(v, 50, 4).trim()).toBe('nothing injected yet: select a mote, press i');
  });

  it('shows the transmission count, the rate now and a sparkline', () => {
    const history = [0, 3, 9, 10].map((tx, k) => ({ t: k * NS, transmissions: tx, covered: new Map() }));
    const text = plain(trafficText(spreading({}, history), 30)).split('\n');
    expect(text[0].trim()).toBe('tx 42  1/s now  peak 6/s');
    expect(text[1]).toBe('▅█▂');
  });

  it('shows total energy, mean current, battery life and the hungriest motes', () => {
    // 8 motes x 3 J over 7 s: 3e6 uJ / (3 V x 7 s) = 142,857 uA each; 30,780 J lasts 71,820 s at that.
    expect(energyText(spreading(), 40, 4).split('\n').map((l) => l.trimEnd())).toEqual([
      'total 24.00 J  mean 142.86 mA/mote',
      'battery at mean current: 19.9 h',
      'hungriest #0 142.86 mA 19.9 h',
      '          #1 142.86 mA 19.9 h',
    ]);
  });

  it('lists the newest events with their simulated times', () => {
    expect(eventsText(spreading(), 30, 3)).toBe('    5.0s inject v2 at mote 0  ');
  });

  it('fits the status line and the key help into 80 columns', () => {
    const lines = plain(statusText(spreading({ paused: true }), 80)).split('\n');
    expect(lines[0]).toBe(fit('t=7.0s x2 12.3k ev/s seed 7 PAUSED | cnt_to_leds (clock) on grid 4x2, 10 ft spacing', 80));
    expect(lines[1]).toBe(fit(KEY_HELP, 80));
    expect(KEY_HELP.length).toBeLessThanOrEqual(80);
    expect(plain(statusText(spreading({ message: 'injected v3 at mote 0' }), 80))).toContain('| injected v3 at mote 0');
  });

  it('details the selected mote: capsules, stacks, energy by component, last packets', () => {
    const text = detailText(spreading({ detailOpen: true, selected: 2 }), 40).split('\n').map((l) => l.trimEnd());
    expect(text).toEqual([
      'mote 2 at (20.0, 0.0) ft: alive',
      'leds 000  energy 3.00 J',
      'capsules:',
      '  clock   v1 cnt_to_leds',
      'stacks:',
      '  clock   idle    [1 s3:512]',
      'energy by component:',
      '  cpu                  3.00 J',
      'last packets:',
      '  1.500s rx am 0x20 from 3 12 B',
      '(enter or escape closes)',
    ]);
  });

  it('escapes braces so free text never becomes a tag', () => {
    expect(escapeTags('trap {x}')).toBe('trap {open}x{close}');
  });
});
