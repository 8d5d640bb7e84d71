// Signed code over Trickle (issue 9) on the dissemination test network: signed capsules spread and
// arrive signed; unsigned, wrongly signed or forged code installs nowhere, is counted, and is not asked
// for again; a forged fragment is dropped on arrival and cannot poison the copy being assembled.

import { describe, expect, it } from 'vitest';
import { defaultTrickleParams, imaxOf } from '../../trickle/index.js';
import { AM } from '../../sim/network/protocol.js';
import { contentHash, encodeFragment, encodeSignaturePiece } from '../../sim/dissemination/index.js';
import { createMoteSecurity, signatureOf, verifyCapsule, type MoteSecurity } from '../../sim/security/index.js';
import { CAPSULE_TYPES, MAX_VERSION, PAYLOAD_BYTES, type Capsule } from '../../vm/capsule.js';
import { capsule } from '../sim/dissemination/capsules.js';
import { FakeNetwork, SECOND, clique, holds, line } from '../sim/dissemination/fake-network.js';
import { BASE, ROGUE, signed } from './keys.js';

const IMAX = imaxOf(defaultTrickleParams);

function network(n: number, links: [number, number, number][], seed: number, compromised: number[] = []): { net: FakeNetwork; security: MoteSecurity } {
  const security = createMoteSecurity({ publicKey: BASE.publicKey, compromised });
  const net = new FakeNetwork({ n, links, seed, params: { trickle: defaultTrickleParams, auth: security } });
  net.bootAll();
  return { net, security };
}

/** Every install on an honest mote carries a signature that verifies under the base station's key. */
function expectOnlySignedInstalls(net: FakeNetwork, honest: (m: number) => boolean = () => true): void {
  for (const { mote, capsule: c } of net.installs) {
    if (!honest(mote)) continue;
    const s = signatureOf(c);
    expect(s !== undefined && verifyCapsule(BASE.publicKey, c, s), `mote ${mote} installed ${c.name}`).toBe(true);
  }
}

describe('signed code', () => {
  it('spreads classic and extended capsules over a lossy line, each install carrying a valid signature', () => {
    for (const length of [12, 128]) {
      const { net, security } = network(6, line(6, 0.2), 5);
      const c = signed(capsule(length, 3));
      net.inject(0, c);
      expect(net.runUntilCovered(c, 400 * SECOND), `${length} bytes`).not.toBeNull();
      expectOnlySignedInstalls(net);
      // Mote 0 checked the injection; each other mote one descriptor per install (a few lost races may add some).
      expect(security.counters.signatureChecks).toBeGreaterThanOrEqual(6);
      expect(security.counters.signatureFailures).toBe(0);
      expect(net.packets(AM.signature).length).toBeGreaterThanOrEqual(5 * (length <= 24 ? 4 : 6));
    }
  });

  it('refuses injected code that is unsigned or signed by another key, and keeps the code it runs', () => {
    const { net, security } = network(3, clique(3), 2);
    const good = signed(capsule(30, 1));
    net.inject(0, good);
    net.runUntil(60 * SECOND);
    net.inject(0, capsule(30, 2, 1));
    net.inject(0, signed(capsule(30, 3, 2), ROGUE));
    net.runUntil(net.now + 4 * IMAX);
    for (const m of net.motes) expect(holds(m.flash, good)).toBe(true);
    expect(net.installs.every((i) => i.capsule.version === 1)).toBe(true);
    expect(security.counters.signatureFailures).toBe(2);
    expect(net.notes.filter((n) => n.event === 'reject')).toHaveLength(2);
  });

  it('lets a rogue mote with the highest version install nowhere, while legitimate updates still spread', () => {
    const { net, security } = network(5, line(5, 0.1), 9, [4]);
    const v1 = signed(capsule(60, 1));
    net.inject(0, v1);
    expect(net.runUntilCovered(v1, 300 * SECOND)).not.toBeNull();
    const rogue = signed({ ...capsule(20, MAX_VERSION, 9), name: 'rogue' }, ROGUE);
    net.inject(4, rogue);
    net.runUntil(net.now + 3 * IMAX);
    const v2 = signed(capsule(90, 2, 4));
    net.inject(0, v2);
    net.runUntil(net.now + 6 * IMAX);
    for (const m of net.motes.slice(0, 4)) expect(holds(m.flash, v2), `mote ${m.moteId}`).toBe(true);
    expect(holds(net.motes[4].flash, rogue)).toBe(true);
    expect(net.installs.filter((i) => i.capsule.version === MAX_VERSION).map((i) => i.mote)).toEqual([4]);
    expectOnlySignedInstalls(net, (m) => m !== 4);
    // Mote 3, the rogue's neighbour, checked the rogue descriptor once: fetched again after its hold-off,
    // the same descriptor is dropped unchecked.
    expect(security.counters.rejectionsByMote[3]).toBe(1);
    expect(net.notes.filter((n) => n.mote === 3 && n.event === 'reject').length).toBeGreaterThanOrEqual(1);
  });

  it('drops a forged fragment on arrival and still assembles the real code', () => {
    const { net, security } = network(2, clique(2), 3);
    const real = signed(capsule(100, 7));
    const forged = capsule(100, 7, 1);
    const hash = contentHash(real.code);
    const type = CAPSULE_TYPES.indexOf(real.type);
    const descriptor = security.descriptorOf(real) as Uint8Array;
    const out = new Uint8Array(PAYLOAD_BYTES);
    // The descriptor first, then a forged piece 2 under the real name, then the real pieces.
    for (let i = 0; i < 6; i++) net.hear(1, AM.signature, out, encodeSignaturePiece(out, type, 7, hash, 100, descriptor, i));
    net.hear(1, AM.fragment, out, encodeFragment(out, type, 7, hash, forged.code, 2));
    expect(security.counters.pieceFailures).toBe(1);
    for (let i = 0; i < 5; i++) net.hear(1, AM.fragment, out, encodeFragment(out, type, 7, hash, real.code, i));
    expect(holds(net.motes[1].flash, real)).toBe(true);
    expect(net.notes.filter((n) => n.event === 'forged')).toEqual([{ mote: 1, event: 'forged', detail: 2 }]);
    expectOnlySignedInstalls(net);
  });

  it('takes no piece of code before its descriptor has verified', () => {
    const { net } = network(2, clique(2), 4);
    const real = signed(capsule(60, 2));
    const type = CAPSULE_TYPES.indexOf(real.type);
    const out = new Uint8Array(PAYLOAD_BYTES);
    for (let i = 0; i < 3; i++) net.hear(1, AM.fragment, out, encodeFragment(out, type, 2, contentHash(real.code), real.code, i));
    expect(net.installs).toHaveLength(0);
  });

  it('checks a descriptor signed by another key once, and asks for that capsule again ever more rarely', () => {
    const { net, security } = network(2, clique(2), 6, [0]);
    const rogue = signed(capsule(40, 9), ROGUE);
    net.inject(0, rogue);
    net.runUntil(40 * IMAX);
    expect(net.installsAt(1)).toHaveLength(0);
    expect(security.counters.signatureChecks).toBe(1); // mote 1's one check (a compromised mote checks nothing)
    expect(security.counters.rejectionsByMote[1]).toBe(1);
    // Requests come in bursts, one per attempt; the hold-off between attempts doubles from one Imax.
    const starts: number[] = [];
    for (const p of net.packets(AM.request, 1)) if (starts.length === 0 || p.time - starts[starts.length - 1] > IMAX / 2) starts.push(p.time);
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.length).toBeLessThanOrEqual(7);
    for (let i = 2; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(starts[i - 1] - starts[i - 2]);
  });

  it('recovers a legitimate capsule whose descriptor a forger poisoned with one bad signature piece', () => {
    const { net, security } = network(2, clique(2), 11);
    const real = signed(capsule(60, 3));
    const type = CAPSULE_TYPES.indexOf(real.type);
    const hash = contentHash(real.code);
    const out = new Uint8Array(PAYLOAD_BYTES);
    const poisoned = (security.descriptorOf(real) as Uint8Array).slice();
    poisoned[70] ^= 1;
    // The forger's piece 3 arrives first; mote 1 then hears mote 0's honest summary and fetches the rest.
    net.hear(1, AM.signature, out, encodeSignaturePiece(out, type, 3, hash, 60, poisoned, 3));
    net.motes[0].protocol.inject(net.motes[0], real);
    expect(net.runUntilCovered(real, 20 * IMAX)).not.toBeNull();
    expect(security.counters.rejectionsByMote[1]).toBe(1);
    expectOnlySignedInstalls(net);
  });

  it('does not serve code it holds no signature for', () => {
    const { net } = network(2, clique(2), 8);
    // Flash written behind the protocol's back (an unsigned --load): mote 0 advertises it but cannot send it.
    const unsigned: Capsule = capsule(30, 4);
    net.motes[0].flash.set(CAPSULE_TYPES.indexOf(unsigned.type), unsigned);
    net.motes[0].protocol.boot(net.motes[0]);
    net.runUntil(5 * IMAX);
    expect(net.installsAt(1)).toHaveLength(0);
    expect(net.packets(AM.fragment, 0)).toHaveLength(0);
  });
});
