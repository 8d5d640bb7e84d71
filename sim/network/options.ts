// What a network is made of and how it behaves: the options of createNetwork, with their defaults.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import type { Radio } from '../radio/models.js';
import type { Topology } from '../world/topology.js';
import type { Protocol } from './protocol.js';
import type { SensorPower } from './sensors.js';
import type { SensorSignal } from './signal.js';
import type { Fault } from './faults.js';
import type { TraceRecord } from './trace.js';

/**
 * Timing models (SPEC 6). `physical`: packets arrive when their last bit does. `sync`: lock-step
 * rounds; a packet is handed to the stack at the first round boundary after it arrives, so every
 * message sent in a round is delivered by the start of the next (bounded delay). `async`: each delivery
 * is held back by an arbitrary delay, seeded from the receiver's stream or chosen by `scheduler`.
 */
export type Timing = 'physical' | 'sync' | 'async';
export const TIMINGS: readonly Timing[] = ['physical', 'sync', 'async'];

/** `reliable`: stop-and-wait acknowledgement and retransmission per directed link, FIFO, no duplicates. */
export type LinkLayer = 'plain' | 'reliable';
export const LINK_LAYERS: readonly LinkLayer[] = ['plain', 'reliable'];

/** `listen`: the radio listens whenever it is not sending (TinyOS 1.x on mica). `off`: it powers up only
 * to send (30 ms start-up each time) and hears nothing; the CPU can then suspend between events. */
export type RadioIdle = 'listen' | 'off';

/** A delivery the async scheduler may delay. */
export interface MessageInfo {
  readonly from: number;
  readonly to: number;
  readonly amType: number;
  /** When the last bit arrived (ns). */
  readonly arrivedAt: number;
}

export interface NetworkOptions {
  readonly topology: Topology;
  readonly radio: Radio;
  readonly seed: number;
  /** VM cost profile, default `mate`. */
  readonly profile?: CostProfile;
  /** Motes that run the VM as AVR machine code on avr8js (sim/avr/), or 'all'; the rest are abstract. */
  readonly avrMotes?: readonly number[] | 'all';
  /** Written to every mote's flash before boot and installed at boot (`mote sim --load`). */
  readonly capsules?: readonly Capsule[];
  /** The network protocol of each mote (Trickle dissemination), if any. */
  readonly protocol?: (moteId: number) => Protocol;
  /** Checks a capsule before a protocol stores it (the assembler's verifier); default: accept. */
  readonly verify?: (capsule: Capsule) => boolean;
  readonly radioIdle?: RadioIdle;
  readonly sensorPower?: SensorPower;
  /** What sensors read; default the seeded signal (sim/mote/signal.ts). */
  readonly signal?: SensorSignal;
  /** Preamble bytes before each packet (SPEC 5), default 0. */
  readonly preambleBytes?: number;
  readonly linkLayer?: LinkLayer;
  /** Reliable link layer: transmissions of one packet before it gives up on a neighbour, default 64. */
  readonly maxTries?: number;
  readonly timing?: Timing;
  /** Round length for `sync`, default 1 s. */
  readonly roundNs?: number;
  /** Largest extra delay for `async`, default 1 s. */
  readonly asyncMaxDelayNs?: number;
  /** An adversarial scheduler for `async`: the extra delay (ns, >= 0) of each delivery. */
  readonly scheduler?: (message: MessageInfo) => number;
  readonly faults?: readonly Fault[];
  /** Battery capacity per mote in uJ, default 2850 mAh at 3 V. */
  readonly batteryMicroJoules?: number;
  /** Motes boot at seeded times uniform in [0, bootSpreadNs), default 0 (all at once). */
  readonly bootSpreadNs?: number;
  /** Receives every trace record (the CBOR trace file, the dashboard). */
  readonly onEvent?: (record: TraceRecord) => void;
}

/** Counters, network-wide. */
export interface Stats {
  events: number;
  transmissions: number;
  /** Packets received intact (every receiver counts). */
  receptions: number;
  /** Receptions destroyed by overlapping transmissions at the receiver. */
  collisions: number;
  /** Receptions lost to the link's loss rate. */
  lost: number;
  /** Receptions a receiver missed because its radio was off, starting or sending. */
  missed: number;
  /** Sends refused because the send queue was full (the VM retries). */
  queueFull: number;
  retransmissions: number;
  acks: number;
  /** Reliable link layer: neighbours given up on after maxTries. */
  giveUps: number;
  /** Routed messages that reached the base station (mote 0). */
  delivered: number;
  /** Routed sends from motes with no route to the base station. */
  unroutable: number;
  ledChanges: number;
  traps: number;
  installs: number;
  senses: number;
  /** Clock tasks run, and timer firings that found one still waiting (an interrupt and nothing more). */
  clockTasks: number;
  clockOverruns: number;
  /** VM slices run as tasks the VM posted for itself (sim/mote/scheduler.ts). */
  vmContinuations: number;
  /** Packets for the VM dropped because the receive queue was full (sim/network/receive-queue.ts). */
  receiveDrops: number;
  crashes: number;
  reboots: number;
  deaths: number;
}

export function emptyStats(): Stats {
  return {
    events: 0, transmissions: 0, receptions: 0, collisions: 0, lost: 0, missed: 0, queueFull: 0,
    retransmissions: 0, acks: 0, giveUps: 0, delivered: 0, unroutable: 0, ledChanges: 0, traps: 0,
    installs: 0, senses: 0, clockTasks: 0, clockOverruns: 0, vmContinuations: 0, receiveDrops: 0, crashes: 0, reboots: 0, deaths: 0,
  };
}
