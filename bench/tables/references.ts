// The published figures the benchmarks print beside their measurements, each with its source row in
// ../shared/SPEC.md. These are what we compare against, never what we report as measured.

/** SPEC 3, "TinyOS: More Performance Numbers" (seed): cycles. */
export const SEED_PRIMITIVES = {
  post: 10,
  contextSwitch: 51,
  interruptHardware: 9,
  interruptSoftware: 71,
  /** The seed's parts added: an interrupt (hardware + software), a post and the switch into it. */
  interrupt: 80,
  postAndSwitch: 61,
  byteCopy: 8,
  /** An upper bound: "< 160 cycles, < 40 us". */
  eventThroughStack: 160,
} as const;
export type Primitive = keyof typeof SEED_PRIMITIVES;
export const SEED_EVENT_MICROSECONDS = 40;

/** SPEC 7, Maté (ASPLOS 2002) per-operation table: reported Maté cycles and native cycles. */
export const MATE_PAPER: Readonly<Record<string, { mate: number; native: number; kind: string }>> = {
  and: { mate: 469, native: 14, kind: 'simple' },
  rand: { mate: 435, native: 45, kind: 'downcall' },
  sense: { mate: 1342, native: 396, kind: 'quick split-phase' },
  sendr: { mate: 685_000, native: 665_000, kind: 'long split-phase' },
};

/**
 * SPEC 7, the lean interpreter (avr-gcc switch dispatch, measured in simavr and avr8js): cycles per
 * bytecode, dispatch included. A branch's entry is [not taken, taken].
 */
export const SPEC_LEAN: Readonly<Record<string, number | readonly [number, number]>> = {
  pushc: 67, add: 77, sub: 77, and: 77, or: 77, not: 71, copy: 73, pop: 43, getvar: 71, setvar: 72,
  putled: 53, swap: 85, eq: 84, lt: 80, gt: 80, blez: [59, 68], jump: 49, rand: 74,
};

/** SPEC 4 and SPEC 1/2 (seed): the energy figures the emulator must reproduce. */
export const SEED_ENERGY = {
  /** "7 days at full blast" (the seed says 7-10); SPEC 4's arithmetic gives 7.15. */
  fullBlastDays: 7.15,
  fullBlastDaysRange: [7, 10] as const,
  /** Rene platform peak load, an upper bound. */
  peakMilliAmps: 20,
  /** "200 uA average lasts at least 1 year": 2850 mAh / 0.2 mA = 1.63 years. */
  budget200uAYears: 1.63,
  budgetMicroAmps: 200,
  /** Rene platform transmission cost; SPEC 4 allows 15%. */
  radioMicroJoulesPerBit: 1,
  radioTolerance: 0.15,
} as const;
