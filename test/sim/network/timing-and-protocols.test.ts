// The timing models (SPEC 6) and the seam a protocol plugs into (sim/network/protocol.ts): boot on every
// power-up, its own packets, one timer, flash that survives reboots, installs into the VM, injection.

import { describe, expect, it } from 'vitest';
import { EVENT_PATH_NS, IDLE_WAKE_NS } from '../../../sim/network/cpu.js';
import type { Protocol, ProtocolHost } from '../../../sim/network/protocol.js';
import type { Capsule } from '../../../vm/capsule.js';
import { capsule, network, SECOND, type Spec } from './helpers.js';

const AM_TEST = 0x32;
const HANDLER_DELAY = IDLE_WAKE_NS + EVENT_PATH_NS;

interface Log {
  boots: [number, number][];
  packets: { to: number; from: number; at: number }[];
  injected: [number, string][];
}

/** Mote 0 broadcasts once a second; everyone logs what reaches it and when its handler ran. */
function probe(log: Log): (moteId: number) => Protocol {
  return (id) => ({
    amTypes: [AM_TEST],
    boot(host) {
      log.boots.push([id, host.now()]);
      if (id === 0) host.setTimer(host.now() + SECOND);
    },
    onTimer(host) {
      host.broadcast(AM_TEST, new Uint8Array([id]), 1);
      host.setTimer(host.now() + SECOND);
    },
    onPacket(host: ProtocolHost, _am, _payload, _length, source) {
      log.packets.push({ to: host.moteId, from: source, at: host.now() });
    },
    inject(host, c: Capsule) {
      log.injected.push([host.moteId, c.name]);
      host.install(c);
      host.note('installed', c.version);
    },
    forward: () => undefined,
  });
}

function run(spec: Spec, seconds: number): { log: Log; t: ReturnType<typeof network> } {
  const log: Log = { boots: [], packets: [], injected: [] };
  const t = network({ topology: 'clique:3', radio: 'perfect', protocol: probe(log), ...spec });
  t.net.runUntil(seconds * SECOND);
  return { log, t };
}

describe('timing models', () => {
  it('physical: the handler runs right after the last bit', () => {
    const { log, t } = run({}, 3.5);
    const rx = t.of('rx');
    expect(log.packets.length).toBe(rx.length);
    for (const [i, p] of log.packets.entries()) expect(p.at - rx[i].t).toBe(HANDLER_DELAY);
  });

  it('sync: packets reach their handlers at the next round boundary', () => {
    const round = 0.25 * SECOND;
    const { log } = run({ timing: 'sync', roundNs: round }, 5.5);
    expect(log.packets.length).toBeGreaterThan(0);
    for (const p of log.packets) expect((p.at - HANDLER_DELAY) % round).toBe(0);
  });

  it('async: each delivery is held back a seeded time below the bound', () => {
    const bound = 0.5 * SECOND;
    const { log, t } = run({ timing: 'async', asyncMaxDelayNs: bound }, 5.5);
    const rx = t.of('rx');
    const delays = log.packets.map((p) => p.at - HANDLER_DELAY - (rx.find((r) => r.m === p.to && r.t <= p.at && p.at - r.t < bound + HANDLER_DELAY)?.t ?? 0));
    expect(new Set(delays).size).toBeGreaterThan(1);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(bound);
    }
  });

  it('async with a scheduler: the adversary picks every delay', () => {
    const seen: number[] = [];
    const { log, t } = run(
      {
        timing: 'async',
        scheduler: (m) => {
          seen.push(m.to);
          return m.to === 2 ? 0.3 * SECOND : 0;
        },
      },
      3.5,
    );
    const rx = t.of('rx');
    expect(seen.length).toBe(rx.length);
    for (const p of log.packets) {
      const arrived = rx.filter((r) => r.m === p.to).map((r) => r.t);
      const extra = p.to === 2 ? 0.3 * SECOND : 0;
      expect(arrived).toContain(p.at - HANDLER_DELAY - extra);
    }
  });
});

describe('the protocol seam', () => {
  it('boots the protocol at power-up and again after a reboot, with flash still there', () => {
    const code = capsule('.name keep', '.capsule clock', '.version 9', 'halt');
    const { log, t } = run({ capsules: [code], faults: [{ at: 2 * SECOND, kind: 'reboot', mote: 1 }] }, 3);
    expect(log.boots.filter(([id]) => id === 1).map(([, at]) => at)).toEqual([0, 2 * SECOND]);
    expect(t.net.moteView(1).versions.clock).toBe(9);
    const host = t.net.world.hosts[1];
    expect(host?.stored(4)?.name).toBe('keep');
  });

  it('hands its own AM type only to the protocol, from the right sender', () => {
    const { log } = run({}, 2.5);
    expect(log.packets.map((p) => [p.to, p.from]).sort()).toEqual([
      [1, 0],
      [1, 0],
      [2, 0],
      [2, 0],
    ]);
  });

  it('routes an injection to the protocol, whose install reaches flash and the VM and whose note reaches the trace', () => {
    const code = capsule('.name fresh', '.capsule clock', '.version 2', 'pushc 2', 'putled', 'halt');
    const log: Log = { boots: [], packets: [], injected: [] };
    const t = network({ topology: 'clique:3', radio: 'perfect', protocol: probe(log) });
    t.net.inject(2, code, 0.5 * SECOND);
    t.net.runUntil(2 * SECOND);
    expect(log.injected).toEqual([[2, 'fresh']]);
    expect(t.net.moteView(2).versions.clock).toBe(2);
    expect(t.net.moteView(2).leds).toBe(2);
    expect(t.of('note', 2)).toEqual([expect.objectContaining({ note: 'installed', detail: 2 })]);
  });
});
