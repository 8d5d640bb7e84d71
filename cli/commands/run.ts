// `mote run FILE...`: run capsules on one emulated mote and report LEDs, instructions, cycles and traps.

import type { Command } from 'commander';
import { COST_PROFILES, type CostProfile } from '../../vm/opcodes.js';
import { runSingleMote, type SingleMoteReport } from '../../vm/single-host.js';
import type { Io } from '../io.js';
import { nonNegativeInteger, oneOf, simulatedSeconds } from '../flags.js';
import { onePerType } from '../capsule-types.js';
import { loadCapsule } from '../load-capsule.js';

interface RunOptions {
  seconds: number;
  json?: boolean;
  profile: CostProfile;
  seed: number;
  trace?: boolean;
}

const LED_NAMES = ['red', 'green', 'yellow'];

export function ledText(leds: number): string {
  const bits = [4, 2, 1].map((b) => (leds & b ? '1' : '0')).join('');
  const on = LED_NAMES.filter((_, i) => leds & (1 << i));
  return `${bits} ${on.length ? on.join('+') : 'off'}`;
}

export function formatRunReport(report: SingleMoteReport): string {
  const lines = report.ledChanges.map((c) => `  t=${c.t.toFixed(6)}s  leds ${ledText(c.leds)}`);
  const sent = report.sent.map(
    (p) => `  t=${p.t.toFixed(6)}s  to ${p.dest === 0xffff ? 'broadcast' : p.dest}  ${p.bytes.length} bytes  [${p.bytes.join(' ')}]`,
  );
  const traps = report.traps.map((t) => `  trap t=${t.t.toFixed(6)}s ${t.capsule} pc ${t.pc}: ${t.reason}`);
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

export function registerRun(program: Command, io: Io): void {
  program
    .command('run')
    .description('run capsules on one emulated mote and print what happened')
    .argument('<files...>', 'capsule sources (.mate) or capsule files (.cap); one per capsule type')
    .option('-s, --seconds <n>', 'simulated seconds to run', simulatedSeconds('--seconds'), 10)
    .option('--profile <name>', `cost profile: ${COST_PROFILES.join(' or ')}`, oneOf('--profile', COST_PROFILES), 'mate')
    .option('--seed <n>', 'seed for the random stream and sensor noise', nonNegativeInteger('--seed'), 1)
    .option('--trace', 'print every instruction executed, with the stack')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nExample:\n  $ mote run capsules/cnt_to_leds.mate --seconds 10\n' +
        '  $ mote run capsules/blink_loop.mate capsules/blink_loop_sub0.mate --json',
    )
    .action((files: string[], opts: RunOptions) => {
      const capsules = files.map((f) => loadCapsule(f).capsule);
      onePerType(capsules, files);
      const report = runSingleMote(capsules, {
        seconds: opts.seconds,
        profile: opts.profile,
        seed: opts.seed,
        trace: opts.trace ? (line) => io.stdout(`${line}\n`) : undefined,
      });
      io.stdout(opts.json ? `${JSON.stringify(report)}\n` : `${formatRunReport(report)}\n`);
    });
}
