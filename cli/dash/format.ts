// Text for the dashboard and its non-terminal progress lines: durations, energy, currents, bars and
// sparklines, each a pure function of numbers so the panels and their tests agree on every character.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** A duration in the largest unit that keeps it readable: "12.3 s", "4 min 05 s", "3.2 h", "12.0 d", "2.1 y". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'never';
  if (seconds < MINUTE) return `${seconds.toFixed(1)} s`;
  if (seconds < HOUR) {
    const whole = Math.floor(seconds);
    return `${Math.floor(whole / MINUTE)} min ${String(whole % MINUTE).padStart(2, '0')} s`;
  }
  if (seconds < DAY) return `${(seconds / HOUR).toFixed(1)} h`;
  if (seconds < YEAR) return `${(seconds / DAY).toFixed(1)} d`;
  return `${(seconds / YEAR).toFixed(1)} y`;
}

export function formatJoules(joules: number): string {
  if (joules < 1e-3) return `${(joules * 1e6).toFixed(0)} uJ`;
  if (joules < 1) return `${(joules * 1e3).toFixed(1)} mJ`;
  if (joules < 1e3) return `${joules.toFixed(2)} J`;
  return `${(joules / 1e3).toFixed(2)} kJ`;
}

export function formatCurrent(microAmps: number): string {
  return microAmps < 1000 ? `${microAmps.toFixed(1)} uA` : `${(microAmps / 1000).toFixed(2)} mA`;
}

/** Counts with a k or M suffix past four digits: 9999, 12.3k, 4.56M. */
export function formatCount(n: number): string {
  if (n < 10_000) return `${Math.round(n)}`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)}k`;
  return `${(n / 1e6).toFixed(2)}M`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A bar of `width` cells: full cells '#', the rest '-'; a fraction rounds down so only 1 fills it. */
export function bar(fraction: number, width: number): string {
  const full = Math.max(0, Math.min(width, Math.floor(fraction * width)));
  return '#'.repeat(full) + '-'.repeat(width - full);
}

const TICKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** The last `width` values as block characters scaled to their maximum (zero is the lowest tick). */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(Math.max(0, values.length - width));
  const max = Math.max(0, ...shown);
  return shown.map((v) => (max > 0 ? TICKS[Math.min(TICKS.length - 1, Math.floor((v / max) * (TICKS.length - 1) + 0.5))] : TICKS[0])).join('');
}
