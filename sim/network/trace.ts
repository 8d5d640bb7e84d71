// The event trace: one record per notable event (transmissions, receptions and losses, LED changes,
// traps, installs, sensor readings, power events, faults, protocol notes, energy), written as a CBOR
// sequence (RFC 8742: records back to back, each a self-contained map) with cbor-x, streamed to a file
// in chunks. Records hold integers and short strings only, in a fixed key order, so the same seed gives
// the same bytes. Records come in the order the simulator handles events; a mote's VM may run up to one
// slice (7.2 ms) ahead of the event clock, so records of different motes can be out of time order.

import { closeSync, openSync, writeSync } from 'node:fs';
import { Decoder, Encoder } from 'cbor-x';

/** Simulated time `t` in ns, event name `e`, the mote `m` it happened at (absent for network events). */
export interface TraceRecord {
  readonly t: number;
  readonly e: string;
  readonly m?: number;
  readonly [field: string]: number | string | undefined;
}

/** Event names and what their other fields mean (for `mote trace` and readers of the file). */
export const TRACE_EVENTS: Readonly<Record<string, string>> = {
  boot: 'mote m powers up',
  tx: 'm starts sending: am type, len payload bytes, dest address',
  rx: 'm received a packet intact from `from`',
  lost: 'm lost a packet from `from` to the link loss rate',
  collision: 'a packet from `from` collided at m',
  missed: 'm missed a packet from `from`: radio off, starting or sending',
  led: 'm set its LEDs to `leds` (red 1, green 2, yellow 4)',
  trap: 'a VM fault at m: capsule, pc, reason',
  install: 'm installed capsule `capsule` (type, version)',
  sense: 'm read `value` from sensor `sensor`',
  sink: 'the base station m received a routed message from `from`',
  note: 'protocol event `note` at m with `detail`',
  crash: 'm stopped (RAM lost)',
  reboot: 'm rebooted (RAM lost, flash kept)',
  death: 'm ran out of battery',
  jam: 'm transmits without pause (a babbling radio)',
  uart: 'm wrote `bytes` (hex) to its serial port',
  fault: 'a fault took effect: `spec`',
  energy: 'network energy so far: uj microjoules, alive motes',
};

const CHUNK = 1 << 16;

/** Where a TraceFile's bytes go instead of a file of its own (the CLI's output module). */
export interface TraceSink {
  write(bytes: Uint8Array): void;
  close(): void;
}

/** Streams records to a file (or a sink); the caller closes it. */
export class TraceFile {
  private readonly sink: TraceSink;
  private readonly encoder = new Encoder({ useRecords: false });
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  count = 0;

  constructor(target: string | TraceSink) {
    if (typeof target !== 'string') {
      this.sink = target;
      return;
    }
    const fd = openSync(target, 'w');
    this.sink = { write: (bytes) => writeSync(fd, bytes), close: () => closeSync(fd) };
  }

  write(record: TraceRecord): void {
    const bytes = this.encoder.encode(record);
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    this.count++;
    if (this.buffered >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.buffered === 0) return;
    this.sink.write(Buffer.concat(this.chunks, this.buffered));
    this.chunks = [];
    this.buffered = 0;
  }

  close(): void {
    this.flush();
    this.sink.close();
  }
}

/** The same bytes as a TraceFile, in memory (tests, hashes). */
export function encodeTrace(records: readonly TraceRecord[]): Uint8Array {
  const encoder = new Encoder({ useRecords: false });
  return Buffer.concat(records.map((r) => encoder.encode(r)));
}

export type ReadTraceResult = { ok: true; records: TraceRecord[] } | { ok: false; error: string; records: TraceRecord[] };

function isRecord(value: unknown): value is TraceRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  if (typeof r.t !== 'number' || typeof r.e !== 'string') return false;
  return Object.values(r).every((v) => typeof v === 'number' || typeof v === 'string');
}

/** Decodes a trace; a bad or cut-off record stops it with an error naming the file, record index and byte, and the records before it. */
export function readTrace(bytes: Uint8Array, file: string): ReadTraceResult {
  const records: TraceRecord[] = [];
  if (bytes.length === 0) return { ok: false, error: `${file}: empty file, not a trace`, records };
  const decoder = new Decoder({ useRecords: false });
  let bad = false;
  try {
    decoder.decodeMultiple(bytes, (value: unknown) => {
      if (!isRecord(value)) {
        bad = true;
        return false;
      }
      records.push(value);
      return true;
    });
  } catch (error) {
    // cbor-x says where the last whole record ended and whether the data merely stops (a cut-off file).
    const e = error as { message?: string; incomplete?: boolean; lastPosition?: number };
    const at = typeof e.lastPosition === 'number' ? ` at byte ${e.lastPosition} of ${bytes.length}` : '';
    const why = e.incomplete === true ? 'is cut off (the file ends inside it)' : `is corrupt (${e.message ?? String(error)})`;
    return { ok: false, error: `${file}: record ${records.length}${at} ${why}; the ${records.length} records before it are complete`, records };
  }
  if (bad) return { ok: false, error: `${file}: record ${records.length} is not a trace record`, records };
  return { ok: true, records };
}
