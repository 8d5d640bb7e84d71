// End to end: the real dashboard (the built `mote dash`) in a detached tmux session at 120 x 40. It
// waits for full coverage on the screen, presses keys and reads what the screen shows, then quits.
// tmux runs on a private socket so no user's server is touched. Without tmux the test says so and
// checks nothing, except under CI, where .ci/run installs tmux and its absence is a failure.

import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../cli/paths.js';
import { ensureBuilt } from '../built.js';

const SOCKET = `mote-dash-test-${process.pid}`;
const SESSION = 'dash';
/** What the shell in the pane prints when the dashboard ends; the pane stays open to be read. */
const EXITED = /mote exited with \d+/;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** Polls the screen until it matches; fails at once with the screen if the dashboard exited instead. */
async function waitFor(what: RegExp, timeoutMs: number): Promise<string> {
  const end = performance.now() + timeoutMs;
  let text = screen();
  while (!what.test(text)) {
    if (EXITED.test(text)) throw new Error(`the dashboard exited before the screen showed ${what}:\n${text}`);
    if (performance.now() > end) throw new Error(`the screen never showed ${what} within ${timeoutMs} ms; it shows:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    text = screen();
  }
  return text;
}

async function press(key: string, then: RegExp): Promise<string> {
  tmux('send-keys', '-t', SESSION, key);
  return waitFor(then, 5000);
}

describe('the dashboard in a terminal', () => {
  it('shows the new version covering every mote, answers keys and quits on q', async () => {
    if (!hasTmux()) {
      if (process.env.CI) expect.fail('tmux is not installed; .ci/run installs it for this test');
      console.log('tmux is not installed, so the end-to-end dashboard test did not run (install tmux to run it)');
      return;
    }
    ensureBuilt();
    const command = `node bin/mote.js dash --speed 50 --seed 3; echo "mote exited with $?"; sleep 600`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', '-c', packageRoot, command);
    try {
      const covered = await waitFor(/400\/400 covered in/, 40_000);
      expect(covered).toMatch(/ propagation /);
      expect(covered).toMatch(/seed 3/);

      const paused = await press('Space', /PAUSED/);
      const time = /t=(\d+\.\d)s/.exec(paused)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(/t=(\d+\.\d)s/.exec(screen())?.[1]).toBe(time);

      await press('Right', /#1 \(10,0\)/);
      await press('Enter', /mote 1 at \(10\.0, 0\.0\) ft/);
      await press('Escape', / energy /);
      await press('k', /#1 \(10,0\) v2 dead/);
      await press('r', /rebooted mote 1/);
      await press('i', /v3 [#-]+ +\d+\.\d%/);
      await press('Space', /\| running/);

      tmux('resize-window', '-t', SESSION, '-x', '70', '-y', '20');
      await waitFor(/This terminal is 70x20; the dashboard needs at least 80x24/, 5000);
      tmux('resize-window', '-t', SESSION, '-x', '120', '-y', '40');
      await waitFor(/ propagation /, 5000);

      await press('q', /mote exited with 0/);
    } finally {
      spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    }
  });
});
