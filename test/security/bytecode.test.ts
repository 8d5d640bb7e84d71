// Hostile bytecode (issue 9): a capsule that loops for ever or recurses without end cannot starve the
// mote's other contexts or its radio. The VM runs in bounded slices between the mote's other tasks
// (sim/network/scheduler.ts) and round-robins its contexts one instruction at a time (vm/interpret.ts),
// so messages still reach the receive context and new code still arrives over Trickle and replaces the
// loop; runaway recursion traps with its capsule and pc.

import { describe, expect, it } from 'vitest';
import { verify } from '../../assembler/verify.js';
import { defaultTrickleParams } from '../../trickle/index.js';
import { createDissemination } from '../../sim/dissemination/index.js';
import { AM } from '../../sim/network/protocol.js';
import { BROADCAST } from '../../sim/network/radio.js';
import { deliver } from '../../sim/network/delivery.js';
import { createMoteSecurity } from '../../sim/security/index.js';
import { capsule, network, SECOND } from '../sim/network/helpers.js';
import { BASE, signed } from './keys.js';

const LOOP = signed(capsule('.name spin', '.capsule clock', '.version 1', 'top: pushc 0', 'blez top', 'halt'));
const ECHO = signed(capsule('.name echo', '.capsule receive', '.version 1', 'pushm', 'getms 0', 'putled', 'halt'));
const RECURSE = signed(capsule('.name deep', '.capsule sub0', '.version 1', 'call 0', 'ret'));
const CALLER = signed(capsule('.name caller', '.capsule once', '.version 1', 'call 0', 'halt'));
const FIX = signed(capsule('.name calm', '.capsule clock', '.version 2', 'pushc 1', 'putled', 'halt'));

function signedLine(capsules: ReturnType<typeof signed>[]): ReturnType<typeof network> {
  const d = createDissemination({ trickle: defaultTrickleParams, auth: createMoteSecurity({ publicKey: BASE.publicKey }), motes: 3 });
  return network({ topology: 'line:3', radio: 'disk', spacing: 10, range: 15, capsules, protocol: d.protocolFor, verify: (c) => verify(c).ok });
}

describe('runaway bytecode', () => {
  it('an endless loop in the clock context leaves the receive context answering every message within milliseconds', () => {
    const { net, of } = signedLine([LOOP, ECHO]);
    net.runUntil(3 * SECOND);
    const message = new Uint8Array(29);
    for (let i = 0; i < 5; i++) {
      const sent = net.now;
      message[0] = i + 1;
      deliver(net.world, 0, 1, 0, AM.vm, BROADCAST, message, 0, 2);
      net.runUntil(sent + 100e6);
      const answer = of('led', 1).find((r) => r.t >= sent && r.leds === ((i + 1) & 7));
      expect(answer, `message ${i}`).toBeDefined();
      expect((answer as { t: number }).t - sent).toBeLessThan(20e6);
    }
    expect(net.world.vms[1]?.ready).toBe(true); // still looping all along
  });

  it('an endless loop does not starve the radio: signed new code arrives over Trickle and replaces it', () => {
    const { net, of } = signedLine([LOOP]);
    net.inject(0, FIX, 5 * SECOND);
    net.runUntil(200 * SECOND);
    for (let m = 0; m < 3; m++) expect(net.moteView(m).versions.clock, `mote ${m}`).toBe(2);
    expect(of('install').filter((r) => r.capsule === 'calm')).toHaveLength(3);
    for (let m = 0; m < 3; m++) expect(net.world.vms[m]?.ready, `mote ${m} idle`).toBe(false);
  });

  it('recursion without end traps with the capsule and pc, and the mote goes on receiving', () => {
    const { net, of } = signedLine([RECURSE, CALLER, ECHO]);
    net.runUntil(2 * SECOND);
    const traps = of('trap', 1);
    expect(traps).toHaveLength(1);
    expect(traps[0]).toMatchObject({ capsule: 'deep', pc: 0, reason: 'return stack overflow' });
    const message = Uint8Array.of(5, 0);
    deliver(net.world, 0, 1, 0, AM.vm, BROADCAST, message, 0, 2);
    net.runUntil(net.now + 50e6);
    expect(of('led', 1).some((r) => (r.leds as number) === 5)).toBe(true);
  });
});
