// The dashboard's loop (issue 7): each frame advances the simulation by `speed` simulated seconds per
// real second, sampling the history at every whole simulated second, then builds the view model and
// draws it once. Keys become DashActions. Wall-clock time only paces the frames; the simulation's own
// time is the source's. The terminal is an interface, so tests drive the loop without blessed.

import { remember, takeSample, type History } from './history.js';
import { mapCapacity } from './layout.js';
import { layoutMap, moveSelection, type MapLayout } from './map-layout.js';
import type { DashSource } from './source.js';
import { buildViewModel, type DashView, type UiState } from './view-model.js';

const NS = 1e9;
export const FRAME_MS = 100;
/** Past this much wall time stepping within a frame, the frame gives up the rest of its simulated time. */
const STEP_BUDGET_MS = 60;
/** A stalled frame (a suspended laptop) does not turn into a burst of simulated time. */
const MAX_FRAME_GAP_MS = 250;
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/** What the controller needs of a terminal; render.ts implements it with blessed. */
export interface Terminal {
  size(): { width: number; height: number };
  draw(view: DashView): void;
  onKey(handler: (key: string) => void): void;
  onResize(handler: () => void): void;
  close(): void;
}

export interface Pacing {
  /** Wall-clock milliseconds (performance.now in the command, a counter in tests). */
  readonly wallMs: () => number;
  /** Calls `frame` every `ms`; returns the function that stops it. */
  readonly every: (ms: number, frame: () => void) => () => void;
}

/** What keys do; the simulation-changing ones go to the source (SimControls). */
export interface DashActions {
  togglePause(): void;
  faster(): void;
  slower(): void;
  move(dx: number, dy: number): void;
  toggleDetail(): void;
  toggleLeds(): void;
  inject(): void;
  kill(): void;
  reboot(): void;
  togglePartition(): void;
  quit(): void;
}

export function nextSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return SPEEDS.find((s) => s > speed) ?? speed;
  return [...SPEEDS].reverse().find((s) => s < speed) ?? speed;
}

export class DashController implements DashActions {
  private ui: UiState;
  private history: History;
  private layout: MapLayout;
  private lastWall: number;
  private rateMark: { wall: number; events: number };
  private stop: (() => void) | null = null;
  private finished: (() => void) | null = null;
  private quitted = false;

  constructor(
    private readonly source: DashSource,
    private readonly terminal: Terminal,
    private readonly pacing: Pacing,
    speed: number,
  ) {
    this.ui = { selected: 0, showLeds: false, detailOpen: false, paused: false, speed, eventsPerSecond: 0, message: null };
    this.history = [takeSample(source)];
    this.layout = this.fitMap();
    this.lastWall = pacing.wallMs();
    this.rateMark = { wall: this.lastWall, events: source.counters().events };
  }

  /** Runs until q: resolves after the terminal is closed. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      // Ready to finish before the first key arrives: a q typed during start-up (replayed by
      // early-keys.ts as soon as keys are listened to) ends the run instead of being lost.
      this.finished = resolve;
      this.terminal.onKey((key) => this.key(key));
      if (this.quitted) return;
      this.terminal.onResize(() => {
        this.layout = this.fitMap();
        this.draw();
      });
      this.draw();
      this.stop = this.pacing.every(FRAME_MS, () => this.frame());
    });
  }

  /** One frame: advance, then draw. Public so tests can step it. */
  frame(): void {
    const wall = this.pacing.wallMs();
    const gap = Math.min(MAX_FRAME_GAP_MS, wall - this.lastWall);
    this.lastWall = wall;
    if (!this.ui.paused) this.advance(Math.round(this.ui.speed * gap * 1e6), wall + STEP_BUDGET_MS);
    this.measureRate(wall);
    this.draw();
  }

  /** Steps to the target in pieces that end on whole simulated seconds, sampling at each. */
  private advance(ns: number, deadline: number): void {
    const target = this.source.now() + ns;
    while (this.source.now() < target) {
      const second = (Math.floor(this.source.now() / NS) + 1) * NS;
      const next = Math.min(target, second);
      this.source.runUntil(next);
      if (this.source.now() < next) break; // a source that cannot reach `next` must not hang the UI
      if (next === second) this.history = remember(this.history, takeSample(this.source));
      if (this.pacing.wallMs() > deadline) break;
    }
  }

  private measureRate(wall: number): void {
    const elapsed = wall - this.rateMark.wall;
    if (elapsed < 1000) return;
    const events = this.source.counters().events;
    this.ui = { ...this.ui, eventsPerSecond: ((events - this.rateMark.events) * 1000) / elapsed };
    this.rateMark = { wall, events };
  }

  private fitMap(): MapLayout {
    const { width, height } = this.terminal.size();
    const cap = mapCapacity(width, height);
    return layoutMap(this.source.topology, cap.cols, cap.rows);
  }

  private view(): DashView {
    return buildViewModel(this.source, this.history, this.ui, this.layout);
  }

  private draw(): void {
    this.terminal.draw(this.view());
  }

  private set(change: Partial<UiState>): void {
    this.ui = { ...this.ui, ...change };
    this.draw();
  }

  key(key: string): void {
    const keys: Record<string, () => void> = {
      space: () => this.togglePause(),
      '+': () => this.faster(),
      '=': () => this.faster(),
      '-': () => this.slower(),
      _: () => this.slower(),
      up: () => this.move(0, -1),
      down: () => this.move(0, 1),
      left: () => this.move(-1, 0),
      right: () => this.move(1, 0),
      enter: () => this.toggleDetail(),
      escape: () => this.set({ detailOpen: false }),
      l: () => this.toggleLeds(),
      i: () => this.inject(),
      k: () => this.kill(),
      r: () => this.reboot(),
      p: () => this.togglePartition(),
      q: () => this.quit(),
      'C-c': () => this.quit(),
    };
    keys[key]?.();
  }

  togglePause(): void {
    this.set({ paused: !this.ui.paused, message: this.ui.paused ? 'running' : 'paused' });
  }

  faster(): void {
    const speed = nextSpeed(this.ui.speed, 1);
    this.set({ speed, message: `speed x${speed}` });
  }

  slower(): void {
    const speed = nextSpeed(this.ui.speed, -1);
    this.set({ speed, message: `speed x${speed}` });
  }

  move(dx: number, dy: number): void {
    this.set({ selected: moveSelection(this.layout, this.ui.selected, dx, dy) });
  }

  toggleDetail(): void {
    this.set({ detailOpen: !this.ui.detailOpen });
  }

  toggleLeds(): void {
    this.set({ showLeds: !this.ui.showLeds });
  }

  inject(): void {
    this.set({ message: this.source.inject(this.ui.selected).message });
  }

  kill(): void {
    this.set({ message: this.source.kill(this.ui.selected).message });
  }

  reboot(): void {
    this.set({ message: this.source.reboot(this.ui.selected).message });
  }

  togglePartition(): void {
    this.set({ message: this.source.togglePartition().message });
  }

  quit(): void {
    this.quitted = true;
    this.stop?.();
    this.stop = null;
    this.terminal.close();
    this.finished?.();
  }
}
