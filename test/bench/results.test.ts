// Result files: the CSV parses back to the rows, the SVG is well-formed XML, both land in the folder.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, type MachineInfo } from '../../bench/harness.js';
import { formatSi, formatTable, type BenchReport } from '../../bench/report.js';
import { toCsv, toSvg, writeResults } from '../../bench/results.js';
import { parseCsv, xmlProblems } from './parsers.js';

const machine: MachineInfo = { cpu: 'Test CPU <2 GHz> "A&B", rev 1', cores: 2, node: 'v20.0.0', platform: 'linux-x64' };

function report(log: boolean): BenchReport {
  const rows = [
    { label: 'alpha, "quoted"', unit: 'ops/s', stats: summarize([1e6, 2e6, 3e6]) },
    { label: 'beta <b> & c', unit: 'ops/s', stats: summarize([5e8, 6e8, 4e8]) },
  ];
  return {
    name: 'demo',
    title: 'a demonstration',
    json: {},
    rows,
    chart: { title: 'Demo & <chart>', unit: 'ops per second', rows: rows.map((r) => r.label), log },
    notes: ['a note'],
  };
}

describe('toCsv', () => {
  it('writes a header and one row per figure, quoting commas and quotes so they parse back', () => {
    const table = parseCsv(toCsv(report(false), machine));
    expect(table[0]).toEqual(['benchmark', 'label', 'unit', 'median', 'min', 'max', 'spread', 'runs', 'cpu', 'cores', 'node']);
    expect(table).toHaveLength(3);
    expect(table[1].slice(0, 8)).toEqual(['demo', 'alpha, "quoted"', 'ops/s', '2000000', '1000000', '3000000', '1', '3']);
    expect(table[2][8]).toBe(machine.cpu);
  });
});

describe('toSvg', () => {
  it('is well-formed XML with escaped labels, on a linear axis', () => {
    const svg = toSvg(report(false), machine);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('beta &lt;b&gt; &amp; c');
    expect(svg.match(/<rect /g)).toHaveLength(3); // the background and one bar per row
  });

  it('is well-formed XML on a logarithmic axis, with a tick per decade', () => {
    const svg = toSvg(report(true), machine);
    expect(xmlProblems(svg)).toEqual([]);
    for (const tick of ['>1 M<', '>10 M<', '>100 M<', '>1 G<']) expect(svg).toContain(tick);
  });

  it('draws the longer bar for the larger median', () => {
    const widths = [...toSvg(report(false), machine).matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]).toBeGreaterThan(widths[0] * 100);
  });
});

describe('the minimal XML checker used above', () => {
  it('catches unbalanced tags, raw ampersands and unquoted attributes', () => {
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<a w=3/>')).not.toEqual([]);
    expect(xmlProblems('<a w="3"><b/>&amp;</a>')).toEqual([]);
  });
});

describe('writeResults', () => {
  it('writes NAME.csv and NAME.svg into the folder, creating it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mote-bench-')), 'results');
    const files = writeResults(dir, report(false), machine);
    expect(files).toEqual([join(dir, 'demo.csv'), join(dir, 'demo.svg')]);
    expect(parseCsv(readFileSync(files[0], 'utf8'))).toHaveLength(3);
    expect(xmlProblems(readFileSync(files[1], 'utf8'))).toEqual([]);
  });
});

describe('text output', () => {
  it('formats numbers with SI prefixes and three or four significant figures', () => {
    expect(formatSi(123_456_789)).toBe('123.5 M');
    expect(formatSi(85_000_000)).toBe('85 M');
    expect(formatSi(4_000_000_000)).toBe('4 G');
    expect(formatSi(1500)).toBe('1.5 k');
    expect(formatSi(137.4)).toBe('137');
    expect(formatSi(21.25)).toBe('21.3');
  });

  it('prints a table with a row per figure, median first, and the notes', () => {
    const text = formatTable(report(false));
    const lines = text.split('\n');
    expect(lines[0]).toBe('demo: a demonstration (median of 3 runs)');
    expect(lines[1]).toMatch(/median +min +max +spread +unit/);
    expect(lines[3]).toMatch(/^ {2}beta <b> & c +500 M +400 M +600 M +40\.0% +ops\/s$/);
    expect(lines[4]).toBe('  a note');
  });
});
