// Hostile and broken input (issue 5: "Never throw on any input"): random bytes under every AM type,
// mutated, truncated, oversized and replayed packets, fragments that do not add up, and nonsense
// handed to inject and forward. Nothing throws, and nothing that fails verification is installed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verify } from '../../../assembler/verify.js';
import { defaultTrickleParams, imaxOf } from '../../../trickle/index.js';
import { AM } from '../../../sim/network/protocol.js';
import { contentHash, encodeFragment, isNewer } from '../../../sim/dissemination/index.js';
import { CAPSULE_TYPES, PAYLOAD_BYTES, type Capsule } from '../../../vm/capsule.js';
import { capsule } from './capsules.js';
import { FakeNetwork, SECOND, clique, holds, line, type Packet } from './fake-network.js';
import { hearEdited, hearJunk, junkPackets, packetEdits } from './hostile-packets.js';

const params = { trickle: defaultTrickleParams };
const IMAX = imaxOf(defaultTrickleParams);

/** Every install verifies, has a known type, and moves its mote forward in the version order. */
function expectSaneInstalls(net: FakeNetwork): void {
  const last = new Map<string, Capsule>();
  for (const { mote, capsule: c } of net.installs) {
    expect(verify(c).ok).toBe(true);
    expect(CAPSULE_TYPES).toContain(c.type);
    const key = `${mote}/${c.type}`;
    const before = last.get(key);
    if (before !== undefined) expect(isNewer(c.version, contentHash(c.code), before.version, contentHash(before.code))).toBe(true);
    last.set(key, c);
  }
}

/** A settled 4-mote cell holding one extended capsule. */
function settled(): FakeNetwork {
  const net = new FakeNetwork({ n: 4, links: clique(4, 0.1), seed: 21, params });
  net.bootAll();
  net.inject(0, capsule(70, 5));
  net.runUntil(4 * IMAX);
  return net;
}

const junk = junkPackets([AM.summary, AM.capsule, AM.fragment, AM.request]);

describe('hostile packets', () => {
  it('never throw on random bytes under any AM type and any length, and install only code that verifies', () => {
    fc.assert(
      fc.property(junk, (packets) => {
        const net = settled();
        hearJunk(net, packets);
        net.runUntil(net.now + 2 * IMAX);
        expectSaneInstalls(net);
      }),
      { numRuns: 60 },
    );
  });

  it('never throw on valid packets mutated, truncated or lengthened, and install only code that verifies', () => {
    const base = settled();
    base.inject(1, capsule(20, 6, 1));
    base.runUntil(base.now + 2 * IMAX);
    const recorded = base.sent;
    fc.assert(
      fc.property(
        packetEdits,
        (edits) => {
          const net = settled();
          hearEdited(net, recorded, edits);
          net.runUntil(net.now + 2 * IMAX);
          expectSaneInstalls(net);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ignore replayed packets of older code: no mote goes back', () => {
    const net = new FakeNetwork({ n: 5, links: line(5, 0.1), seed: 13, params });
    net.bootAll();
    const v1 = capsule(15, 1);
    const v2 = capsule(100, 2, 3);
    net.inject(0, v1);
    net.runUntilCovered(v1, 300 * SECOND);
    const old: Packet[] = [...net.sent];
    net.inject(4, v2);
    expect(net.runUntilCovered(v2, net.now + 10 * IMAX)).not.toBeNull();
    const installs = net.installs.length;
    for (const p of old) for (const m of net.motes) net.hear(m.moteId, p.amType, p.bytes, p.bytes.length, p.from);
    net.runUntil(net.now + 5 * IMAX);
    expect(net.installs).toHaveLength(installs);
    for (const m of net.motes) expect(holds(m.flash, v2)).toBe(true);
  });

  it('never install fragments that do not add up to the code they name', () => {
    const net = settled();
    const real = capsule(60, 9);
    const forged = capsule(60, 9, 1);
    const hash = contentHash(real.code);
    const out = new Uint8Array(PAYLOAD_BYTES);
    // Pieces of `forged` under the name of `real`: each passes the decoder, the whole fails the hash.
    for (let i = 0; i < 3; i++) {
      const length = encodeFragment(out, 4, 9, hash, forged.code, i);
      net.hear(1, AM.fragment, out, length);
    }
    expect(net.installsAt(1).filter((i) => i.capsule.version === 9)).toHaveLength(0);
    expect(net.notes.some((n) => n.mote === 1 && n.event === 'reject')).toBe(true);
  });

  it('ignore packets before boot and payloads that are not byte arrays', () => {
    const net = new FakeNetwork({ n: 2, links: clique(2), seed: 1, params });
    const valid = new Uint8Array(PAYLOAD_BYTES);
    const length = encodeFragment(valid, 4, 1, 1, new Uint8Array(30), 0);
    net.hear(0, AM.fragment, valid, length);
    net.bootAll();
    net.hear(0, AM.summary, [1, 2, 3] as unknown as Uint8Array, 3);
    net.runUntil(10 * SECOND);
    expect(net.installs).toHaveLength(0);
    expect(net.sent.every((p) => p.amType === AM.summary)).toBe(true);
  });
});

describe('nonsense handed to inject and forward', () => {
  const bad: unknown[] = [
    null,
    undefined,
    42,
    {},
    { type: 'bogus', version: 1, name: 'x', code: new Uint8Array(1) },
    { type: 'clock', version: -1, name: 'x', code: new Uint8Array(1) },
    { type: 'clock', version: 2 ** 32, name: 'x', code: new Uint8Array(1) },
    { type: 'clock', version: 1.5, name: 'x', code: new Uint8Array(1) },
    { type: 'clock', version: NaN, name: 'x', code: new Uint8Array(1) },
    { type: 'clock', version: 1, name: 'x', code: new Uint8Array(129) },
    { type: 'clock', version: 1, name: 'x', code: [0] },
    { type: 'clock', version: 1, name: 7, code: new Uint8Array(1) },
  ];

  it('never throws and installs nothing', () => {
    const net = new FakeNetwork({ n: 2, links: clique(2), seed: 1, params });
    net.bootAll();
    const m = net.motes[0];
    for (const c of bad) m.protocol.inject(m, c as Capsule);
    for (const type of [-1, 8, 1e9, NaN, Infinity, 0.5]) m.protocol.forward(m, type);
    net.runUntil(10 * SECOND);
    expect(net.installs).toHaveLength(0);
    expect(net.notes.filter((n) => n.event === 'reject')).toHaveLength(bad.length);
  });
});
