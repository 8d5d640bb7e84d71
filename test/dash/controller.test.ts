// The dashboard loop on a fake terminal and a fake wall clock: pacing, per-second samples, keys.

import { describe, expect, it } from 'vitest';
import { DashController, FRAME_MS, nextSpeed, type Pacing, type Terminal } from '../../cli/dash/controller.js';
import type { DashView } from '../../cli/dash/view-model.js';
import { FakeSource } from './fake-source.js';

const NS = 1e9;

class FakeTerminal implements Terminal {
  width = 80;
  height = 24;
  views: DashView[] = [];
  closed = false;
  key: (key: string) => void = () => undefined;
  resize: () => void = () => undefined;
  size() {
    return { width: this.width, height: this.height };
  }
  draw(view: DashView) {
    this.views.push(view);
  }
  onKey(handler: (key: string) => void) {
    this.key = handler;
  }
  onResize(handler: () => void) {
    this.resize = handler;
  }
  close() {
    this.closed = true;
  }
  last(): DashView {
    return this.views[this.views.length - 1];
  }
}

/** A wall clock that moves only when told, and a frame timer the test fires by hand. */
class FakePacing {
  wall = 0;
  frame: (() => void) | null = null;
  stopped = false;
  readonly pacing: Pacing = {
    wallMs: () => this.wall,
    every: (_ms, frame) => {
      this.frame = frame;
      return () => {
        this.stopped = true;
      };
    },
  };
  tick(ms = FRAME_MS) {
    this.wall += ms;
    this.frame?.();
  }
}

function setup(speed = 1) {
  const source = new FakeSource(20, 20);
  const terminal = new FakeTerminal();
  const pace = new FakePacing();
  const controller = new DashController(source, terminal, pace.pacing, speed);
  const done = controller.run();
  return { source, terminal, pace, controller, done };
}

describe('the dashboard controller', () => {
  it('advances speed simulated seconds per real second, in frames', () => {
    const { source, pace } = setup(5);
    for (let k = 0; k < 10; k++) pace.tick();
    expect(source.now()).toBe(5 * NS);
  });

  it('samples the history at every whole simulated second, so the sparkline has one bar a second', () => {
    const { source, terminal, pace } = setup(10);
    source.schedule(0, 2, 1);
    for (let k = 0; k < 5; k++) pace.tick();
    // 5 s simulated; from the injection at 1 s every holder sends once a second: 1, 3, 6, 10, 15 holders.
    expect(terminal.last().traffic.perSecond).toEqual([1, 3, 6, 10, 15]);
    expect(terminal.last().versions[0]).toMatchObject({ version: 2, covered: 21 });
  });

  it('does not turn a stalled frame into a burst of simulated time', () => {
    const { source, pace } = setup(1);
    pace.tick(10_000);
    expect(source.now()).toBe(0.25 * NS);
  });

  it('stops the simulation while paused and says so', () => {
    const { source, terminal, pace } = setup(1);
    pace.tick();
    terminal.key('space');
    expect(terminal.last()).toMatchObject({ paused: true, message: 'paused' });
    pace.tick();
    pace.tick();
    expect(source.now()).toBe(0.1 * NS);
    terminal.key('space');
    pace.tick();
    expect(source.now()).toBe(0.2 * NS);
  });

  it('steps the speed through fixed levels with + and -', () => {
    const { terminal } = setup(1);
    terminal.key('+');
    terminal.key('=');
    expect(terminal.last()).toMatchObject({ speed: 5, message: 'speed x5' });
    terminal.key('-');
    expect(terminal.last().speed).toBe(2);
    expect(nextSpeed(500, 1)).toBe(500);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
    expect(nextSpeed(3, -1)).toBe(2);
  });

  it('moves the selection with the arrows and acts on the selected mote', () => {
    const { source, terminal } = setup();
    terminal.key('right');
    terminal.key('right');
    terminal.key('down');
    expect(terminal.last().selected.mote).toBe(22);
    terminal.key('i');
    terminal.key('k');
    terminal.key('left');
    terminal.key('r');
    terminal.key('p');
    expect(source.calls).toEqual(['inject 22', 'kill 22', 'reboot 21', 'partition']);
    expect(terminal.last().message).toBe('network split in two');
    expect(terminal.last().map.cells[22].state).toBe('dead');
  });

  it('opens and closes the mote detail with enter and escape, and toggles LEDs with l', () => {
    const { terminal } = setup();
    terminal.key('enter');
    expect(terminal.last().selected.detail).not.toBeNull();
    terminal.key('escape');
    expect(terminal.last().selected.detail).toBeNull();
    terminal.key('l');
    expect(terminal.last().map.showLeds).toBe(true);
  });

  it('lays the map out again when the terminal is resized', () => {
    const { terminal } = setup();
    expect([terminal.last().map.cols, terminal.last().map.rows]).toEqual([20, 20]);
    terminal.width = 56;
    terminal.height = 14;
    terminal.resize();
    expect([terminal.last().map.cols, terminal.last().map.rows]).toEqual([9, 10]);
  });

  it('measures simulator events per wall-clock second', () => {
    const { terminal, pace } = setup(1);
    for (let k = 0; k < 10; k++) pace.tick();
    // The toy source counts one event per mote per simulated second: 400 in the 1 s of wall time.
    expect(terminal.last().eventsPerSecond).toBe(400);
  });

  it('closes the terminal, stops the frames and finishes on q', async () => {
    const { terminal, pace, done } = setup();
    terminal.key('q');
    await done;
    expect(terminal.closed).toBe(true);
    expect(pace.stopped).toBe(true);
  });
});
