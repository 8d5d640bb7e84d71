// The blessed renderer on a fake terminal: what the screen buffer holds after one frame, the message on
// a small terminal, a redraw on resize, and keys arriving as names.

import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutMap } from '../../cli/dash/map-layout.js';
import { mapCapacity } from '../../cli/dash/layout.js';
import { blessedTerminal } from '../../cli/dash/render.js';
import { buildViewModel, type UiState } from '../../cli/dash/view-model.js';
import { FakeSource } from './fake-source.js';

const NS = 1e9;
const UI: UiState = { selected: 0, showLeds: false, detailOpen: false, paused: false, speed: 1, eventsPerSecond: 0, message: null };

function fakeTty(columns: number, rows: number) {
  const output = Object.assign(new PassThrough(), { columns, rows, isTTY: true });
  output.resume();
  const input = new PassThrough();
  const terminal = blessedTerminal({ input, output, terminal: 'xterm' });
  return { output, input, terminal };
}

/** The screen's cells as lines of text (blessed keeps them as [attribute, character] pairs; its types omit them). */
function screenText(screen: object): string[] {
  const { lines } = screen as { lines: { [x: number]: [number, string] }[] };
  return lines.map((line) => Array.from({ length: Object.keys(line).filter((k) => /^\d+$/.test(k)).length }, (_, x) => line[x][1]).join(''));
}

function viewFor(source: FakeSource, width: number, height: number, ui: Partial<UiState> = {}) {
  const cap = mapCapacity(width, height);
  return buildViewModel(source, [], { ...UI, ...ui }, layoutMap(source.topology, cap.cols, cap.rows));
}

let open: ReturnType<typeof fakeTty>[] = [];
afterEach(() => {
  for (const t of open) t.terminal.close();
  open = [];
});

function tty(columns: number, rows: number) {
  const t = fakeTty(columns, rows);
  open.push(t);
  return t;
}

describe('the blessed renderer', () => {
  it('draws every panel into an 80 x 24 screen', () => {
    const { terminal } = tty(80, 24);
    const source = new FakeSource(20, 20);
    source.injected = [{ version: 2, mote: 0, at: 0, coveredAt: null }];
    source.versions.fill(2, 0, 100);
    source.time = 10 * NS;
    terminal.draw(viewFor(source, 80, 24));
    const lines = screenText(terminal.screen);
    expect(lines).toHaveLength(24);
    expect(lines[0]).toMatch(/^┌─ #0 \(0,0\) v2 alive leds 000 ─+┐┌─ propagation ─+┐$/);
    expect(lines[1]).toContain('│o<o o o o ');
    expect(lines[2]).toContain('100/400');
    expect(lines[6].slice(42)).toMatch(/^┌─ transmissions per second/);
    expect(lines[22]).toMatch(/^t=10\.0s x1 0 ev\/s seed 7 \| cnt_to_leds \(clock\) on grid 20x20/);
    expect(lines[23]).toMatch(/^space:pause/);
  });

  it('shows a clear message instead of the panels on a small terminal, and redraws when resized', () => {
    const { terminal, output } = tty(60, 20);
    const source = new FakeSource(20, 20);
    terminal.draw(viewFor(source, 60, 20));
    expect(screenText(terminal.screen).join('\n')).toContain('This terminal is 60x20; the dashboard needs at least 80x24.');
    let resized = 0;
    terminal.onResize(() => resized++);
    Object.assign(output, { columns: 100, rows: 30 });
    output.emit('resize');
    expect(resized).toBe(1);
    expect(terminal.size()).toEqual({ width: 100, height: 30 });
    terminal.draw(viewFor(source, 100, 30));
    const text = screenText(terminal.screen).join('\n');
    expect(text).not.toContain('This terminal');
    expect(text).toContain('propagation');
  });

  it('overlays the mote detail on the right-hand panels', () => {
    const { terminal } = tty(80, 24);
    const source = new FakeSource(20, 20);
    terminal.draw(viewFor(source, 80, 24, { detailOpen: true, selected: 21 }));
    const lines = screenText(terminal.screen);
    expect(lines[0].slice(42)).toMatch(/^┌─ mote 21 ─+┐$/);
    expect(lines[1].slice(42)).toContain('mote 21 at (10.0, 10.0) ft: alive');
  });

  it('hands keys to the controller by name', () => {
    const { terminal, input } = tty(80, 24);
    const keys: string[] = [];
    terminal.onKey((k) => keys.push(k));
    input.write(' ');
    input.write('+');
    input.write('q');
    input.write('\x1b[A');
    input.write('\r');
    expect(keys).toEqual(['space', '+', 'q', 'up', 'enter', 'return']);
  });
});
