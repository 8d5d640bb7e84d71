// `mote run FILE...`: run capsules on one emulated mote and report LEDs, instructions, cycles and traps.

import type { Command } from 'commander';
import { AvrVm } from '../../sim/avr/avr-vm.js';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { runSingleMote, type SingleMoteReport } from '../../vm/single-host.js';
import type { Io } from '../io.js';
import { UserError } from '../io.js';
import { nonNegativeInteger, oneOf, simulatedSeconds } from '../flags.js';
import { onePerType } from '../capsule-types.js';
import { loadCapsule } from '../load-capsule.js';
import { sourcePlaces } from '../source-places.js';

interface RunOptions {
  seconds: number;
  json?: boolean;
  profile: CostProfile;
  seed: number;
  trace?: boolean;
  mote: MoteKind;
}

/** Which VM runs the capsules: the abstract one (costs from the opcode table) or the firmware on avr8js. */
const MOTE_KINDS = ['abstract', 'avr'] as const;
type MoteKind = (typeof MOTE_KINDS)[number];

const LED_NAMES = ['red', 'green', 'yellow'];

export function ledText(leds: number): string {
  const bits = [4, 2, 1].map((b) => (leds & b ? '1' : '0')).join('');
  const on = LED_NAMES.filter((_, i) => leds & (1 << i));
  return `${bits} ${on.length ? on.join('+') : 'off'}`;
}

/** A run's report; a trap in a compiled TinyScript capsule carries its source place (`file:line:col`). */
export type RunReport = Omit<SingleMoteReport, 'traps'> & { traps: (SingleMoteReport['traps'][number] & { at?: string })[] };

export function formatRunReport(report: RunReport): string {
  const lines = report.ledChanges.map((c) => `  t=${c.t.toFixed(6)}s  leds ${ledText(c.leds)}`);
  const sent = report.sent.map(
    (p) => `  t=${p.t.toFixed(6)}s  to ${p.dest === 0xffff ? 'broadcast' : p.dest}  ${p.bytes.length} bytes  [${p.bytes.join(' ')}]`,
  );
  const traps = report.traps.map((t) => `  trap t=${t.t.toFixed(6)}s ${t.capsule} pc ${t.pc}${t.at === undefined ? '' : ` (${t.at})`}: ${t.reason}`);
  const cpuMs = (report.cycles * 250e-6).toFixed(2);
  return [
    `LED changes (${report.ledChanges.length}):`,
    ...lines,
    ...(sent.length ? [`packets sent (${sent.length}):`, ...sent] : []),
    ...(traps.length ? [`traps (${traps.length}):`, ...traps] : []),
    `${report.instructions} instructions, ${report.cycles} cycles (${cpuMs} ms of CPU at 4 MHz), ` +
      `${report.simulatedSeconds} s simulated, ${report.traps.length} traps`,
  ].join('\n');
}

/** A trace line with its source line at a fixed column when there is one. */
function sourced(line: string, beside: string): string {
  return beside === '' ? line : `${line.padEnd(52)}${beside}`;
}

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('run capsules on one emulated mote and print what happened')
    .argument('<files...>', 'capsule sources (.mate, .tinyscript) or capsule files (.cap); one per capsule type')
    .option('-s, --seconds <n>', 'simulated seconds to run', simulatedSeconds('--seconds'), 10)
    .option('--profile <name>', `cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--seed <n>', 'seed for the random stream and sensor noise', nonNegativeInteger('--seed'), 1)
    .option('--trace', 'print every instruction executed, with the stack')
    .option('--mote <kind>', `the mote: ${MOTE_KINDS.join(' or ')} (the C VM on an emulated ATmega128; cycles measured)`, oneOf('--mote', MOTE_KINDS), 'abstract')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nExample:\n  $ mote run capsules/cnt_to_leds.mate --seconds 10\n' +
        '  $ mote run capsules/blink_loop.mate capsules/blink_loop_sub0.mate --json\n' +
        '  $ mote run --mote avr capsules/cnt_to_leds.mate --seconds 10',
    )
    .action((files: string[], opts: RunOptions) => {
      const loaded = files.map((f) => ({ file: f, ...loadCapsule(f) }));
      const capsules = loaded.map((l) => l.capsule);
      const places = sourcePlaces(loaded);
      onePerType(capsules, files);
      if (opts.mote === 'avr' && opts.trace) throw new UserError('--trace needs the abstract mote (the AVR mote runs machine code)');
      const report = runSingleMote(capsules, {
        makeVm: opts.mote === 'avr' ? (host) => new AvrVm(host) : undefined,
        seconds: opts.seconds,
        profile: opts.profile,
        seed: opts.seed,
        trace: opts.trace ? (line, capsule, pc) => io.stdout(`${sourced(line, places.beside(capsule, pc))}\n`) : undefined,
      });
      // A trap in a compiled TinyScript capsule names its source place.
      const placed: RunReport = {
        ...report,
        traps: report.traps.map((t) => {
          const at = places.atNamed(t.capsule, t.pc);
          return at === undefined ? t : { ...t, at };
        }),
      };
      io.stdout(opts.json ? `${JSON.stringify(placed)}\n` : `${formatRunReport(placed)}\n`);
    });
}
