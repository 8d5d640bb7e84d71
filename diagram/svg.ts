// Draws a run as the seed lecture draws runs (its Lamport timestamp and snapshot examples): a
// horizontal line per mote, time to the right; events as dots (hollow: local), labelled with their
// Lamport timestamp where the run has one; messages as arrows from send to receive, coloured by
// kind, dashed and crossed out when lost; crashes as crosses that end the line; snapshot cuts as a
// dashed line through the recorded states; lock-step rounds as alternating vertical bands. In tick
// time every tick is a column as wide as its busiest mote needs, events in their order within it.

import type { DiagramEvent, DiagramRun } from './run.js';
import { xmlText } from './xml.js';
import type { View } from './view.js';

const LEFT = 78;
const RIGHT = 24;
const TOP = 64;
const ROW = 46;
const MIN_COLUMN = 40;
const SLOT = 20;
/** A busy tick's column stops growing here; its events move closer together instead. */
const MAX_COLUMN = 240;
/** A short run's columns widen to fill this much, so that a three-mote example is not cramped. */
const MIN_PLOT = 760;
const CONTINUOUS_WIDTH = 1200;
const FONT = 'DejaVu Sans, Verdana, sans-serif';
const INK = '#222222';
const CUT = '#c0392b';
const CRASH = '#b03020';
const PALETTE = ['#1f5fa8', '#e07b00', '#2a9d3a', '#8e44ad', '#6d4c41', '#00838f', '#777777'];

const f = (x: number): string => String(Math.round(x * 10) / 10);

/** A legend entry: its symbol, then its label at about 6.5 px a character. */
const legendItemWidth = (label: string): number => 40 + label.length * 6.5;

/** x of any time, and of each event: tick columns for tick time, a linear scale for seconds. */
function timeAxis(run: DiagramRun, view: View): { at: (t: number, edge?: 'start' | 'end') => number; event: (e: number) => number; columns: { t: number; x: number; w: number }[]; width: number } {
  const visible = new Set(view.rows);
  if (run.timing === 'continuous') {
    const span = Math.max(view.to - view.from, 1e-9);
    const at = (t: number): number => LEFT + (Math.min(Math.max(t, view.from), view.to) - view.from) * (CONTINUOUS_WIDTH / span);
    return { at, event: (e) => at(run.events[e].t), columns: [], width: CONTINUOUS_WIDTH };
  }
  const first = Math.floor(view.from);
  const last = Math.ceil(view.to);
  // Each event's place among its mote's events in its tick, and the busiest mote of each tick.
  const order = new Int32Array(run.events.length);
  const count = new Map<string, number>();
  run.events.forEach((e: DiagramEvent, i) => {
    const key = `${e.mote} ${e.t}`;
    order[i] = count.get(key) ?? 0;
    count.set(key, order[i] + 1);
  });
  const busiest = new Map<number, number>();
  for (const [key, c] of count) {
    const [mote, t] = key.split(' ').map(Number);
    if (visible.has(mote)) busiest.set(t, Math.max(busiest.get(t) ?? 0, c));
  }
  const widths: number[] = [];
  for (let t = first; t <= last; t++) widths.push(Math.min(MAX_COLUMN, Math.max(MIN_COLUMN, SLOT * ((busiest.get(t) ?? 0) + 1))));
  const stretch = Math.max(1, MIN_PLOT / widths.reduce((a, w) => a + w, 0));
  const columns: { t: number; x: number; w: number }[] = [];
  let x = LEFT;
  widths.forEach((w, k) => {
    columns.push({ t: first + k, x, w: w * stretch });
    x += w * stretch;
  });
  const column = (t: number): { x: number; w: number } => columns[Math.min(Math.max(Math.floor(t) - first, 0), columns.length - 1)];
  const at = (t: number, edge?: 'start' | 'end'): number => {
    if (t < first) return LEFT;
    if (t > last) return x;
    const c = column(t);
    return edge === 'end' ? c.x + c.w - 6 : edge === 'start' ? c.x + 6 : c.x + c.w / 2;
  };
  const event = (i: number): number => {
    const e = run.events[i];
    if (e.t < first) return LEFT;
    if (e.t > last) return x;
    const c = column(e.t);
    return c.x + ((order[i] + 1) * c.w) / ((count.get(`${e.mote} ${e.t}`) ?? 1) + 1);
  };
  return { at, event, columns, width: x - LEFT };
}

export function renderSvg(run: DiagramRun, view: View): string {
  const axis = timeAxis(run, view);
  const rowOf = new Map(view.rows.map((m, k) => [m, k]));
  const y = (mote: number): number => TOP + 24 + (rowOf.get(mote) ?? 0) * ROW;
  const bottom = TOP + 24 + (view.rows.length - 1) * ROW;
  const right = LEFT + axis.width;
  const inWindow = (t: number): boolean => t >= view.from && t <= view.to;
  const classes = [...new Set(run.messages.map((m) => m.cls))];
  const colour = (cls: string): string => PALETTE[classes.indexOf(cls) % PALETTE.length];
  const legendY = bottom + 44;
  const legend = [...classes, 'send / receive', 'local', ...(run.crashes.length > 0 ? ['crash'] : []), ...(run.cuts.length > 0 ? ['snapshot cut'] : [])];
  const legendWidth = legend.reduce((a, label) => a + legendItemWidth(label), 0);
  const width = Math.max(right, LEFT + legendWidth, LEFT + run.title.length * 8.5) + RIGHT;
  const height = legendY + 28;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="0 0 ${f(width)} ${f(height)}" font-family="${FONT}" font-size="12">`);
  out.push('<defs>');
  classes.forEach((cls) => out.push(`<marker id="head-${classes.indexOf(cls)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour(cls)}"/></marker>`));
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${f(width)}" height="${f(height)}" fill="#ffffff"/>`);
  out.push(`<text x="${LEFT}" y="20" font-size="14" font-weight="bold" fill="${INK}">${xmlText(run.title)}</text>`);
  out.push(`<text x="${LEFT}" y="38" font-size="11" fill="#555555">${xmlText(view.note)}</text>`);

  // Time: rounds as bands, ticks as grid lines, seconds as ten divisions.
  const gridTop = TOP + 4;
  if (run.timing === 'sync') {
    axis.columns.forEach((c, k) => {
      out.push(`<rect x="${f(c.x)}" y="${gridTop}" width="${f(c.w)}" height="${f(bottom - gridTop + 18)}" fill="${k % 2 === 0 ? '#eef2f7' : '#ffffff'}"/>`);
      out.push(`<text x="${f(c.x + c.w / 2)}" y="${gridTop - 5}" font-size="10" text-anchor="middle" fill="#667788">${k === 0 ? `round ${c.t}` : c.t}</text>`);
    });
  } else if (run.timing === 'async') {
    const every = Math.max(1, Math.ceil(30 / MIN_COLUMN));
    axis.columns.forEach((c, k) => {
      out.push(`<line x1="${f(c.x)}" y1="${gridTop}" x2="${f(c.x)}" y2="${f(bottom + 18)}" stroke="#e3e3e3"/>`);
      if (k % every === 0) out.push(`<text x="${f(c.x + c.w / 2)}" y="${gridTop - 5}" font-size="10" text-anchor="middle" fill="#888888">${k === 0 ? `tick ${c.t}` : c.t}</text>`);
    });
  } else {
    for (let k = 0; k <= 10; k++) {
      const t = view.from + ((view.to - view.from) * k) / 10;
      const x = axis.at(t);
      out.push(`<line x1="${f(x)}" y1="${gridTop}" x2="${f(x)}" y2="${f(bottom + 18)}" stroke="#e3e3e3"/>`);
      out.push(`<text x="${f(x)}" y="${gridTop - 5}" font-size="10" text-anchor="middle" fill="#888888">${t.toFixed(3)} s</text>`);
    }
  }

  // One line per mote, ended by its crash.
  const crashAt = new Map<number, number>();
  for (const c of run.crashes) if (!crashAt.has(c.mote)) crashAt.set(c.mote, c.t);
  for (const m of view.rows) {
    const crash = crashAt.get(m);
    const end = crash === undefined || crash > view.to ? right : crash < view.from ? LEFT : axis.at(crash, 'end');
    out.push(`<text x="${LEFT - 12}" y="${f(y(m) + 4)}" text-anchor="end" font-weight="bold" fill="${INK}">${xmlText(run.names[m])}</text>`);
    if (end > LEFT) out.push(`<line x1="${LEFT}" y1="${f(y(m))}" x2="${f(end)}" y2="${f(y(m))}" stroke="${INK}" stroke-width="1.5"/>`);
    if (crash !== undefined && inWindow(crash)) {
      const x = axis.at(crash, 'end');
      out.push(`<path d="M${f(x - 6)},${f(y(m) - 6)} L${f(x + 6)},${f(y(m) + 6)} M${f(x - 6)},${f(y(m) + 6)} L${f(x + 6)},${f(y(m) - 6)}" stroke="${CRASH}" stroke-width="2.5"/>`);
    }
  }

  // Messages: arrows between shown motes; a stub naming the other end when only one is shown.
  for (const msg of run.messages) {
    const send = run.events[msg.send];
    const recvT = msg.recv >= 0 ? run.events[msg.recv].t : msg.due;
    if (send.t > view.to || recvT < view.from) continue;
    const from = rowOf.has(send.mote);
    const to = msg.to >= 0 && rowOf.has(msg.to);
    if (!from && !to) continue;
    const c = colour(msg.cls);
    const x1 = axis.event(msg.send);
    const x2 = msg.recv >= 0 ? axis.event(msg.recv) : axis.at(msg.due);
    const lost = msg.recv < 0;
    const style = `stroke="${c}" stroke-width="1.3"${lost ? ' stroke-dasharray="4 3"' : ''}`;
    const head = lost ? '' : ` marker-end="url(#head-${classes.indexOf(msg.cls)})"`;
    if (from && to) {
      out.push(`<line x1="${f(x1)}" y1="${f(y(send.mote))}" x2="${f(x2)}" y2="${f(y(msg.to))}" ${style}${head}/>`);
      if (lost) out.push(`<path d="M${f(x2 - 4)},${f(y(msg.to) - 4)} L${f(x2 + 4)},${f(y(msg.to) + 4)} M${f(x2 - 4)},${f(y(msg.to) + 4)} L${f(x2 + 4)},${f(y(msg.to) - 4)}" stroke="${c}" stroke-width="1.5"/>`);
    } else if (from) {
      const other = msg.to >= 0 ? run.names[msg.to] : '?';
      out.push(`<line x1="${f(x1)}" y1="${f(y(send.mote))}" x2="${f(x1 + 12)}" y2="${f(y(send.mote) + 12)}" ${style}/>`);
      out.push(`<text x="${f(x1 + 13)}" y="${f(y(send.mote) + 21)}" font-size="8" fill="${c}">${xmlText(`\u2192${other}`)}</text>`);
    } else {
      out.push(`<line x1="${f(x2 - 12)}" y1="${f(y(msg.to) - 12)}" x2="${f(x2)}" y2="${f(y(msg.to))}" ${style}${head}/>`);
      out.push(`<text x="${f(x2 - 13)}" y="${f(y(msg.to) - 14)}" font-size="8" text-anchor="end" fill="${c}">${xmlText(`${run.names[send.mote]}\u2192`)}</text>`);
    }
  }

  // Events: dots on the lines, hollow for local ones, with their Lamport timestamps.
  run.events.forEach((e, i) => {
    if (!rowOf.has(e.mote) || !inWindow(e.t)) return;
    const x = axis.event(i);
    const fill = e.kind === 'local' ? '#ffffff' : INK;
    out.push(`<circle cx="${f(x)}" cy="${f(y(e.mote))}" r="3.5" fill="${fill}" stroke="${INK}" stroke-width="1.2"/>`);
    if (e.label !== undefined) out.push(`<text x="${f(x)}" y="${f(y(e.mote) - 8)}" font-size="10" text-anchor="middle" fill="${INK}">${xmlText(e.label)}</text>`);
  });

  // Snapshot cuts: through the point where each shown mote recorded its state.
  for (const cut of run.cuts) {
    const points = view.rows.filter((m) => cut.events[m] >= 0 && inWindow(run.events[cut.events[m]].t)).map((m) => [axis.event(cut.events[m]), y(m)] as const);
    if (points.length === 0) continue;
    const path = [[points[0][0], points[0][1] - 18], ...points, [points[points.length - 1][0], points[points.length - 1][1] + 18]];
    out.push(`<polyline points="${path.map(([px, py]) => `${f(px)},${f(py)}`).join(' ')}" fill="none" stroke="${CUT}" stroke-width="2" stroke-dasharray="6 3"/>`);
    const [lastX, lastY] = points[points.length - 1];
    out.push(`<text x="${f(lastX + 5)}" y="${f(lastY + 26)}" font-size="11" font-weight="bold" fill="${CUT}">${xmlText(cut.label)}</text>`);
  }

  // Legend: the message kinds, then the symbols.
  let lx = LEFT;
  const item = (draw: string, label: string): void => {
    out.push(draw, `<text x="${f(lx + 30)}" y="${f(legendY + 4)}" font-size="11" fill="${INK}">${xmlText(label)}</text>`);
    lx += legendItemWidth(label);
  };
  for (const cls of classes) item(`<line x1="${f(lx)}" y1="${legendY}" x2="${f(lx + 24)}" y2="${legendY}" stroke="${colour(cls)}" stroke-width="1.5" marker-end="url(#head-${classes.indexOf(cls)})"/>`, cls);
  item(`<circle cx="${f(lx + 12)}" cy="${legendY}" r="3.5" fill="${INK}"/>`, 'send / receive');
  item(`<circle cx="${f(lx + 12)}" cy="${legendY}" r="3.5" fill="#ffffff" stroke="${INK}" stroke-width="1.2"/>`, 'local');
  if (run.crashes.length > 0) item(`<path d="M${f(lx + 6)},${legendY - 6} L${f(lx + 18)},${legendY + 6} M${f(lx + 6)},${legendY + 6} L${f(lx + 18)},${legendY - 6}" stroke="${CRASH}" stroke-width="2.5"/>`, 'crash');
  if (run.cuts.length > 0) item(`<line x1="${f(lx)}" y1="${legendY}" x2="${f(lx + 24)}" y2="${legendY}" stroke="${CUT}" stroke-width="2" stroke-dasharray="6 3"/>`, 'snapshot cut');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
