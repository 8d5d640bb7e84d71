// The text of each dashboard panel, from the view model and the panel's inner size, with blessed colour
// tags (issue 7). Pure, so a test can read exactly what a panel will show; render.ts only places it.

import { bar, formatCount, formatCurrent, formatDuration, formatJoules, formatPercent, sparkline } from './format.js';
import type { DashView, MapCell, VersionProgress } from './view-model.js';

/** Version colours by rank (1 = oldest known); red is kept for dead motes. */
const PALETTE = ['blue', 'green', 'yellow', 'magenta', 'cyan', 'white'];
const GLYPH: Record<MapCell['state'], string> = { empty: ' ', alive: 'o', transmitting: '*', rebooting: 'r', dead: 'x' };
/** A live AVR mote (--avr-motes: the firmware on avr8js); an AVR cell is also underlined in every state. */
export const AVR_GLYPH = 'A';

export const KEY_HELP = 'space:pause +/-:speed enter:mote i:inject k:kill r:reboot p:split l:leds q:quit';

/** Escapes blessed's tag braces in free text (capsule names, trap reasons). */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

/** Cuts or pads plain text to exactly `width` characters. */
export function fit(text: string, width: number): string {
  return text.length > width ? text.slice(0, Math.max(0, width - 1)) + '~' : text.padEnd(width);
}

export function versionColour(rank: number): string {
  return rank > 0 ? PALETTE[(rank - 1) % PALETTE.length] : 'gray';
}

function cellText(cell: MapCell, showLeds: boolean): string {
  const live = cell.state === 'alive' || cell.state === 'transmitting';
  const glyph = showLeds && live ? String(cell.leds & 7) : cell.avr && cell.state === 'alive' ? AVR_GLYPH : GLYPH[cell.state];
  const colour = cell.state === 'dead' ? 'red' : versionColour(cell.rank);
  const plain = cell.state === 'transmitting' ? `{bold}${glyph}{/bold}` : glyph;
  const body = cell.avr ? `{underline}${plain}{/underline}` : plain;
  const styled = cell.state === 'empty' ? ' ' : `{${colour}-fg}${body}{/${colour}-fg}`;
  return cell.selected ? `{inverse}${styled}{/inverse}{bold}<{/bold}` : `${styled} `;
}

/** The map: one line per row of cells, two characters a cell. */
export function mapText(view: DashView): string {
  const { cols, rows, cells, showLeds } = view.map;
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) line += cellText(cells[r * cols + c], showLeds);
    lines.push(line);
  }
  return lines.join('\n');
}

/** The map's border label: which mote is selected and its state. */
export function mapLabel(view: DashView): string {
  const s = view.selected;
  const leds = (s.leds & 7).toString(2).padStart(3, '0');
  return ` #${s.mote}${s.avr ? ' AVR' : ''} (${s.x.toFixed(0)},${s.y.toFixed(0)}) v${s.version} ${s.status} leds ${leds} `;
}

function versionLines(p: VersionProgress, width: number): string[] {
  const name = `v${p.version}`;
  const colour = versionColour(p.rank);
  if (p.scheduled) return [fit(`${name} scheduled at ${p.injectedAt.toFixed(1)} s at mote ${p.mote}`, width), ''];
  const pct = formatPercent(p.fraction).padStart(6);
  const barWidth = Math.max(1, width - name.length - pct.length - 2);
  const head = `{${colour}-fg}${name}{/${colour}-fg} ${bar(p.fraction, barWidth)} ${pct}`;
  const tail =
    p.coveredAt !== null
      ? `${p.covered}/${p.live} covered in ${formatDuration(p.elapsed)} (t=${p.coveredAt.toFixed(1)} s)`
      : `${p.covered}/${p.live} in ${formatDuration(p.elapsed)}, ETA ${p.eta === null ? '?' : formatDuration(p.eta)}`;
  return [head, fit(tail, width)];
}

/** Progress bars for the newest versions that fit, two lines each. */
export function propagationText(view: DashView, width: number, rows: number): string {
  if (view.versions.length === 0) return fit('nothing injected yet: select a mote, press i', width);
  const shown = view.versions.slice(-Math.max(1, Math.floor(rows / 2)));
  return shown.flatMap((p) => versionLines(p, width)).join('\n');
}

export function trafficText(view: DashView, width: number): string {
  const per = view.traffic.perSecond;
  const last = per.length ? per[per.length - 1] : 0;
  const peak = Math.max(0, ...per.slice(-width));
  const head = fit(`tx ${formatCount(view.traffic.transmissions)}  ${last}/s now  peak ${peak}/s`, width);
  return `${head}\n{cyan-fg}${sparkline(per, width)}{/cyan-fg}`;
}

export function energyText(view: DashView, width: number, rows: number): string {
  const e = view.energy;
  const lines = [
    `total ${formatJoules(e.totalJoules)}  mean ${formatCurrent(e.meanCurrentMicroAmps)}/mote`,
    `battery at mean current: ${e.lifetime === null ? 'forever' : formatDuration(e.lifetime)}`,
    ...e.hungriest.map(
      (h, k) =>
        `${k === 0 ? 'hungriest' : '         '} #${h.mote} ${formatCurrent(h.meanCurrentMicroAmps)} ${h.lifetime === null ? '' : formatDuration(h.lifetime)}`,
    ),
  ];
  return lines.slice(0, rows).map((l) => fit(l, width)).join('\n');
}

export function eventsText(view: DashView, width: number, rows: number): string {
  return view.log
    .slice(-rows)
    .map((l) => escapeTags(fit(`${l.t.toFixed(1).padStart(7)}s ${l.text}`, width)))
    .join('\n');
}

/** Two lines: time, speed, rate, seed and what runs (or the last key's answer); then the key help. */
export function statusText(view: DashView, width: number): string {
  const flags = `${view.paused ? ' PAUSED' : ''}${view.partitioned ? ' SPLIT' : ''}`;
  const head = `t=${view.time.toFixed(1)}s x${view.speed} ${formatCount(view.eventsPerSecond)} ev/s seed ${view.seed}${flags} | `;
  const tail = view.message ?? view.title;
  return `{bold}${escapeTags(fit(head + tail, width))}{/bold}\n${fit(KEY_HELP, width)}`;
}

/** What enter shows: the selected mote's capsules, stacks, LEDs, energy by component and last packets. */
export function detailText(view: DashView, width: number): string {
  const s = view.selected;
  const d = s.detail;
  if (!d) return '';
  const lines = [
    `mote ${s.mote} at (${s.x.toFixed(1)}, ${s.y.toFixed(1)}) ft: ${s.status}`,
    ...(s.avr ? ['AVR mote: the VM firmware on avr8js, cycles measured'] : []),
    `leds ${(s.leds & 7).toString(2).padStart(3, '0')}  energy ${formatJoules(s.joules)}`,
    'capsules:',
    ...d.capsules.map((c) => `  ${c.type.padEnd(7)} v${c.version} ${c.name}`),
    'stacks:',
    ...d.stacks.map((st) => `  ${st.context.padEnd(7)} ${st.state.padEnd(7)} [${st.operands.join(' ')}]`),
    'energy by component:',
    ...d.energyByComponent.map((c) => `  ${c.component.padEnd(20)} ${formatJoules(c.microJoules / 1e6)}`),
    'last packets:',
    ...d.lastPackets.map(
      (p) => `  ${(p.t / 1e9).toFixed(3)}s ${p.direction} am 0x${p.amType.toString(16).padStart(2, '0')} ${p.direction === 'rx' ? 'from' : 'to'} ${p.peer < 0 ? 'all' : p.peer} ${p.length} B`,
    ),
    '(enter or escape closes)',
  ];
  return lines.map((l) => escapeTags(fit(l, width))).join('\n');
}
