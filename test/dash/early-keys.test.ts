// A q typed while the dashboard starts is not lost (issue 19): keys heard before the controller
// listens are replayed to it, and a quit among them ends the run at once.

import { describe, expect, it } from 'vitest';
import type { Pacing, Terminal } from '../../cli/dash/controller.js';
import { DashController } from '../../cli/dash/controller.js';
import { withEarlyKeys } from '../../cli/dash/early-keys.js';
import type { DashView } from '../../cli/dash/view-model.js';
import { FakeSource } from './fake-source.js';

/** A terminal whose keys the test types, whether or not anyone listens yet. */
class TypingTerminal implements Terminal {
  private handlers: ((key: string) => void)[] = [];
  closed = false;
  views: DashView[] = [];
  type(key: string) {
    for (const h of this.handlers) h(key);
  }
  size() {
    return { width: 80, height: 24 };
  }
  draw(view: DashView) {
    this.views.push(view);
  }
  onKey(handler: (key: string) => void) {
    this.handlers.push(handler);
  }
  onResize() {}
  close() {
    this.closed = true;
  }
}

function pacing(): Pacing & { frames: number } {
  const p = {
    frames: 0,
    wallMs: () => 0,
    every: () => {
      p.frames++;
      return () => undefined;
    },
  };
  return p;
}

describe('keys typed during start-up', () => {
  it('a q pressed before the controller runs ends the run, closes the terminal and starts no frames', async () => {
    const raw = new TypingTerminal();
    const terminal = withEarlyKeys(raw);
    raw.type('q'); // while the network is being built
    const pace = pacing();
    await new DashController(new FakeSource(4, 4), terminal, pace, 1).run();
    expect(raw.closed).toBe(true);
    expect(pace.frames).toBe(0);
  });

  it('other early keys are replayed in order, then keys flow straight through', async () => {
    const raw = new TypingTerminal();
    const terminal = withEarlyKeys(raw);
    raw.type(' ');
    raw.type('+');
    const seen: string[] = [];
    terminal.onKey((key) => seen.push(key));
    raw.type('q');
    expect(seen).toEqual([' ', '+', 'q']);
  });
});
