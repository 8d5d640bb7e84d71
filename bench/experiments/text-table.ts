// Fixed-width text tables and CSV text for the experiment results: the first column left-aligned, the
// rest right-aligned, two spaces between; CSV quoted as in RFC 4180 (bench/results.ts csvField).

import { csvField } from '../results.js';

export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => row.map((v) => csvField(typeof v === 'number' && !Number.isFinite(v) ? '' : v)).join(',')).join('\r\n') + '\r\n';
}
