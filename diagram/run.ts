// A run as a space-time diagram sees it (the seed lecture's pictures of runs: one horizontal line
// per process, events as dots, messages as arrows from send to receive): the motes, their events in
// a linear extension of happened-before, the messages between them, crashes, and snapshot cuts.
// Built from either kind of trace (read.ts); drawn by svg.ts.

export type EventKind = 'send' | 'recv' | 'local';

export interface DiagramEvent {
  readonly mote: number;
  /** Ticks (rounds) for algorithm runs, seconds for `mote sim` traces. */
  readonly t: number;
  readonly kind: EventKind;
  /** A Lamport timestamp, where the algorithm keeps one. */
  readonly label?: string;
}

export interface DiagramMessage {
  /** Index of the send event. */
  readonly send: number;
  /** Index of the receive event; -1 when it never arrived. */
  readonly recv: number;
  readonly to: number;
  /** When a lost message was due (or was lost) at `to`. */
  readonly due: number;
  /** What kind of message, for its colour and the legend ("marker", "interest"...). */
  readonly cls: string;
}

export interface DiagramCut {
  readonly label: string;
  /** Index of the event at which each mote recorded its state, in mote order. */
  readonly events: readonly number[];
}

export interface DiagramRun {
  readonly title: string;
  readonly names: readonly string[];
  /** `sync`: lock-step rounds, drawn as bands; `async`: ticks; `continuous`: seconds. */
  readonly timing: 'sync' | 'async' | 'continuous';
  /** The last time in the run. */
  readonly end: number;
  readonly events: readonly DiagramEvent[];
  readonly messages: readonly DiagramMessage[];
  readonly crashes: readonly { readonly mote: number; readonly t: number }[];
  readonly cuts: readonly DiagramCut[];
}
