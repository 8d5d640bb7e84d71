// What the dashboard reads from a running simulation and the few things it may ask of it (issue 7).
// The view never reaches past this interface into the simulator, and the simulator never imports it:
// cli/dash/network-source.ts adapts the network to it. Times are simulated nanoseconds, energy microjoules.

export type MoteStatus = 'alive' | 'dead' | 'rebooting';

export interface DashTopology {
  readonly n: number;
  /** Positions in feet (all 0 when `positioned` is false: the map then lays motes out by id). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly positioned: boolean;
  /** One line for humans, e.g. "grid 20x20, 10 ft spacing". */
  readonly description: string;
}

/** One version of the spreading capsule given to one mote by the base station. */
export interface Injection {
  readonly version: number;
  readonly mote: number;
  /** When it is (or was) injected; later than now() while it is only scheduled. */
  readonly at: number;
  /** When the last live mote installed it or a newer version; null until then. */
  readonly coveredAt: number | null;
}

export type NotableKind = 'inject' | 'install' | 'trap' | 'crash' | 'reboot' | 'partition' | 'heal';

export interface NotableEvent {
  readonly t: number;
  readonly kind: NotableKind;
  /** The mote it happened at; -1 for the whole network (partition, heal). */
  readonly mote: number;
  /** The capsule version it concerns (inject, install), else 0. */
  readonly version: number;
  /** Extra words for the log, e.g. a trap's reason; may be empty. */
  readonly detail: string;
}

export interface PacketRecord {
  readonly t: number;
  readonly direction: 'tx' | 'rx';
  readonly amType: number;
  /** The sender for rx; -1 (broadcast) or the addressee for tx. */
  readonly peer: number;
  readonly length: number;
}

/** What enter shows about one mote; read only while the detail is open. */
export interface MoteDetail {
  readonly capsules: readonly { readonly type: string; readonly name: string; readonly version: number }[];
  /** One row per execution context: its state and operand stack, bottom first, as the VM trace prints operands. */
  readonly stacks: readonly { readonly context: string; readonly state: string; readonly operands: readonly string[] }[];
  readonly energyByComponent: readonly { readonly component: string; readonly microJoules: number }[];
  /** Newest last. */
  readonly lastPackets: readonly PacketRecord[];
}

/** A key's answer, shown on the status line. */
export interface ActionResult {
  readonly ok: boolean;
  readonly message: string;
}

/** The only ways the dashboard changes the simulation; each acts at the source's current time. */
export interface SimControls {
  /** Injects the next version of the spreading capsule at the mote. */
  inject(mote: number): ActionResult;
  kill(mote: number): ActionResult;
  reboot(mote: number): ActionResult;
  /** Splits the network in two halves, or heals it when it is split. */
  togglePartition(): ActionResult;
}

export interface DashSource extends SimControls {
  readonly topology: DashTopology;
  readonly seed: number;
  /** What is spreading, e.g. "cnt_to_leds (clock)". */
  readonly capsuleName: string;
  /** Simulated time in ns. */
  now(): number;
  /** Advances the simulation to `ns` (never backwards). */
  runUntil(ns: number): void;
  /** Events processed and packets transmitted since the start. */
  counters(): { readonly events: number; readonly transmissions: number };
  /** Installed version of the spreading capsule at the mote, 0 when it has none. */
  version(mote: number): number;
  status(mote: number): MoteStatus;
  /** Whether the mote is an AVR mote: the VM's firmware on avr8js (--avr-motes), not the abstract VM. */
  avr(mote: number): boolean;
  /** Whether the mote's radio is sending a packet right now. */
  transmitting(mote: number): boolean;
  /** LED bits: red 1, green 2, yellow 4. */
  leds(mote: number): number;
  /** Microjoules the mote has spent since the start. */
  energy(mote: number): number;
  /** Every injection so far and every scheduled one, in order of `at`. */
  injections(): readonly Injection[];
  /** The most recent notable events, oldest first (the source bounds how many it keeps). */
  recentEvents(): readonly NotableEvent[];
  partitioned(): boolean;
  detail(mote: number): MoteDetail;
}
