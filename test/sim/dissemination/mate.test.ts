// Maté's answering rule (`propagation: 'mate'`, sim/dissemination/engine.ts; TinyOS 1.x MVirus.nc)
// against our default (rfc6206), on hand-delivered packets: who resets its timer on older news, when the
// capsule goes out, how many copies heard cancel it, and what a mote hearing newer news sends.

import { describe, expect, it } from 'vitest';
import { defaultTrickleParams, imaxOf } from '../../../trickle/index.js';
import { AM } from '../../../sim/network/protocol.js';
import { CAPSULE_TYPE_COUNT, DEFAULT_JITTER_NS, encodeCapsule, encodeSummary, vectorDigest, type Propagation } from '../../../sim/dissemination/index.js';
import { CAPSULE_TYPES, PAYLOAD_BYTES } from '../../../vm/capsule.js';
import { capsule } from './capsules.js';
import { AIRTIME_NS, FakeNetwork, SECOND } from './fake-network.js';

const IMAX = imaxOf(defaultTrickleParams);
const IMIN = defaultTrickleParams.imin;
const REPLY = SECOND;
const code = capsule(12, 2);

/** Two motes with no links (every packet is handed over by the test); mote 0 holds `code`, settled at Imax. */
function settled(propagation: Propagation): FakeNetwork {
  const net = new FakeNetwork({ n: 2, links: [], seed: 7, params: { trickle: defaultTrickleParams, replyDelay: REPLY, propagation } });
  net.bootAll();
  net.runUntil(SECOND);
  net.inject(0, code);
  net.runUntil(10 * IMAX);
  return net;
}

/** The summary of a mote holding nothing: older than anything. */
function emptySummary(): { bytes: Uint8Array; length: number } {
  const versions = new Uint32Array(CAPSULE_TYPE_COUNT);
  const hashes = new Uint16Array(CAPSULE_TYPE_COUNT);
  const bytes = new Uint8Array(PAYLOAD_BYTES);
  return { bytes, length: encodeSummary(bytes, 0, vectorDigest(versions, hashes), versions, hashes, 0) };
}

/** A copy of `code` as a neighbour would broadcast it. */
function copyOfCode(): { bytes: Uint8Array; length: number } {
  const bytes = new Uint8Array(PAYLOAD_BYTES);
  return { bytes, length: encodeCapsule(bytes, CAPSULE_TYPES.indexOf(code.type), code.version, code.code) };
}

function capsulesSentAfter(net: FakeNetwork, t: number): number[] {
  return net.packets(AM.capsule, 0).filter((p) => p.time > t).map((p) => p.time);
}

describe("Maté's answering rule", () => {
  it('answers an older summary replyDelay later without touching its own timer, where rfc6206 resets it to tau_l', () => {
    for (const propagation of ['mate', 'rfc6206'] as const) {
      const net = settled(propagation);
      expect(net.dissemination.trickleOf(0)?.i).toBe(IMAX);
      const heardAt = net.now;
      const s = emptySummary();
      net.hear(0, AM.summary, s.bytes, s.length, 1);
      expect(net.dissemination.trickleOf(0)?.i).toBe(propagation === 'mate' ? IMAX : IMIN);
      net.runUntil(heardAt + 3 * SECOND);
      const sent = capsulesSentAfter(net, heardAt);
      expect(sent).toHaveLength(1);
      expect(sent[0] - heardAt).toBeGreaterThanOrEqual(REPLY);
      expect(sent[0] - heardAt).toBeLessThan(REPLY + DEFAULT_JITTER_NS);
    }
  });

  it('drops its answer once two copies of the code were heard (MVIRUS_CAPSULE_REDUNDANCY), where rfc6206 drops it after one', () => {
    const cases: [Propagation, number, number][] = [
      ['mate', 1, 1],
      ['mate', 2, 0],
      ['rfc6206', 1, 0],
    ];
    for (const [propagation, copies, expected] of cases) {
      const net = settled(propagation);
      const heardAt = net.now;
      const s = emptySummary();
      net.hear(0, AM.summary, s.bytes, s.length, 1);
      const c = copyOfCode();
      for (let i = 0; i < copies; i++) net.hear(0, AM.capsule, c.bytes, c.length, 1);
      net.runUntil(heardAt + 3 * SECOND);
      expect(capsulesSentAfter(net, heardAt), `${propagation}, ${copies} heard`).toHaveLength(expected);
    }
  });

  it('asks for nothing on newer news: its own older summary goes at t in [tau_l/2, tau_l), where rfc6206 sends a request replyDelay later', () => {
    for (const propagation of ['mate', 'rfc6206'] as const) {
      const net = settled(propagation);
      // Mote 1 (empty) hears mote 0's newer summary, handed over from the packets mote 0 sent.
      const summary = net.packets(AM.summary, 0).at(-1);
      if (summary === undefined) throw new Error('mote 0 sent no summary');
      const heardAt = net.now;
      net.hear(1, AM.summary, summary.bytes, summary.bytes.length, 0);
      expect(net.dissemination.trickleOf(1)?.i).toBe(IMIN); // newer news resets the timer either way
      net.runUntil(heardAt + 2 * IMIN); // past the first interval, before the second's t
      const requests = net.packets(AM.request, 1).filter((p) => p.time > heardAt);
      const summaries = net.packets(AM.summary, 1).filter((p) => p.time > heardAt);
      if (propagation === 'mate') {
        expect(requests).toHaveLength(0);
        expect(summaries).toHaveLength(1);
        expect(summaries[0].time - heardAt).toBeGreaterThanOrEqual(IMIN / 2);
        expect(summaries[0].time - heardAt).toBeLessThan(IMIN);
      } else {
        expect(requests).toHaveLength(1);
        expect(requests[0].time - heardAt).toBeGreaterThanOrEqual(REPLY);
        expect(requests[0].time - heardAt).toBeLessThan(REPLY + DEFAULT_JITTER_NS + AIRTIME_NS);
      }
    }
  });
});
