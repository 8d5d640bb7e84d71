// Fixed-width text tables for the benchmarks' comparison notes: a header and rows of cells, the first
// column left-aligned and the rest right-aligned (numbers), or laid out in several side-by-side blocks.

export type Cell = string | number | null;

/** Numbers as printed in the tables: integers whole with thousands separators, others to `digits` significant figures. */
export function num(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return '-';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

function text(cell: Cell): string {
  return typeof cell === 'number' ? num(cell) : (cell ?? '-');
}

/** Lines of a table, indented by `indent` spaces. */
export function textTable(header: readonly string[], rows: readonly (readonly Cell[])[], indent = 4): string[] {
  const cells = [header, ...rows.map((r) => r.map(text))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const pad = ' '.repeat(indent);
  return cells.map(
    (r) => pad + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd(),
  );
}

/** The rows of a table in `blocks` side-by-side blocks (filled column by column), for long narrow tables. */
export function blockTable(header: readonly string[], rows: readonly (readonly Cell[])[], blocks: number, indent = 4): string[] {
  const per = Math.ceil(rows.length / blocks);
  const parts = Array.from({ length: blocks }, (_, b) => textTable(header, rows.slice(b * per, (b + 1) * per), 0));
  const widths = parts.map((p) => Math.max(...p.map((l) => l.length)));
  const pad = ' '.repeat(indent);
  return parts[0].map((_, i) => pad + parts.map((p, b) => (p[i] ?? '').padEnd(widths[b])).join('    ').trimEnd());
}
