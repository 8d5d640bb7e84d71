// Which part of a run a diagram shows: the motes (a list, or a page of them; a hundred rows would be
// unreadable, so runs of more than a page show one page at a time) and a time window (algorithm runs
// default to their first 40 ticks; the simulator's traces to the whole run).

import type { Parsed } from './read.js';
import type { DiagramRun } from './run.js';

export const DEFAULT_PER_PAGE = 20;
export const DEFAULT_TICKS = 40;
/** Widest window of an algorithm run, ticks: wider is no picture (and its columns would fill memory). */
export const MAX_WINDOW_TICKS = 2000;

export interface ViewOptions {
  /** Mote indices to show, in this order. */
  readonly motes?: readonly number[];
  /** 1-based page of `perPage` motes (ignored when `motes` is given). */
  readonly page?: number;
  readonly perPage?: number;
  readonly from?: number;
  readonly to?: number;
}

export interface View {
  readonly rows: readonly number[];
  readonly from: number;
  readonly to: number;
  readonly page: number;
  readonly pages: number;
  /** One line saying what is shown and how to see the rest. */
  readonly note: string;
}

/** `0-9,42` or `3,5`: mote indices, each in 0..n-1. */
export function parseMoteList(text: string, n: number): Parsed<number[]> {
  const motes: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (m === null) return { ok: false, error: `--motes wants a list like 0-9,42, got '${text}'` };
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b >= n) return { ok: false, error: `--motes ${part.trim()}: the run has motes 0..${n - 1}` };
    for (let i = a; i <= b; i++) if (!motes.includes(i)) motes.push(i);
  }
  return { ok: true, value: motes };
}

export function selectView(run: DiagramRun, options: ViewOptions): Parsed<View> {
  const n = run.names.length;
  const perPage = Math.max(1, options.perPage ?? DEFAULT_PER_PAGE);
  const pages = options.motes === undefined ? Math.ceil(n / perPage) : 1;
  const page = options.page ?? 1;
  if (page < 1 || page > pages) return { ok: false, error: `--page ${page}: the run has ${pages} page${pages === 1 ? '' : 's'} of ${perPage} motes` };
  const rows = options.motes ?? Array.from({ length: Math.min(perPage, n - (page - 1) * perPage) }, (_, k) => (page - 1) * perPage + k);
  const discrete = run.timing !== 'continuous';
  const from = options.from ?? 0;
  const to = options.to ?? (discrete ? Math.min(run.end, from + DEFAULT_TICKS) : run.end);
  if (!(to >= from)) return { ok: false, error: `--from ${from} is after --to ${to}` };
  if (discrete && to - from > MAX_WINDOW_TICKS) {
    return { ok: false, error: `--from ${from} --to ${to}: a diagram shows at most ${MAX_WINDOW_TICKS} ticks; the run has ${run.end}` };
  }
  const unit = discrete ? (run.timing === 'sync' ? 'rounds' : 'ticks') : 's';
  const contiguous = rows.every((r, k) => k === 0 || r === rows[k - 1] + 1);
  const names = contiguous && rows.length > 2 ? `${run.names[rows[0]]}-${run.names[rows[rows.length - 1]]}` : rows.map((r) => run.names[r]).join(', ');
  const shown = rows.length === n ? `all ${n} motes` : `motes ${names} of ${n}`;
  const paging = pages > 1 ? ` (page ${page} of ${pages}; --page for the others)` : '';
  const window = discrete ? `${unit} ${from}-${to} of ${run.end}` : `${from.toFixed(3)}-${to.toFixed(3)} s of ${run.end.toFixed(3)} s`;
  const more = to < run.end || from > 0 ? ' (--from and --to for the rest)' : '';
  return { ok: true, value: { rows, from, to, page, pages, note: `${shown}${paging}, ${window}${more}` } };
}
