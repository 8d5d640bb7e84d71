// `mote trace FILE`: print a CBOR trace written by `mote sim --trace` as readable lines or JSON lines.

import type { Command } from 'commander';
import { ledText } from '../../sim/network/leds.js';
import { readTrace, TRACE_EVENTS, type TraceRecord } from '../../sim/network/trace.js';
import { UserError, type Io } from '../io.js';
import { readInput } from '../load-capsule.js';

/** `   1.007200000 s  mote 3     rx from=1`: time, mote, event, then the record's other fields. */
export function formatRecord(r: TraceRecord): string {
  const time = `${(r.t / 1e9).toFixed(9).padStart(14)} s`;
  const where = r.m === undefined ? 'network'.padEnd(10) : `mote ${r.m}`.padEnd(10);
  const fields = Object.entries(r)
    .filter(([key]) => key !== 't' && key !== 'e' && key !== 'm')
    .map(([key, value]) => (r.e === 'led' && key === 'leds' ? `leds=${ledText(Number(value))}` : `${key}=${value}`));
  return `${time}  ${where}  ${r.e.padEnd(9)} ${fields.join(' ')}`.trimEnd();
}

export function registerTrace(program: Command, io: Io): void {
  program
    .command('trace')
    .description('print an event trace written by mote sim --trace')
    .argument('<file>', 'the CBOR trace file')
    .option('--json', 'print one JSON object per record (JSON lines)')
    .addHelpText(
      'after',
      '\nEvents:\n' +
        Object.entries(TRACE_EVENTS)
          .map(([name, doc]) => `  ${name.padEnd(10)} ${doc}`)
          .join('\n') +
        '\n\nExample:\n  $ mote sim --topology line:5 --load capsules/cnt_to_leds.mate --seconds 5 --trace run.cbor\n  $ mote trace run.cbor --json',
    )
    .action((file: string, opts: { json?: boolean }) => {
      // A cut-off trace (a run stopped mid-write, a disk that filled) still shows every complete record.
      const result = readTrace(new Uint8Array(readInput(file)), file);
      const lines = result.records.map((r) => (opts.json ? JSON.stringify(r) : formatRecord(r)));
      io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
      if (!result.ok) throw new UserError(result.error);
    });
}
