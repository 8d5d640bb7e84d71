// The dashboard's view model: a plain snapshot of everything one frame shows, built by a pure function
// from the simulation (DashSource), the per-second history and the UI state (issue 7; STYLE rule 12).
// Derived figures: coverage per version, ETA from the recent coverage rate, transmissions per second,
// mean current and battery lifetime (SPEC 1: 2850 mAh at 3 V = 30,780 J).

import { BATTERY_MICROJOULES, SUPPLY_VOLTS } from '../../sim/core/power-states.js';
import { coverageOf, type History } from './history.js';
import type { MapLayout } from './map-layout.js';
import type { DashSource, MoteDetail, MoteStatus, NotableEvent } from './source.js';

/** The ETA divides what is left by the coverage gained over at most this many recent seconds. */
export const ETA_WINDOW_SECONDS = 10;
export const HUNGRIEST = 3;
export const LOG_LINES = 100;

const NS = 1e9;

export interface UiState {
  readonly selected: number;
  readonly showLeds: boolean;
  readonly detailOpen: boolean;
  readonly paused: boolean;
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** Simulator events per wall-clock second, measured by the controller. */
  readonly eventsPerSecond: number;
  /** The last key's answer, or null. */
  readonly message: string | null;
}

export type CellState = 'empty' | 'alive' | 'transmitting' | 'rebooting' | 'dead';

export interface MapCell {
  /** For a block of motes: transmitting if any is, dead only if all are. */
  readonly state: CellState;
  /** Colour key: 0 for no version, else 1 + the index of the (lowest live) version among all known ones. */
  readonly rank: number;
  readonly leds: number;
  readonly selected: boolean;
  /** Whether any mote of the block is an AVR mote (the firmware on avr8js). */
  readonly avr: boolean;
}

export interface VersionProgress {
  readonly version: number;
  readonly rank: number;
  readonly mote: number;
  /** Seconds. */
  readonly injectedAt: number;
  /** Not injected yet. */
  readonly scheduled: boolean;
  readonly covered: number;
  readonly live: number;
  readonly fraction: number;
  /** Seconds since injection, or injection to full coverage once covered. */
  readonly elapsed: number;
  readonly coveredAt: number | null;
  /** Seconds to full coverage: 0 once covered, null while no rate is known or coverage is not growing. */
  readonly eta: number | null;
}

export interface Hungry {
  readonly mote: number;
  readonly joules: number;
  readonly meanCurrentMicroAmps: number;
  /** Seconds until its battery is flat at its mean current so far; null when it draws nothing. */
  readonly lifetime: number | null;
}

export interface LogLine {
  readonly t: number;
  readonly text: string;
}

export interface DashView {
  /** Simulated seconds. */
  readonly time: number;
  readonly title: string;
  readonly seed: number;
  readonly speed: number;
  readonly paused: boolean;
  readonly eventsPerSecond: number;
  readonly partitioned: boolean;
  readonly message: string | null;
  readonly motes: { readonly total: number; readonly live: number; readonly dead: number; readonly rebooting: number };
  readonly map: { readonly cols: number; readonly rows: number; readonly cells: readonly MapCell[]; readonly showLeds: boolean };
  readonly versions: readonly VersionProgress[];
  readonly traffic: { readonly transmissions: number; readonly perSecond: readonly number[] };
  readonly energy: {
    readonly totalJoules: number;
    /** Per mote, averaged over the run so far. */
    readonly meanCurrentMicroAmps: number;
    /** Seconds a 2850 mAh battery lasts at the mean current; null when nothing draws. */
    readonly lifetime: number | null;
    readonly hungriest: readonly Hungry[];
  };
  readonly log: readonly LogLine[];
  readonly selected: {
    readonly mote: number;
    readonly x: number;
    readonly y: number;
    readonly status: MoteStatus;
    /** An AVR mote (the firmware on avr8js) rather than the abstract VM. */
    readonly avr: boolean;
    readonly version: number;
    readonly leds: number;
    readonly joules: number;
    readonly detail: MoteDetail | null;
  };
}

/** Mean current in uA of something that spent `microJoules` over `seconds` at the supply voltage. */
export function meanCurrent(microJoules: number, seconds: number, motes = 1): number {
  return seconds > 0 && motes > 0 ? microJoules / (SUPPLY_VOLTS * seconds * motes) : 0;
}

/** Seconds a full battery lasts at `microAmps`; null at zero draw. */
export function batteryLifetime(microAmps: number): number | null {
  return microAmps > 0 ? BATTERY_MICROJOULES / (SUPPLY_VOLTS * microAmps) : null;
}

/** Transmissions in each whole second of the history, oldest first. */
export function perSecond(history: History): number[] {
  const out: number[] = [];
  for (let k = 1; k < history.length; k++) out.push(history[k].transmissions - history[k - 1].transmissions);
  return out;
}

/**
 * Seconds until `version` covers all `live` motes, at the rate it gained coverage since the earliest
 * sample within ETA_WINDOW_SECONDS taken after its injection (or since the injection itself, at 0).
 */
export function eta(history: History, version: number, injectedAt: number, now: number, covered: number, live: number): number | null {
  if (covered >= live) return 0;
  let t0 = injectedAt;
  let c0 = 0;
  for (const s of history) {
    if (s.t >= injectedAt && s.t >= now - ETA_WINDOW_SECONDS * NS) {
      t0 = s.t;
      c0 = s.covered.get(version) ?? 0;
      break;
    }
  }
  const dt = (now - t0) / NS;
  const rate = dt > 0 ? (covered - c0) / dt : 0;
  return rate > 0 ? (live - covered) / rate : null;
}

function describe(e: NotableEvent, count: number, firstMote: number): string {
  const version = e.version > 0 ? ` v${e.version}` : '';
  const where = count > 1 ? ` at ${count} motes (first ${firstMote}, last ${e.mote})` : e.mote >= 0 ? ` at mote ${e.mote}` : '';
  return `${e.kind}${version}${where}${e.detail ? `: ${e.detail}` : ''}`;
}

/** Log lines, newest last; a run of installs of one version becomes one line (400 installs would flood the log). */
export function logLines(events: readonly NotableEvent[]): LogLine[] {
  const out: LogLine[] = [];
  let i = 0;
  while (i < events.length) {
    let j = i + 1;
    if (events[i].kind === 'install') {
      while (j < events.length && events[j].kind === 'install' && events[j].version === events[i].version) j++;
    }
    const last = events[j - 1];
    out.push({ t: last.t / NS, text: describe(last, j - i, events[i].mote) });
    i = j;
  }
  return out.slice(-LOG_LINES);
}

function rankOf(known: readonly number[], version: number): number {
  return version > 0 ? known.indexOf(version) + 1 : 0;
}

const STATE_ORDER: readonly CellState[] = ['empty', 'dead', 'alive', 'rebooting', 'transmitting'];

function buildMap(source: DashSource, layout: MapLayout, ui: UiState): { cells: MapCell[]; known: number[] } {
  const cellCount = layout.cols * layout.rows;
  const lowest = new Float64Array(cellCount).fill(Infinity);
  const state = new Uint8Array(cellCount); // index into STATE_ORDER; a block shows its highest
  const leds = new Int32Array(cellCount).fill(-1);
  const avr = new Uint8Array(cellCount);
  const seen = new Set<number>(source.injections().map((j) => j.version));
  for (let m = 0; m < source.topology.n; m++) {
    const c = layout.cellOf[m];
    const status = source.status(m);
    const s = status === 'dead' ? 'dead' : source.transmitting(m) ? 'transmitting' : status;
    state[c] = Math.max(state[c], STATE_ORDER.indexOf(s));
    if (source.avr(m)) avr[c] = 1;
    if (status === 'dead') continue;
    const v = source.version(m);
    if (v > 0) seen.add(v);
    lowest[c] = Math.min(lowest[c], v);
    if (leds[c] < 0) leds[c] = source.leds(m);
  }
  const known = [...seen].sort((a, b) => a - b);
  const selectedCell = layout.cellOf[ui.selected];
  const cells: MapCell[] = [];
  for (let c = 0; c < cellCount; c++) {
    cells.push({
      state: STATE_ORDER[state[c]],
      rank: Number.isFinite(lowest[c]) ? rankOf(known, lowest[c]) : 0,
      leds: Math.max(0, leds[c]),
      selected: c === selectedCell,
      avr: avr[c] === 1,
    });
  }
  return { cells, known };
}

function hungriest(source: DashSource, seconds: number): { total: number; top: Hungry[] } {
  let total = 0;
  const top: { mote: number; e: number }[] = [];
  for (let m = 0; m < source.topology.n; m++) {
    const e = source.energy(m);
    total += e;
    // Keep the HUNGRIEST largest, ties to the lower id (strictly greater displaces).
    if (top.length < HUNGRIEST || e > top[top.length - 1].e) {
      let k = Math.min(top.length, HUNGRIEST - 1);
      top[k] = { mote: m, e };
      while (k > 0 && top[k - 1].e < e) {
        [top[k - 1], top[k]] = [top[k], top[k - 1]];
        k--;
      }
    }
  }
  return {
    total,
    top: top.map(({ mote, e }) => {
      const current = meanCurrent(e, seconds);
      return { mote, joules: e / 1e6, meanCurrentMicroAmps: current, lifetime: batteryLifetime(current) };
    }),
  };
}

export function buildViewModel(source: DashSource, history: History, ui: UiState, layout: MapLayout): DashView {
  const now = source.now();
  const seconds = now / NS;
  const n = source.topology.n;
  const injections = source.injections();
  const coverage = coverageOf(source, injections);
  const { cells, known } = buildMap(source, layout, ui);
  let dead = 0;
  let rebooting = 0;
  for (let m = 0; m < n; m++) {
    const s = source.status(m);
    if (s === 'dead') dead++;
    else if (s === 'rebooting') rebooting++;
  }
  const versions = injections.map((j): VersionProgress => {
    const covered = coverage.covered.get(j.version) ?? 0;
    const scheduled = j.at > now;
    const end = j.coveredAt ?? now;
    return {
      version: j.version,
      rank: rankOf(known, j.version),
      mote: j.mote,
      injectedAt: j.at / NS,
      scheduled,
      covered,
      live: coverage.live,
      fraction: coverage.live > 0 ? covered / coverage.live : 0,
      elapsed: scheduled ? 0 : (end - j.at) / NS,
      coveredAt: j.coveredAt === null ? null : j.coveredAt / NS,
      eta: scheduled ? null : j.coveredAt !== null ? 0 : eta(history, j.version, j.at, now, covered, coverage.live),
    };
  });
  const energy = hungriest(source, seconds);
  const mean = meanCurrent(energy.total, seconds, n);
  const sel = ui.selected;
  return {
    time: seconds,
    title: `${source.capsuleName} on ${source.topology.description}`,
    seed: source.seed,
    speed: ui.speed,
    paused: ui.paused,
    eventsPerSecond: ui.eventsPerSecond,
    partitioned: source.partitioned(),
    message: ui.message,
    motes: { total: n, live: coverage.live, dead, rebooting },
    map: { cols: layout.cols, rows: layout.rows, cells, showLeds: ui.showLeds },
    versions,
    traffic: { transmissions: source.counters().transmissions, perSecond: perSecond(history) },
    energy: { totalJoules: energy.total / 1e6, meanCurrentMicroAmps: mean, lifetime: batteryLifetime(mean), hungriest: energy.top },
    log: logLines(source.recentEvents()),
    selected: {
      mote: sel,
      x: source.topology.x[sel],
      y: source.topology.y[sel],
      status: source.status(sel),
      avr: source.avr(sel),
      version: source.version(sel),
      leds: source.leds(sel),
      joules: source.energy(sel) / 1e6,
      detail: ui.detailOpen ? source.detail(sel) : null,
    },
  };
}
