// The dashboard without a terminal: one progress line per simulated second, a summary at full
// coverage, and bounded runs when coverage never comes.

import { describe, expect, it } from 'vitest';
import { runHeadless, type HeadlessOptions } from '../../cli/dash/headless.js';
import { FakeSource } from './fake-source.js';

function run(source: FakeSource, opts: Partial<HeadlessOptions> = {}) {
  const lines: string[] = [];
  let wall = 0;
  const outcome = runHeadless(source, {
    seconds: 600,
    wallLimitMs: 50_000,
    wallMs: () => (wall += 10),
    print: (line) => lines.push(line),
    ...opts,
  });
  return { lines, outcome };
}

describe('the non-terminal dashboard', () => {
  it('prints coverage once a simulated second and a summary when the new version reaches every mote', () => {
    const source = new FakeSource(20, 20);
    source.schedule(0, 2, 5);
    const { lines, outcome } = run(source);
    expect(outcome).toEqual({ kind: 'covered', version: 2 });
    expect(lines.slice(0, 7)).toEqual([
      'cnt_to_leds (clock) on grid 20x20, 10 ft spacing, seed 7',
      't=1s coverage 0/400 (0.0%) tx 0',
      't=2s coverage 0/400 (0.0%) tx 0',
      't=3s coverage 0/400 (0.0%) tx 0',
      't=4s coverage 0/400 (0.0%) tx 0',
      // The toy spread: injected at 5 s, one hop a second, so 3 motes hold it at the end of that second.
      't=5s coverage 3/400 (0.8%) tx 1',
      't=6s coverage 6/400 (1.5%) tx 4',
    ]);
    // The far corner is 38 hops away: the 37th second after the injection's.
    expect(lines.slice(-4)).toEqual([
      't=42s coverage 400/400 (100.0%) tx 7600',
      'covered: v2 reached 400/400 live motes at t=42.0s, 37.0 s after its injection at mote 0',
      '7600 transmissions, 16800 events',
      // 3000 uJ per mote-second is 1 mA at 3 V: 30,780 J lasts 10,260,000 s.
      'energy 50.40 J, mean current 1.00 mA per mote, battery at that rate 118.8 d',
    ]);
    expect(lines).toHaveLength(1 + 42 + 3);
  });

  it('counts only live motes, so a dead mote does not hold up coverage', () => {
    const source = new FakeSource(3, 1);
    source.statuses[2] = 'dead';
    source.schedule(0, 2, 1);
    const { lines, outcome } = run(source);
    expect(outcome.kind).toBe('covered');
    expect(lines[1]).toBe('t=1s coverage 2/2 (100.0%) tx 1');
  });

  it('stops at the simulated-time limit and says how far the version got', () => {
    const source = new FakeSource(20, 20);
    source.schedule(0, 2, 1);
    const { lines, outcome } = run(source, { seconds: 3 });
    expect(outcome).toEqual({ kind: 'not-covered', version: 2, reason: 'v2 did not reach every live mote (stopped at the --seconds 3)' });
    expect(lines.slice(-2, -1)).toEqual(['not covered: v2 reached 10/400 live motes by t=3s (stopped at the --seconds 3)']);
  });

  it('stops at the wall-clock limit, checked after every simulated second', () => {
    const source = new FakeSource(20, 20);
    source.schedule(0, 2, 100);
    const { lines, outcome } = run(source, { wallLimitMs: 45 });
    expect(outcome.kind).toBe('not-covered');
    // The fake wall clock moves 10 ms a reading: past 45 ms after the fifth second.
    expect(lines.filter((l) => l.startsWith('t='))).toHaveLength(5);
    expect(lines).toContain('not covered: v2 reached 0/400 live motes by t=5s (stopped at the wall-clock limit of 0.045 s)');
  });

  it('runs to the limit and summarises when nothing is injected', () => {
    const source = new FakeSource(2, 1);
    const { lines, outcome } = run(source, { seconds: 2 });
    expect(outcome).toEqual({ kind: 'nothing-injected' });
    expect(lines.slice(1, 4)).toEqual(['t=1s no injection tx 0', 't=2s no injection tx 0', 'ran 2 s with nothing injected']);
  });
});
