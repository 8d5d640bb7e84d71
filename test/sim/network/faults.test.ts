// Faults: the --fault syntax, and what each does to the network (crash, reboot, drain, partition and
// heal, link faults, a jamming radio, a seeded random schedule).

import { describe, expect, it } from 'vitest';
import { formatFault, parseFault, randomFaults, type Fault } from '../../../sim/network/faults.js';
import { capsule, clock, handler, network, SECOND } from './helpers.js';

const counter = capsule('.name cnt', '.capsule clock', '.version 3', 'gets', 'pushc 1', 'add', 'copy', 'sets', 'pushc 7', 'and', 'putled', 'halt');
const chatter = clock('pushm', 'clear', 'pushc 1', 'add', 'pushw 65535', 'sendr', 'halt');

function parsed(text: string, motes = 10): Fault {
  const r = parseFault(text, motes);
  if (!r.ok) throw new Error(r.error);
  return r.fault;
}

describe('the --fault syntax', () => {
  it('reads every kind and writes it back the same way', () => {
    for (const text of ['crash:3@30s', 'reboot:3@40s', 'drain:5@10s', 'jam:2@1s', 'link:3-4=0.2@5s', 'link:3>4=0@5s', 'partition:x<100@60s', 'partition:id>=5@1s', 'heal@90s']) {
      expect(formatFault(parsed(text))).toBe(text);
    }
  });

  it('takes ms, s, m, h and plain seconds', () => {
    expect(parsed('crash:1@500ms').at).toBe(5e8);
    expect(parsed('crash:1@2m').at).toBe(120e9);
    expect(parsed('crash:1@1h').at).toBe(3600e9);
    expect(parsed('crash:1@1.5').at).toBe(1.5e9);
  });

  it('rejects mistakes with one line naming the spec', () => {
    const errors = ['crash:3', 'crash:10@1s', 'crash:x@1s', 'boom:1@1s', 'link:1-1=0.5@1s', 'link:1-2=1.5@1s', 'partition:z<3@1s', 'heal:1@1s', 'crash:1@soon'].map(
      (text) => parseFault(text, 10),
    );
    for (const e of errors) {
      expect(e.ok).toBe(false);
      if (!e.ok) {
        expect(e.error).toMatch(/^--fault '[^']+': /);
        expect(e.error).not.toContain('\n');
      }
    }
  });
});

describe('reboot and crash', () => {
  it('keeps flash and loses RAM: the capsule survives, the shared counter starts over', () => {
    const { net, of } = network({ topology: 'line:1', capsules: [counter], faults: [{ at: 3.5 * SECOND, kind: 'reboot', mote: 0 }] });
    net.runUntil(3.2 * SECOND);
    expect(net.moteView(0).leds).toBe(3);
    net.runUntil(4.7 * SECOND);
    const view = net.moteView(0);
    expect(view.versions.clock).toBe(3);
    expect(view.leds).toBe(1); // counted 1, 2, 3, rebooted, then 1 again
    expect(view.vm?.shared.value).toBe(1);
    expect(of('reboot', 0)).toHaveLength(1);
    expect(of('install', 0)).toHaveLength(2); // at boot and again from flash at the reboot
  });

  it('stops a crashed mote until it reboots: it sends nothing, draws nothing and misses what its neighbour sends', () => {
    const { net, of } = network({
      topology: 'line:2',
      capsules: [chatter],
      faults: [
        { at: 1.5 * SECOND, kind: 'crash', mote: 1 },
        { at: 5.5 * SECOND, kind: 'reboot', mote: 1 },
      ],
    });
    net.runUntil(1.6 * SECOND);
    const joules = net.energy(1).joules;
    net.runUntil(5 * SECOND);
    expect(net.energy(1).joules).toBe(joules);
    expect(net.moteView(1).alive).toBe(false);
    expect(of('tx', 1).filter((r) => r.t > 1.5 * SECOND && r.t < 5.5 * SECOND)).toHaveLength(0);
    expect(of('missed', 1).length).toBeGreaterThan(0); // mote 0 keeps sending to a dead radio
    net.runUntil(8 * SECOND);
    expect(net.moteView(1).alive).toBe(true);
    expect(of('tx', 1).filter((r) => r.t > 5.5 * SECOND).length).toBeGreaterThan(0);
  });

  it('kills a drained mote for good: a later reboot does not bring it back', () => {
    const { net, of } = network({
      topology: 'line:1',
      capsules: [counter],
      faults: [
        { at: 2.5 * SECOND, kind: 'drain', mote: 0 },
        { at: 3.5 * SECOND, kind: 'reboot', mote: 0 },
      ],
    });
    net.runUntil(10 * SECOND);
    expect(of('death', 0)).toHaveLength(1);
    expect(net.moteView(0).dead).toBe(true);
    expect(net.moteView(0).alive).toBe(false);
    expect(of('led', 0).filter((r) => r.t > 2.5 * SECOND)).toHaveLength(0);
    expect(net.energy(0).remainingJoules).toBe(0);
  });
});

describe('links and partitions', () => {
  const listen = handler('receive', 'pushc 25', 'putled', 'halt');

  it('a partition stops every packet across it, and heal lets them through again', () => {
    const { net, records } = network({
      topology: 'line:4',
      spacing: 10,
      radio: 'perfect',
      range: 15,
      capsules: [chatter, listen],
      faults: [
        { at: 0, kind: 'partition', axis: 'x', op: '<', value: 15 },
        { at: 5.5 * SECOND, kind: 'heal' },
      ],
    });
    net.runUntil(10 * SECOND);
    const across = (r: { e: string; m?: number; from?: number | string }) =>
      r.e === 'rx' && ((r.m ?? 0) < 2) !== (Number(r.from) < 2);
    expect(records.filter((r) => across(r) && r.t < 5.5 * SECOND)).toHaveLength(0);
    expect(records.filter((r) => across(r) && r.t > 5.5 * SECOND).length).toBeGreaterThan(0);
  });

  it('a link set to 0 drops that direction only', () => {
    const { net, of } = network({
      topology: 'line:2',
      radio: 'perfect',
      capsules: [chatter],
      faults: [{ at: 0, kind: 'link', a: 0, b: 1, both: false, prr: 0 }],
    });
    net.runUntil(5 * SECOND);
    expect(of('rx', 1)).toHaveLength(0);
    expect(of('rx', 0).length).toBeGreaterThan(0);
  });

  it('a degraded link loses about its share of packets', () => {
    const { net } = network({
      topology: 'line:2',
      radio: 'disk',
      capsules: [chatter],
      faults: [{ at: 0, kind: 'link', a: 0, b: 1, both: true, prr: 0.3 }],
    });
    net.runUntil(200 * SECOND);
    const { receptions, lost } = net.stats;
    expect(receptions / (receptions + lost)).toBeGreaterThan(0.2);
    expect(receptions / (receptions + lost)).toBeLessThan(0.4);
  });

  it('a jamming radio keeps its neighbours from sending and draws 12 mA', () => {
    const { net } = network({ topology: 'line:2', capsules: [chatter], faults: [{ at: 0, kind: 'jam', mote: 0 }] });
    net.runUntil(5 * SECOND);
    expect(net.stats.transmissions).toBe(0);
    expect(net.world.ledger.currentOf(0, 1)).toBe(12_000);
  });
});

describe('random faults', () => {
  it('draws the same schedule for the same seed, within the run, and a different one for another seed', () => {
    const { net } = network({ topology: 'grid:10x10', spacing: 10, radio: 'disk' });
    const links = net.world.links;
    const a = randomFaults(5, links, 100 * SECOND);
    expect(randomFaults(5, links, 100 * SECOND)).toEqual(a);
    expect(randomFaults(6, links, 100 * SECOND)).not.toEqual(a);
    expect(a.length).toBeGreaterThanOrEqual(10);
    for (const f of a) expect(f.at).toBeGreaterThanOrEqual(0);
    for (const f of a) if (f.kind === 'crash') expect(f.at).toBeLessThan(100 * SECOND);
  });
});
