// The `tossim` radio model: TOSSIM 1.x's lossy bit-level radio as the Trickle paper ran it (SPEC 5, 8;
// sim/radio/README.md says what was taken from TinyOS 1.x and what was changed).
//
// LossyBuilder (tools/java/net/tinyos/sim/LossyBuilder.java, TopologyGenerator.java) writes a link for
// every ordered pair at most 50 ft apart (EmpiricalModel.getInterferenceRange), its packet loss drawn
// from Woo's table and turned into a bit error rate by EmpiricalModel.packetErrorToBitError: the loss in
// whole percent indexes a table, 0 loss gives 0, 100% loss gives 0.5 (noise: the link carries only
// garbled bits, but it still carries them). The pc platform's rfm_model.c (lossy_transmit) flips each
// bit of each link with that probability, and a receiver hears the OR of every transmission reaching it.
//
// Reception, bit by bit, integrated: a packet is the 9-bit start symbol and 36 SEC-DED code words
// (8 data bits, 13 parity, 5 of which check each data bit); it survives when the start symbol is clean
// and every word has no data-bit error, or one and no error in its 5 checking bits:
//   P = (1 - b)^9 x ((1 - b)^8 + 8 b (1 - b)^12)^36.
// Another transmission overlapping a locked frame ORs random bits into it: a 0 turns 1 half the time and
// half the bits are 0, so each overlapped bit takes an extra error with probability 1/4, and each code
// word it touches decodes with S(1 - (1 - b)(3/4)) instead of S(b). Two overlapped words leave about a
// 3% chance; a few bits at the edge of a frame usually do not matter. Hidden terminals corrupt receptions
// anywhere within 50 ft, including from senders whose own packets never get through.

import { EMPIRICAL_BER } from '../data/empirical-ber.js';
import { BIT_NS } from './airtime.js';

/** Pairs at most this far apart are linked, however lossy (EmpiricalModel.getInterferenceRange). */
export const TOSSIM_INTERFERENCE_FT = 50;
/** The bit error rate of a link that loses every packet: its bits are noise (packetErrorToBitError). */
export const NOISE_BER = 0.5;
export const START_SYMBOL_BITS = 9;
/** A full TOS_Msg: 36 bytes, each sent as one 3-byte SEC-DED code word (RadioEncoding, SecDedEncoding). */
export const CODE_WORDS = 36;
export const BITS_PER_WORD = 24;
/** Extra bit errors inside a stretch where another transmission overlaps (see the header). */
export const COLLISION_BIT_ERROR = 0.25;

/** EmpiricalModel.packetErrorToBitError: the bit error rate TOSSIM gave a link with this packet loss. */
export function bitErrorRate(packetLoss: number): number {
  if (packetLoss === 0) return 0;
  const percent = Math.trunc(packetLoss * 100);
  if (percent <= 0) return 0;
  if (percent >= 100) return NOISE_BER;
  return EMPIRICAL_BER[percent];
}

/** One SEC-DED code word decodes: no data-bit error, or one and none in the 5 parity bits that check it. */
export function codeWordSuccess(ber: number): number {
  const q = 1 - ber;
  return q ** 8 + 8 * ber * q ** 12;
}

/** A packet survives bit errors at rate `ber`: a clean start symbol and every code word decoded. */
export function packetSuccess(ber: number, words: number = CODE_WORDS): number {
  return (1 - ber) ** START_SYMBOL_BITS * codeWordSuccess(ber) ** words;
}

/** The bit error rate inside an overlapped stretch of a link whose own rate is `ber`. */
export function collidedBer(ber: number): number {
  return 1 - (1 - ber) * (1 - COLLISION_BIT_ERROR);
}

/** Code words touched by `overlapNs` of another transmission (at most all of them). */
export function overlappedWords(overlapNs: number): number {
  if (!(overlapNs > 0)) return 0;
  return Math.min(CODE_WORDS, Math.ceil(overlapNs / (BITS_PER_WORD * BIT_NS)));
}

/** How much `words` overlapped code words scale the link's packet success (1 when none are). */
export function overlapFactor(ber: number, words: number): number {
  if (words <= 0) return 1;
  const base = codeWordSuccess(ber);
  return base === 0 ? 0 : (codeWordSuccess(collidedBer(ber)) / base) ** words;
}

/**
 * The mica frame on the air (MicaHighSpeedRadioM, pc platform): 12 bytes of preamble and start symbol
 * (TOSH_MHSR_start), 36 bytes as 108 encoded bytes, 3 bytes of strength pulse, all at 40 kbps: 24.6 ms.
 */
export const TOSSIM_START_BYTES = 12;
export const TOSSIM_PULSE_BYTES = 3;
export const TOSSIM_AIRTIME_NS = (TOSSIM_START_BYTES + 3 * CODE_WORDS + TOSSIM_PULSE_BYTES) * 8 * BIT_NS;
