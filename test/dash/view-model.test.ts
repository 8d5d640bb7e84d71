// The dashboard's view model: exact coverage, ETA, sparkline, energy and map values from a fake source.

import { describe, expect, it } from 'vitest';
import { BATTERY_MICROJOULES } from '../../sim/core/power-states.js';
import type { History, Sample } from '../../cli/dash/history.js';
import { HISTORY_SECONDS, remember, takeSample } from '../../cli/dash/history.js';
import { layoutMap } from '../../cli/dash/map-layout.js';
import type { NotableEvent } from '../../cli/dash/source.js';
import { batteryLifetime, buildViewModel, eta, logLines, meanCurrent, perSecond, type UiState } from '../../cli/dash/view-model.js';
import { FakeSource } from './fake-source.js';

const NS = 1e9;
const UI: UiState = { selected: 0, showLeds: false, detailOpen: false, paused: false, speed: 1, eventsPerSecond: 0, message: null };

function sample(seconds: number, transmissions: number, covered: Record<number, number> = {}): Sample {
  return { t: seconds * NS, transmissions, covered: new Map(Object.entries(covered).map(([v, c]) => [Number(v), c])) };
}

function view(source: FakeSource, history: History = [], ui: Partial<UiState> = {}, cols = 40, rows = 40) {
  return buildViewModel(source, history, { ...UI, ...ui }, layoutMap(source.topology, cols, rows));
}

describe('coverage', () => {
  it('counts a mote holding a newer version as covered for every older injected version', () => {
    const s = new FakeSource(4, 1, 0);
    s.versions.set([3, 2, 1, 0]);
    s.injected = [1, 2, 3].map((version) => ({ version, mote: 0, at: 0, coveredAt: null }));
    const v = view(s);
    expect(v.versions.map((p) => p.covered)).toEqual([3, 2, 1]);
    expect(v.versions.map((p) => p.fraction)).toEqual([0.75, 0.5, 0.25]);
  });

  it('leaves dead motes out of both the covered count and the live count', () => {
    const s = new FakeSource(4, 1, 0);
    s.versions.set([2, 2, 0, 0]);
    s.statuses[1] = 'dead';
    s.statuses[3] = 'rebooting';
    s.injected = [{ version: 2, mote: 0, at: 0, coveredAt: null }];
    const v = view(s);
    expect(v.versions[0]).toMatchObject({ covered: 1, live: 3 });
    expect(v.motes).toEqual({ total: 4, live: 3, dead: 1, rebooting: 1 });
  });

  it('reports a scheduled injection as scheduled, with no elapsed time and no ETA', () => {
    const s = new FakeSource(2, 1);
    s.schedule(1, 2, 5);
    s.time = 3 * NS;
    expect(view(s).versions[0]).toMatchObject({ scheduled: true, elapsed: 0, eta: null, injectedAt: 5, mote: 1 });
  });

  it('measures elapsed time up to coverage once the version is covered, and its ETA is 0', () => {
    const s = new FakeSource(2, 1, 2);
    s.injected = [{ version: 2, mote: 0, at: 5 * NS, coveredAt: 34.5 * NS }];
    s.time = 50 * NS;
    expect(view(s).versions[0]).toMatchObject({ elapsed: 29.5, coveredAt: 34.5, eta: 0, fraction: 1 });
  });
});

describe('ETA', () => {
  it('divides what is left by the coverage rate since the oldest sample in the last 10 s', () => {
    const history = [sample(5, 0, { 2: 1 }), sample(10, 0, { 2: 100 }), sample(15, 0, { 2: 150 }), sample(20, 0, { 2: 200 })];
    // Window starts at 10 s: (200 - 100) / 10 s = 10 motes/s; 200 left takes 20 s.
    expect(eta(history, 2, 5 * NS, 20 * NS, 200, 400)).toBe(20);
  });

  it('measures from the injection itself when no sample follows it yet', () => {
    const history = [sample(4, 0, { 2: 0 })];
    // 4 motes in 2 s since the injection at 4.5 s... measured from 4.5 s: 4 / 2 = 2 motes/s; 6 left: 3 s.
    expect(eta(history, 2, 4.5 * NS, 6.5 * NS, 4, 10)).toBe(3);
  });

  it('is unknown while coverage is not growing', () => {
    const history = [sample(10, 0, { 2: 50 }), sample(20, 0, { 2: 50 })];
    expect(eta(history, 2, 0, 20 * NS, 50, 400)).toBeNull();
  });

  it('is 0 once every live mote is covered', () => {
    expect(eta([], 2, 0, 20 * NS, 400, 400)).toBe(0);
  });

  it('flows into the view for a spreading version', () => {
    const s = new FakeSource(10, 1, 1);
    s.injected = [{ version: 2, mote: 0, at: 0, coveredAt: null }];
    s.versions.fill(2, 0, 4);
    s.time = 2 * NS;
    // From the injection at 0 to 2 s: 4 motes, 2/s; 6 left: 3 s.
    expect(view(s).versions[0].eta).toBe(3);
  });
});

describe('history and the sparkline', () => {
  it('gives the transmissions of each whole second, oldest first', () => {
    expect(perSecond([sample(0, 0), sample(1, 4), sample(2, 4), sample(3, 10)])).toEqual([4, 0, 6]);
  });

  it('keeps at most HISTORY_SECONDS per-second differences', () => {
    let h: History = [];
    for (let t = 0; t < HISTORY_SECONDS + 50; t++) h = remember(h, sample(t, t * 2));
    expect(h).toHaveLength(HISTORY_SECONDS + 1);
    expect(h[0].t).toBe(49 * NS);
    expect(perSecond(h)).toEqual(new Array(HISTORY_SECONDS).fill(2));
  });

  it('samples coverage of every injection from the source', () => {
    const s = new FakeSource(3, 1, 1);
    s.versions[2] = 2;
    s.transmissions = 9;
    s.time = 4 * NS;
    s.injected = [{ version: 2, mote: 2, at: NS, coveredAt: null }];
    expect(takeSample(s)).toEqual({ t: 4 * NS, transmissions: 9, covered: new Map([[2, 1]]) });
  });
});

describe('energy', () => {
  it('turns microjoules over seconds into mean microamps at 3 V', () => {
    // 3,000,000 uJ in 10 s over 100 motes: 3000 uJ per mote-second, 1000 uA at 3 V.
    expect(meanCurrent(3_000_000, 10, 100)).toBe(1000);
    expect(meanCurrent(5, 0, 1)).toBe(0);
  });

  it('projects battery life from 30,780 J', () => {
    expect(BATTERY_MICROJOULES).toBeCloseTo(30_780e6, 0);
    // 1 mA at 3 V is 3 mW: 30,780 J lasts 10,260,000 s (118.75 days).
    expect(batteryLifetime(1000)).toBeCloseTo(10_260_000, 3);
    expect(batteryLifetime(0)).toBeNull();
  });

  it('shows the network total, the mean current and the three hungriest motes, ties to the lower id', () => {
    const s = new FakeSource(5, 1);
    s.spent.set([30e6, 60e6, 90e6, 60e6, 0]);
    s.time = 10 * NS;
    const e = view(s).energy;
    expect(e.totalJoules).toBe(240);
    // 240e6 uJ / (3 V x 10 s x 5 motes) = 1.6e6 uA.
    expect(e.meanCurrentMicroAmps).toBe(1_600_000);
    expect(e.hungriest.map((h) => h.mote)).toEqual([2, 1, 3]);
    expect(e.hungriest[0]).toMatchObject({ joules: 90, meanCurrentMicroAmps: 3_000_000 });
    expect(e.hungriest[0].lifetime).toBeCloseTo(BATTERY_MICROJOULES / 9e6, 6);
  });
});

describe('the event log', () => {
  const ev = (t: number, kind: NotableEvent['kind'], mote: number, version = 0, detail = ''): NotableEvent => ({ t: t * NS, kind, mote, version, detail });

  it('folds a run of installs of one version into one line, at the time of the last', () => {
    const lines = logLines([ev(5, 'inject', 0, 2), ev(6, 'install', 1, 2), ev(6.5, 'install', 20, 2), ev(7, 'install', 21, 2), ev(8, 'trap', 4, 0, 'stack overflow')]);
    expect(lines).toEqual([
      { t: 5, text: 'inject v2 at mote 0' },
      { t: 7, text: 'install v2 at 3 motes (first 1, last 21)' },
      { t: 8, text: 'trap at mote 4: stack overflow' },
    ]);
  });

  it('keeps installs of different versions apart and names network-wide events without a mote', () => {
    const lines = logLines([ev(1, 'install', 3, 2), ev(2, 'install', 4, 3), ev(3, 'partition', -1, 0, 'split in two')]);
    expect(lines.map((l) => l.text)).toEqual(['install v2 at mote 3', 'install v3 at mote 4', 'partition: split in two']);
  });
});

describe('the map', () => {
  it('colours each cell by the rank of its version among all known versions', () => {
    const s = new FakeSource(3, 1, 0);
    s.versions.set([0, 7, 9]);
    s.injected = [{ version: 9, mote: 2, at: 0, coveredAt: null }];
    const v = view(s);
    expect(v.map.cells.map((c) => c.rank)).toEqual([0, 1, 2]);
    expect(v.versions[0].rank).toBe(2);
  });

  it('marks transmitting, rebooting and dead motes and the selected one', () => {
    const s = new FakeSource(4, 1);
    s.sending[0] = 1;
    s.statuses[1] = 'rebooting';
    s.statuses[2] = 'dead';
    const v = view(s, [], { selected: 3 });
    expect(v.map.cells.map((c) => c.state)).toEqual(['transmitting', 'rebooting', 'dead', 'alive']);
    expect(v.map.cells.map((c) => c.selected)).toEqual([false, false, false, true]);
  });

  it('shows a block of motes by its lowest live version, dead only when all are dead', () => {
    const s = new FakeSource(4, 4, 2);
    s.versions[5] = 1; // in the top-left 2x2 block
    s.statuses[0] = 'dead';
    s.versions[0] = 0; // dead, so its missing version does not count
    for (const m of [10, 11, 14, 15]) s.statuses[m] = 'dead';
    s.sending[2] = 1;
    const v = view(s, [], {}, 2, 2);
    expect([v.map.cols, v.map.rows]).toEqual([2, 2]);
    expect(v.map.cells.map((c) => c.rank)).toEqual([1, 2, 2, 0]);
    expect(v.map.cells.map((c) => c.state)).toEqual(['alive', 'transmitting', 'alive', 'dead']);
  });

  it('reads the selected mote detail only while it is open', () => {
    const s = new FakeSource(2, 1);
    expect(view(s, [], { selected: 1 }).selected.detail).toBeNull();
    expect(s.calls).toEqual([]);
    const open = view(s, [], { selected: 1, detailOpen: true }).selected;
    expect(open.detail?.stacks).toEqual([{ context: 'clock', state: 'idle', operands: ['1', 's3:512'] }]);
    expect(open).toMatchObject({ mote: 1, x: 10, y: 0, status: 'alive', version: 1 });
  });
});
