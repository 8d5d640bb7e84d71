// The interface of the consensus capsules in capsules/flp/ (README there): their heap layout, the
// message [step, value], the configuration a mote is flashed with, and what a VM snapshot says about
// the mote. Everything the explorer knows about the protocol is here; the rules live in the capsules.

import type { Capsule } from '../../vm/capsule.js';
import type { VmSnapshot } from '../../vm/inspect.js';
import { configCapsule } from '../../sim/algo/config.js';

/** Heap words (capsules/flp/README.md). */
export const HEAP = {
  step: 0,
  value: 1,
  input: 2,
  started: 3,
  quorum: 4,
  motes: 5,
  decision: 6,
  /** Counts for steps s, s + 1, s + 2: zeros in bits 0-3, ones in 4-7, blanks in 8-11. */
  window: 7,
} as const;

/** Steps a mote counts ahead of its own (heap 7-9): a message further ahead would be dropped. */
export const WINDOW = 3;
/**
 * The explorer never lets a live mote run more than SKEW steps ahead of another live one, so every
 * message lands in its receiver's window and the configuration graph stays finite (README.md).
 */
export const SKEW = WINDOW - 1;
/** The value of a proposal for neither 0 nor 1 (Ben-Or's "?"). */
export const BLANK = 2;
/** A quorum no step reaches: in the synchronous model only the round's timeout ends a step. */
export const NO_QUORUM = 15;

export type Timing = 'async' | 'sync';

/** Mote i's configuration as a once capsule: its input, the quorum of its timing model and n. */
export function flpConfig(input: number, motes: number, timing: Timing): Capsule {
  const quorum = timing === 'async' ? motes - 1 : NO_QUORUM;
  return configCapsule([[HEAP.input, input], [HEAP.quorum, quorum], [HEAP.motes, motes]]);
}

/** What one mote's VM says about the protocol, read from its heap. */
export interface MoteView {
  readonly started: boolean;
  /** The step the mote is in (absolute: the explorer subtracts the smallest live one). */
  readonly step: number;
  /** The value it sent for its step: 0, 1 or BLANK. */
  readonly value: number;
  /** The input, until the mote starts (then the capsules clear it: it no longer matters). */
  readonly input: number;
  /** 0 or 1 once decided, else -1. */
  readonly decision: number;
  /** counts[k][v]: messages of value v counted for step + k, its own included. */
  readonly counts: readonly (readonly number[])[];
}

export function readMote(snapshot: VmSnapshot): MoteView {
  const word = (n: number): number => snapshot.heap[n].value;
  const counts = Array.from({ length: WINDOW }, (_, k) => {
    const packed = word(HEAP.window + k);
    return [packed & 15, (packed >> 4) & 15, (packed >> 8) & 15];
  });
  return {
    started: word(HEAP.started) !== 0,
    step: word(HEAP.step),
    value: word(HEAP.value),
    input: word(HEAP.input),
    decision: word(HEAP.decision) - 1,
    counts,
  };
}
