// The adapter on the real simulator: a small grid spreading the counter's next version, and the keys'
// faults and injections as the dashboard sees them.

import { describe, expect, it } from 'vitest';
import { NetworkSource, REBOOT_MARK_NS } from '../../cli/dash/network-source.js';
import { sourceOptions, type DashFlags } from '../../cli/dash/setup.js';

const NS = 1e9;

function flags(change: Partial<DashFlags> = {}): DashFlags {
  return { topology: 'grid:5x5', load: [], inject: [], seconds: 600, seed: 4, profile: 'mate', fault: [], bootSpread: 0, speed: 1, ...change };
}

function demo(change: Partial<DashFlags> = {}): NetworkSource {
  return new NetworkSource(sourceOptions(flags(change)));
}

describe('the network source', () => {
  it('shows the demo: v1 everywhere, then v2 injected at mote 0 at 5 s reaching every mote', () => {
    const s = demo();
    expect(s.capsuleName).toBe('cnt_to_leds (clock)');
    expect(s.injections()).toEqual([{ version: 2, mote: 0, at: 5 * NS, coveredAt: null }]);
    s.runUntil(4 * NS);
    expect(s.version(0)).toBe(1);
    expect(s.recentEvents()).toEqual([]);
    s.runUntil(60 * NS);
    for (let m = 0; m < 25; m++) expect(s.version(m)).toBe(2);
    const [v2] = s.injections();
    expect(v2.coveredAt).not.toBeNull();
    expect(v2.coveredAt).toBeGreaterThan(5 * NS);
    const installs = s.recentEvents().filter((e) => e.kind === 'install');
    // The injected mote installs it too.
    expect(installs).toHaveLength(25);
    // Coverage is complete at the last install of v2.
    expect(v2.coveredAt).toBe(installs[installs.length - 1].t);
    expect(s.recentEvents()[0]).toEqual({ t: 5 * NS, kind: 'inject', mote: 0, version: 2, detail: '' });
    expect(s.counters().transmissions).toBeGreaterThan(0);
    expect(s.energy(3)).toBeGreaterThan(0);
  });

  it('kills, reboots and marks a rebooted mote for a second, at once even while nothing runs', () => {
    const s = demo();
    s.runUntil(2 * NS);
    expect(s.kill(7)).toEqual({ ok: true, message: 'killed mote 7 (r reboots it)' });
    expect(s.status(7)).toBe('dead');
    expect(s.kill(7).ok).toBe(false);
    expect(s.reboot(7).ok).toBe(true);
    expect(s.status(7)).toBe('rebooting');
    s.runUntil(2 * NS + REBOOT_MARK_NS);
    expect(s.status(7)).toBe('alive');
    expect(s.version(7)).toBe(1);
    expect(s.recentEvents().map((e) => `${e.kind} ${e.mote}`)).toEqual(['crash 7', 'reboot 7']);
  });

  it('splits the network down the middle and heals it', () => {
    const s = demo();
    s.runUntil(NS);
    expect(s.togglePartition().message).toBe('network split in two halves (p heals it)');
    expect(s.partitioned()).toBe(true);
    expect(s.togglePartition().message).toBe('partition healed');
    expect(s.partitioned()).toBe(false);
    expect(s.recentEvents().map((e) => [e.kind, e.detail])).toEqual([
      ['partition', 'cut where x<20'],
      ['heal', ''],
    ]);
  });

  it('injects the next version at the selected mote, and refuses a dead one', () => {
    const s = demo();
    s.runUntil(NS);
    expect(s.inject(12)).toEqual({ ok: true, message: 'injected cnt_to_leds v3 at mote 12' });
    expect(s.version(12)).toBe(3);
    expect(s.injections().map((j) => [j.version, j.mote, j.at])).toEqual([
      [3, 12, NS],
      [2, 0, 5 * NS],
    ]);
    s.kill(4);
    expect(s.inject(4)).toEqual({ ok: false, message: 'mote 4 is down; select a live mote to inject at' });
  });

  it('details a mote: its capsules, VM contexts, energy by component and last packets', () => {
    const s = demo();
    s.runUntil(20 * NS);
    const d = s.detail(6);
    expect(d.capsules).toEqual([{ type: 'clock', name: 'cnt_to_leds', version: 2 }]);
    expect(d.stacks.map((c) => c.context)).toEqual(['clock', 'send', 'receive', 'once']);
    expect(d.energyByComponent.map((e) => e.component)).toEqual(['cpu', 'radio']);
    expect(d.lastPackets.length).toBeGreaterThan(0);
    for (const p of d.lastPackets) expect(p.t).toBeLessThanOrEqual(20 * NS);
  });

  it('shows motes waiting for their first boot as coming up, not dead', () => {
    const s = demo({ bootSpread: 2 });
    expect(s.status(0)).toBe('rebooting');
    s.runUntil(2 * NS);
    expect(s.status(0)).toBe('alive');
  });
});
