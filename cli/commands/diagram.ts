// `mote diagram TRACE --svg FILE`: draw a trace as a space-time diagram (issue 10; sim/diagram/):
// an algorithm run's trace (`mote algo ... --trace`) in ticks or rounds, or a `mote sim --trace`
// file in seconds. Also the files `mote algo ... --trace FILE --svg FILE` writes for its own run.

import type { Command } from 'commander';
import { diagramFromRecords, parseMoteList, renderSvg, runRecords, selectView, type Crash, type RecordedNet, type RunInfo, type ViewOptions } from '../../diagram/index.js';
import { encodeTrace, readTrace, type TraceRecord } from '../../sim/network/trace.js';
import { MAX_SIMULATED_SECONDS, nonNegativeInteger, numberFlag, positiveInteger } from '../flags.js';
import { UserError, type Io } from '../io.js';
import { readInput } from '../load-capsule.js';
import { checkOutputs, writeOutput } from '../output.js';

/** A window bound: ticks of an algorithm run or seconds of a sim trace, never past the simulator's clock. */
const WINDOW = { min: 0, max: MAX_SIMULATED_SECONDS };

interface DiagramOptions {
  svg: string;
  motes?: string;
  page?: number;
  perPage?: number;
  from?: number;
  to?: number;
}

/** The SVG of a trace's records and the line saying what it shows. */
export function diagramOf(records: readonly TraceRecord[], file: string, options: Omit<ViewOptions, 'motes'> & { motes?: string }): { svg: string; note: string } {
  const run = diagramFromRecords(records, file);
  if (!run.ok) throw new UserError(run.error);
  let motes: number[] | undefined;
  if (options.motes !== undefined) {
    const parsed = parseMoteList(options.motes, run.value.names.length);
    if (!parsed.ok) throw new UserError(parsed.error);
    motes = parsed.value;
  }
  const view = selectView(run.value, { ...options, motes });
  if (!view.ok) throw new UserError(view.error);
  return { svg: renderSvg(run.value, view.value), note: view.value.note };
}

/** A run `mote algo` recorded: its network (the tick network, or an emulator run) and the crashes watched on it. */
export interface RecordedRun {
  readonly net: RecordedNet;
  readonly crashes: readonly Crash[];
}

/** Writes `--trace` and `--svg` for an algorithm run; returns a line per file written. */
export function writeRunFiles(recorded: RecordedRun, info: RunInfo, files: { trace?: string; svg?: string }): string[] {
  const records = runRecords(recorded.net, info, recorded.crashes);
  const lines: string[] = [];
  if (files.trace !== undefined) {
    writeOutput(files.trace, encodeTrace(records));
    lines.push(`wrote ${files.trace}: ${records.length} records`);
  }
  if (files.svg !== undefined) {
    const { svg, note } = diagramOf(records, files.trace ?? info.algorithm, {});
    writeOutput(files.svg, svg);
    lines.push(`wrote ${files.svg}: ${note}`);
  }
  return lines;
}

export function registerDiagram(program: Command, io: Io): void {
  program
    .command('diagram')
    .description('draw a trace as a space-time diagram: a line per mote, events as dots, messages as arrows')
    .argument('<trace>', 'a CBOR trace from mote algo ... --trace or mote sim --trace')
    .requiredOption('--svg <file>', 'where to write the SVG')
    .option('--motes <list>', 'the motes to draw, in order: 0-9,42 (default: a page of them)')
    .option('--page <n>', 'which page of motes (default 1)', nonNegativeInteger('--page'))
    .option('--per-page <n>', 'motes on a page (default 20)', positiveInteger('--per-page'))
    .option('--from <time>', 'start of the window: a tick (round) of an algorithm run, seconds of a sim trace', numberFlag('--from', WINDOW))
    .option('--to <time>', 'end of the window (default: 40 ticks on, or the end of a sim trace)', numberFlag('--to', WINDOW))
    .addHelpText(
      'after',
      '\nCrashes are crosses, snapshot cuts dashed red lines through the recorded states, lock-step\n' +
        'rounds grey bands, lost messages dashed arrows ending in a cross; Lamport runs label each\n' +
        'event with its timestamp. A message to or from a mote not drawn is a stub naming it.\n\nExample:\n' +
        '  $ mote algo lamport --topology line:4 --trace lamport.cbor\n' +
        '  $ mote diagram lamport.cbor --svg lamport.svg\n' +
        '  $ mote algo diffusion --topology grid:10x10 --trace dd.cbor\n' +
        '  $ mote diagram dd.cbor --svg dd.svg --motes 0,10,20,30,40,50,60,71,82,93 --from 100 --to 140',
    )
    .action((file: string, opts: DiagramOptions) => {
      checkOutputs([file], [['--svg', opts.svg]]);
      // A cut-off trace is drawn from its complete records, then the command says where it stopped (exit 1).
      const trace = readTrace(new Uint8Array(readInput(file)), file);
      if (!trace.ok && trace.records.length === 0) throw new UserError(trace.error);
      const { svg, note } = diagramOf(trace.records, file, { motes: opts.motes, page: opts.page, perPage: opts.perPage, from: opts.from, to: opts.to });
      writeOutput(opts.svg, svg);
      io.stdout(`wrote ${opts.svg}: ${note}\n`);
      if (!trace.ok) throw new UserError(trace.error);
    });
}
