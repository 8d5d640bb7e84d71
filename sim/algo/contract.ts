// What an algorithm folder declares (issue 17): capsules/<name>/index.ts (or a user's folder's
// index.js) exports `algorithm`, an AlgorithmDefinition. Its driver sets runs up on the tick network
// (`tick`) and, optionally, on the full emulator (`full`): inputs, crashes, when the run is done; its
// oracle's failures come back in the AlgoReport. `mote algo`, the figures tables and the diagrams read
// everything else they need from here: the default layout, the timing drawn, the message classes.
// The kit hands a folder outside the project the simulator's pieces without importing our paths.

import type { Capsule } from '../../vm/capsule.js';
import type { CostProfile } from '../../vm/opcodes.js';
import { namedStream } from '../core/rng.js';
import type { Topology } from '../world/topology.js';
import { configCapsule } from './config.js';
import { FullRun } from './full/emulator.js';
import { perfectRadio, ringRadio } from './full/radio.js';
import { adjacency, components, diameter, hops, ring, type Adjacency } from './graph.js';
import { faultFailures, measure, verdict, type AlgoReport } from './report.js';
import { TickNetwork, type NetMessage, type TraceEvent } from './tick-network.js';

/** The `mote algo` flags a driver may read; each folder declares the ones it takes (AlgorithmDefinition.flags). */
export interface AlgoFlags {
  readonly timing: 'sync' | 'async';
  readonly steps?: number;
  readonly f: number;
  readonly crashes?: { readonly kind: 'random' | 'chain'; readonly count?: number };
  readonly values: number;
  readonly ringOrder: 'best' | 'worst' | 'random';
  readonly snapshots: number;
  readonly beaconPeriod?: number;
  readonly fail?: number;
  readonly failAt?: number;
  readonly readingPeriod?: number;
  readonly epochs?: number;
  readonly sources?: number;
  readonly threshold?: number;
  readonly interval?: number;
  readonly interestPeriod?: number;
  readonly allowDisconnected?: boolean;
}

/** A request the algorithm cannot run (a flag out of its range): `mote algo` prints the message and exits 1. */
export class AlgoInputError extends Error {}

/** The simulator's pieces a driver builds a run from. */
export const kit = { AlgoInputError, TickNetwork, FullRun, configCapsule, measure, verdict, faultFailures, namedStream, adjacency, ring, hops, diameter, components, perfectRadio, ringRadio };
export type Kit = typeof kit;

export interface RunRequest {
  readonly topology: Topology;
  /** Who hears whom within the radio range (the tick network's links). */
  readonly out: () => Adjacency;
  readonly rangeFt: number;
  /** The folder's capsules (plus `before`), or --capsules DIR's. */
  readonly capsules: readonly Capsule[];
  readonly seed: number;
  readonly profile: CostProfile;
  readonly flags: AlgoFlags;
  /** For `full`: the motes that run the firmware on avr8js, or 'all' (--avr-motes); the driver passes it to FullRun. */
  readonly avrMotes?: readonly number[] | 'all';
  /** Handed the tick network as soon as it exists (a diagram records from it). */
  readonly observe?: (net: TickNetwork) => void;
  /** Capsule sources of another shipped folder, by file name (a baseline borrowed from another algorithm). */
  readonly capsulesOf: (folder: string, files: readonly string[]) => Capsule[];
  readonly kit: Kit;
}

export interface AlgorithmDefinition {
  readonly name: string;
  /** One line for `mote algo --help`. */
  readonly summary?: string;
  /** Its place in listings, the lecture's order: `mote algo` names a flag's users in this order (then by name). */
  readonly order?: number;
  /** The layout when --topology is not given, e.g. `grid:5x5`. */
  readonly defaultTopology: string;
  /** `count`: the run takes only the layout's mote count (a ring, one cell), so random layouts are not redrawn and --range does not apply. */
  readonly layout?: 'graph' | 'count';
  /** With layout `count`: what the mote count stands for, for `mote algo`'s messages ('a ring'). */
  readonly shape?: string;
  /**
   * The `mote algo` flags its driver reads, each with what it means here for `mote algo --help` ('':
   * the flag's general help says it all). `mote algo NAME` refuses any other of these flags by name;
   * --range applies to every layout `graph` algorithm, --allow-disconnected to every random:N layout.
   */
  readonly flags?: Readonly<Partial<Record<keyof AlgoFlags, string>>>;
  /** Command lines for `mote algo --help`'s examples, after `mote algo NAME`. */
  readonly examples?: readonly string[];
  /**
   * Checks of its flags against the layout before anything runs (motes named exist, crash plans fit,
   * a failure happens within the run): throws AlgoInputError with a one-line message.
   */
  readonly checkFlags?: (flags: AlgoFlags, topology: Topology, out: () => Adjacency) => void;
  /** Capsule files of other shipped folders installed before this folder's own: [folder, file]. */
  readonly before?: readonly (readonly [string, string])[];
  /** How a diagram draws the run (default: the --timing flag). */
  readonly timing?: (flags: AlgoFlags, network: 'tick' | 'full') => 'sync' | 'async';
  /** A message's class by its words, for diagrams (default: "message"). */
  readonly classify?: (words: readonly number[]) => string;
  /** What a diagram of a run marks: timestamps, cuts (default: nothing more). */
  readonly marks?: (run: MarkedRun) => RunMarks;
  readonly tick: (request: RunRequest) => AlgoReport;
  readonly full?: (request: RunRequest) => { report: AlgoReport; run: FullRun };
}

/** What a diagram marks in a run beyond sends, receives and serial records (diagram/record.ts). */
export interface RunMarks {
  /** Logical timestamps of sends and receives, by message id. */
  readonly sendTs?: ReadonlyMap<number, number>;
  readonly recvTs?: ReadonlyMap<number, number>;
  /**
   * A serial record, in trace order: part of the receive before it (`stamp`), a local event with a
   * timestamp (`ts`), or a recorded state a cut goes through (`cut`).
   */
  readonly serial?: (mote: number, words: readonly number[]) => { readonly stamp?: boolean; readonly ts?: number; readonly cut?: { readonly snap: number; readonly state: number } };
}

/** A run as the diagram records it: the tick network, or the emulator's record in the same shapes. */
export interface MarkedRun {
  readonly n: number;
  readonly messages: readonly NetMessage[];
  readonly trace: readonly TraceEvent[];
}

/** `byKind({1: 'token'})`: classes by a message's first word. */
export const byKind =
  (names: Readonly<Record<number, string>>) =>
  (words: readonly number[]): string =>
    names[words[0]] ?? `kind ${words[0]}`;
