// The reliable link layer: acknowledgements and retransmission make every directed link FIFO and
// exactly-once over lossy links; the plain layer, on the same links, loses packets.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Protocol, ProtocolHost } from '../../../sim/network/protocol.js';
import { parseTopologyFile } from '../../../sim/world/topology-file.js';
import type { Topology } from '../../../sim/world/topology.js';
import { network, SECOND } from './helpers.js';

const AM_TEST = 0x31;
const MESSAGES = 8;

/** Each mote broadcasts 0..MESSAGES-1 as fast as its queue takes them; `heard` records (receiver, sender, number). */
function numbered(heard: [number, number, number][]): (moteId: number) => Protocol {
  return () => {
    let next = 0;
    const payload = new Uint8Array(1);
    const push = (host: ProtocolHost): void => {
      while (next < MESSAGES) {
        payload[0] = next;
        if (!host.broadcast(AM_TEST, payload, 1)) break;
        next++;
      }
      if (next < MESSAGES) host.setTimer(host.now() + 0.05 * SECOND);
    };
    return {
      amTypes: [AM_TEST],
      boot: push,
      onTimer: push,
      onPacket: (host, _am, bytes, _length, source) => void heard.push([host.moteId, source, bytes[0]]),
      inject: () => undefined,
      forward: () => undefined,
    };
  };
}

function lossyPairs(n: number, rates: number[]): Topology {
  const lines: string[] = [];
  let r = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      lines.push(`link ${a} ${b} ${rates[r++ % rates.length]}`, `link ${b} ${a} ${rates[r++ % rates.length]}`);
    }
  }
  const parsed = parseTopologyFile(lines.join('\n'), 'pairs');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.topology;
}

function received(heard: [number, number, number][], to: number, from: number): number[] {
  return heard.filter(([v, u]) => v === to && u === from).map(([, , k]) => k);
}

describe('the reliable link layer', () => {
  it('delivers every message once and in order on every link, whatever the loss rates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, rates, seed) => {
          const heard: [number, number, number][] = [];
          const { net } = network({ topology: lossyPairs(n, rates), radio: 'file', linkLayer: 'reliable', protocol: numbered(heard), seed });
          net.runUntil(30 * SECOND);
          for (let v = 0; v < n; v++) {
            for (let u = 0; u < n; u++) {
              if (u !== v) expect(received(heard, v, u)).toEqual([...Array(MESSAGES).keys()]);
            }
          }
          expect(net.stats.giveUps).toBe(0);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('stays FIFO under the async timing model, where deliveries take arbitrary delays', () => {
    const heard: [number, number, number][] = [];
    const { net } = network({
      topology: lossyPairs(3, [0.7, 0.9]),
      radio: 'file',
      linkLayer: 'reliable',
      timing: 'async',
      asyncMaxDelayNs: 2 * SECOND,
      protocol: numbered(heard),
    });
    net.runUntil(40 * SECOND);
    for (const [v, u] of [[0, 1], [1, 0], [2, 0], [0, 2], [1, 2], [2, 1]]) {
      expect(received(heard, v, u)).toEqual([...Array(MESSAGES).keys()]);
    }
  });

  it('retransmits what the plain layer loses', () => {
    const topology = lossyPairs(3, [0.5]);
    const plain: [number, number, number][] = [];
    const reliable: [number, number, number][] = [];
    const a = network({ topology, radio: 'file', protocol: numbered(plain), seed: 4 });
    const b = network({ topology, radio: 'file', linkLayer: 'reliable', protocol: numbered(reliable), seed: 4 });
    a.net.runUntil(30 * SECOND);
    b.net.runUntil(30 * SECOND);
    expect(plain.length).toBeLessThan(3 * 2 * MESSAGES);
    expect(reliable.length).toBe(3 * 2 * MESSAGES);
    expect(b.net.stats.retransmissions).toBeGreaterThan(0);
    expect(b.net.stats.acks).toBeGreaterThan(0);
  });

  it('gives up on a crashed neighbour instead of blocking the sender', () => {
    const heard: [number, number, number][] = [];
    const { net } = network({
      topology: lossyPairs(3, [1]),
      radio: 'file',
      linkLayer: 'reliable',
      protocol: numbered(heard),
      faults: [{ at: 0, kind: 'crash', mote: 2 }],
    });
    net.runUntil(10 * SECOND);
    expect(received(heard, 1, 0)).toEqual([...Array(MESSAGES).keys()]);
    expect(received(heard, 0, 1)).toEqual([...Array(MESSAGES).keys()]);
  });
});
