// Keys typed while the dashboard starts (building a 400-mote network takes a moment) are kept and
// handed over once the controller listens (issue 19: a q pressed during start-up was lost).

import type { Terminal } from './controller.js';

/** The terminal, listening to keys from now on; keys before the first onKey are replayed to it. */
export function withEarlyKeys(terminal: Terminal): Terminal {
  const early: string[] = [];
  let handler: ((key: string) => void) | undefined;
  terminal.onKey((key) => {
    if (handler === undefined) early.push(key);
    else handler(key);
  });
  return {
    size: () => terminal.size(),
    draw: (view) => terminal.draw(view),
    onResize: (h) => terminal.onResize(h),
    close: () => terminal.close(),
    onKey: (h) => {
      handler = h;
      for (const key of early.splice(0)) h(key);
    },
  };
}
