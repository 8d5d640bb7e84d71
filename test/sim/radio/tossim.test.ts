// The `tossim` radio (sim/radio/tossim.ts, tossim-radio.ts; SPEC 5) against hand-computed cases: the
// bit error table, the SEC-DED packet formula, which pairs are linked, and reception on the channel when
// a second transmission overlaps a frame by a known number of code words.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPIRICAL_BER } from '../../../sim/data/empirical-ber.js';
import { buildWorld } from '../../../sim/network/setup.js';
import { createNetwork, type Network } from '../../../sim/network/index.js';
import { startTransmission } from '../../../sim/network/channel.js';
import { enqueue, MAC_SENDING } from '../../../sim/network/mac.js';
import { AM } from '../../../sim/network/protocol.js';
import { BROADCAST } from '../../../sim/network/radio.js';
import { buildFromLinks, linkPrr } from '../../../sim/radio/link-table.js';
import { TOSSIM_MAC } from '../../../sim/radio/mac-timing.js';
import type { Radio } from '../../../sim/radio/models.js';
import {
  bitErrorRate, codeWordSuccess, NOISE_BER, overlapFactor, overlappedWords, packetSuccess, TOSSIM_AIRTIME_NS,
} from '../../../sim/radio/tossim.js';
import { TOSSIM_FAITHFUL } from '../../../sim/radio/tossim-radio.js';
import { parseTopologySpec } from '../../../sim/world/topology.js';
import { readFileSync } from 'node:fs';

describe('the bit error table', () => {
  it('holds the attributed CSV exactly', () => {
    const lines = readFileSync(new URL('../../../sim/data/empirical-ber.csv', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toMatch(/^# source: .*EmpiricalModel\.java/);
    expect(EMPIRICAL_BER).toEqual(lines.slice(2).map((l) => Number(l.split(',')[1])));
  });

  it('maps a packet loss to its whole percent, 0 to 0 and 100% to noise, as packetErrorToBitError did', () => {
    expect(bitErrorRate(0)).toBe(0);
    expect(bitErrorRate(0.0099)).toBe(0); // under 1%: truncated to 0
    expect(bitErrorRate(0.1)).toBe(0.005034);
    expect(bitErrorRate(0.109)).toBe(0.005034);
    expect(bitErrorRate(0.5)).toBe(0.015772);
    expect(bitErrorRate(0.999)).toBe(0.047195);
    expect(bitErrorRate(1)).toBe(NOISE_BER);
  });

  it('gives back the loss each entry was fitted to: 1 - P(b_i) = i% within half a percent', () => {
    for (let i = 1; i < 100; i++) expect(Math.abs(1 - packetSuccess(EMPIRICAL_BER[i]) - i / 100)).toBeLessThan(0.005);
  });
});

describe('SEC-DED reception', () => {
  it('decodes a code word with no data-bit error, or one and none in its five checking bits', () => {
    // b = 0.1: 0.9^8 + 8 x 0.1 x 0.9^12 = 0.430467 + 0.225942
    expect(codeWordSuccess(0.1)).toBeCloseTo(0.656411, 6);
    expect(codeWordSuccess(0)).toBe(1);
    // A packet: the 9-bit start symbol and 36 words; with no errors it always arrives.
    expect(packetSuccess(0)).toBe(1);
    expect(packetSuccess(0.1)).toBeCloseTo(0.9 ** 9 * (0.9 ** 8 + 0.8 * 0.9 ** 12) ** 36, 15);
  });

  it('charges each overlapped code word the collision bit error rate of 1/4', () => {
    // S(0.25) = 0.75^8 + 8 x 0.25 x 0.75^12 = 0.100113 + 0.063353
    expect(overlapFactor(0, 1)).toBeCloseTo(0.163466, 6);
    expect(overlapFactor(0, 2)).toBeCloseTo(0.163466 ** 2, 6);
    expect(overlapFactor(0.01, 0)).toBe(1);
    // b = 0.01 overlapped: 1 - 0.99 x 0.75 = 0.2575 per bit
    expect(overlapFactor(0.01, 1)).toBeCloseTo(codeWordSuccess(0.2575) / codeWordSuccess(0.01), 12);
  });

  it('counts the words an overlap touches: 24 bits of 25 us each, at most 36', () => {
    expect(overlappedWords(0)).toBe(0);
    expect(overlappedWords(1)).toBe(1);
    expect(overlappedWords(600_000)).toBe(1);
    expect(overlappedWords(600_001)).toBe(2);
    expect(overlappedWords(TOSSIM_AIRTIME_NS)).toBe(36);
  });

  it('puts a 24.6 ms frame on the air: 12 start bytes, 108 encoded bytes, 3 pulse bytes at 40 kbps', () => {
    expect(TOSSIM_AIRTIME_NS).toBe(123 * 8 * 25_000);
  });
});

describe('links', () => {
  const radioFor = (spacing: number, noise = true): Radio => {
    const w = buildWorld({ topology: 'line:2', spacing, radio: 'tossim', seed: 3, tossim: { ...TOSSIM_FAITHFUL, noise } });
    if (!w.ok) throw new Error(w.error);
    return w.radio;
  };

  it('links every pair at most 50 ft apart and none farther, as getInterferenceRange', () => {
    expect(radioFor(50).links.neighbours.length).toBe(2);
    expect(radioFor(50.5).links.neighbours.length).toBe(0);
  });

  it('keeps a pair whose draw loses everything as a noise link, unless noise is switched off', () => {
    const r = radioFor(45); // the 42 ft row and beyond: reception rate 0
    expect(Array.from(r.bitErrors ?? [])).toEqual([NOISE_BER, NOISE_BER]);
    expect(radioFor(45, false).links.neighbours.length).toBe(0);
  });

  it('rates a link by the packet success of its bit error rate, from the same draw as the empirical model', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(1000), (spacing, seed) => {
        const t = buildWorld({ topology: 'line:2', spacing, radio: 'tossim', seed });
        const e = buildWorld({ topology: 'line:2', spacing, radio: 'empirical', seed });
        if (!t.ok || !e.ok) throw new Error('world');
        const ber = (t.radio.bitErrors as Float32Array)[0];
        const drawn = linkPrr(e.radio.links, 0, 1);
        expect(ber).toBeCloseTo(bitErrorRate(1 - drawn), 6);
        if (ber < NOISE_BER) expect(t.radio.links.prr[0]).toBeCloseTo(packetSuccess(ber), 6);
      }),
      { numRuns: 50 },
    );
  });
});

/**
 * Three motes: 0 and 2 both reach 1 (bit error rates b01 and b21) and not each other (hidden terminals).
 * Each trial sends from 0 at 1 s and from 2 `offset` ns later, and reports whether 1 got 0's packet.
 */
function trial(seed: number, offsetNs: number, b01: number, b21: number, bitLevel = true): { received: boolean; net: Network } {
  const topology = parseTopologySpec('line:3', { spacing: 10, seed });
  if (!topology.ok) throw new Error(topology.error);
  const links = [
    { src: 0, dst: 1, prr: packetSuccess(b01) },
    { src: 2, dst: 1, prr: b21 >= NOISE_BER ? 1e-30 : packetSuccess(b21) },
  ];
  const table = buildFromLinks(3, links);
  if (!table.ok) throw new Error(table.error);
  const bitErrors = Float32Array.from([b01, b21]);
  const radio: Radio = { model: 'tossim', collisions: true, links: table.table, bitErrors, bitLevel, mac: TOSSIM_MAC, description: 'test' };
  const net = createNetwork({ topology: topology.topology, radio, seed });
  const send = (m: number, at: number): void => {
    net.runUntil(at);
    const w = net.world;
    w.now = at;
    w.mac[m] = MAC_SENDING; // straight onto the air: no backoff
    enqueue(w, m, AM.vm, BROADCAST, new Uint8Array(29), 29, 0);
    startTransmission(w, m);
  };
  const before = net.stats.receptions;
  send(0, 1e9);
  if (Number.isFinite(offsetNs)) send(2, 1e9 + offsetNs);
  net.runUntil(2e9);
  return { received: net.stats.receptions > before, net };
}

describe('reception on the channel', () => {
  const word = 600_000;

  it('delivers an error-free frame with nothing overlapping it, every time', () => {
    for (let seed = 1; seed <= 20; seed++) expect(trial(seed, Infinity, 0, 0).received).toBe(true);
  });

  it('loses a frame overlapped from its start symbol: a receiver locks only onto a quiet channel', () => {
    const { net } = trial(1, 0, 0, 0);
    expect(net.stats.receptions).toBe(0);
    expect(net.stats.collisions).toBe(2);
  });

  it('survives one overlapped code word about 16% of the time (S(1/4) = 0.1635), as the formula says', () => {
    // 2 starts one word before 0's last bit: 0's frame is corrupted in exactly one word; 2's is lost
    // outright (1 was locked onto 0 when it began).
    let got = 0;
    const n = 400;
    for (let seed = 1; seed <= n; seed++) {
      const { net } = trial(seed, TOSSIM_AIRTIME_NS - word, 0, 0);
      got += net.stats.receptions;
      expect(net.stats.receptions + net.stats.collisions).toBe(2);
    }
    const expected = overlapFactor(0, 1);
    expect(Math.abs(got / n - expected)).toBeLessThan(3 * Math.sqrt((expected * (1 - expected)) / n));
  });

  it('is corrupted just the same by a sender whose own packets never arrive (a noise link)', () => {
    let got = 0;
    for (let seed = 1; seed <= 50; seed++) got += trial(seed, TOSSIM_AIRTIME_NS - 5 * word, 0, NOISE_BER).net.stats.receptions;
    // Five overlapped words: 0.1635^5 = 1.2e-4, so in 50 trials essentially never; the noise itself is never received.
    expect(got).toBe(0);
  });

  it('lets the packet-level rule destroy any overlapped frame outright, even by a single bit', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { net } = trial(seed, TOSSIM_AIRTIME_NS - 25_000, 0, 0, false);
      expect(net.stats.receptions).toBe(0);
    }
  });
});
