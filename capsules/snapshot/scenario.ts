// The scenario files of `mote snapshot` (issue 6, "Scenario replay"). `#` starts a comment; blank
// lines are ignored. Mistakes come back as `file:line: message`, never thrown.
//
//   .top     the number of motes; then `ID tokens` per mote; then `SRC DST` per one-way FIFO channel
//   .events  `send SRC DST k` (SRC gives k tokens to DST), `snapshot ID`, `tick` or `tick n`
//   .delays  one whole number of extra ticks per line, used in send order

/** The snapshots a mote has recorded are a set of four heap words (capsules/snapshot/README.md). */
export const MAX_SNAPSHOTS = 64;

export interface SnapshotTopology {
  /** Mote names sorted as strings; index i runs as VM id i + 1. */
  readonly names: readonly string[];
  readonly tokens: readonly number[];
  /** One-way channels as [src, dst] indices. */
  readonly channels: readonly (readonly [number, number])[];
}

export type ScenarioEvent =
  | { readonly kind: 'send'; readonly src: number; readonly dst: number; readonly k: number; readonly line: number }
  | { readonly kind: 'snapshot'; readonly mote: number; readonly line: number }
  | { readonly kind: 'tick'; readonly n: number; readonly line: number };

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ID = /^[A-Za-z0-9_.:-]+$/;
const WHOLE = /^(0|[1-9][0-9]*)$/;
const MAX_TOKENS = 0x7fff;

/** Non-blank lines without comments, with their 1-based line numbers. */
function lines(text: string): { words: string[]; line: number }[] {
  return text
    .split(/\r?\n/)
    .map((raw, k) => {
      const hash = raw.indexOf('#');
      return { words: (hash < 0 ? raw : raw.slice(0, hash)).trim().split(/\s+/).filter((w) => w !== ''), line: k + 1 };
    })
    .filter((l) => l.words.length > 0);
}

function whole(text: string, max: number): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  const v = Number(text);
  return v <= max ? v : undefined;
}

export function parseSnapshotTopology(text: string, file: string): Parsed<SnapshotTopology> {
  const fail = (line: number, message: string): Parsed<SnapshotTopology> => ({ ok: false, error: `${file}:${line}: ${message}` });
  const rows = lines(text);
  if (rows.length === 0) return fail(1, 'empty: expected the number of motes on the first line');
  const first = rows[0];
  const count = first.words.length === 1 ? whole(first.words[0], 10_000) : undefined;
  if (count === undefined || count === 0) return fail(first.line, `expected the number of motes (1 to 10000), got "${first.words.join(' ')}"`);
  const given: { name: string; tokens: number }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1, 1 + count)) {
    const [name, tokens] = row.words;
    const k = tokens === undefined ? undefined : whole(tokens, MAX_TOKENS);
    if (row.words.length !== 2 || !ID.test(name) || k === undefined)
      return fail(row.line, `expected "ID tokens" (a word and 0 to ${MAX_TOKENS}), got "${row.words.join(' ')}"`);
    const earlier = seen.get(name);
    if (earlier !== undefined) return fail(row.line, `mote ${name} already given on line ${earlier}`);
    seen.set(name, row.line);
    given.push({ name, tokens: k });
  }
  if (given.length < count) return fail(rows[rows.length - 1].line, `${count} motes announced, ${given.length} given`);
  const names = given.map((g) => g.name).sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const tokens = names.map((name) => given.find((g) => g.name === name)?.tokens ?? 0);
  const channels: [number, number][] = [];
  const channelLine = new Map<string, number>();
  for (const row of rows.slice(1 + count)) {
    const [a, b] = row.words;
    if (row.words.length !== 2) return fail(row.line, `expected a channel "SRC DST", got "${row.words.join(' ')}"`);
    const src = index.get(a);
    const dst = index.get(b);
    if (src === undefined) return fail(row.line, `unknown mote ${a}`);
    if (dst === undefined) return fail(row.line, `unknown mote ${b}`);
    if (src === dst) return fail(row.line, `a channel from ${a} to itself`);
    const key = `${a} ${b}`;
    const earlier = channelLine.get(key);
    if (earlier !== undefined) return fail(row.line, `channel ${a} -> ${b} already given on line ${earlier}`);
    channelLine.set(key, row.line);
    channels.push([src, dst]);
  }
  return { ok: true, value: { names, tokens, channels } };
}

export function parseSnapshotEvents(text: string, file: string, topology: SnapshotTopology): Parsed<ScenarioEvent[]> {
  const fail = (line: number, message: string): Parsed<ScenarioEvent[]> => ({ ok: false, error: `${file}:${line}: ${message}` });
  const index = new Map(topology.names.map((name, i) => [name, i]));
  const channel = new Set(topology.channels.map(([s, d]) => s * topology.names.length + d));
  const events: ScenarioEvent[] = [];
  let snapshots = 0;
  for (const { words, line } of lines(text)) {
    const [verb, ...args] = words;
    if (verb === 'send') {
      if (args.length !== 3) return fail(line, 'expected "send SRC DST k"');
      const src = index.get(args[0]);
      const dst = index.get(args[1]);
      const k = whole(args[2], MAX_TOKENS);
      if (src === undefined) return fail(line, `unknown mote ${args[0]}`);
      if (dst === undefined) return fail(line, `unknown mote ${args[1]}`);
      if (!channel.has(src * topology.names.length + dst)) return fail(line, `no channel ${args[0]} -> ${args[1]} in the topology`);
      if (k === undefined || k === 0) return fail(line, `bad token count "${args[2]}": expected 1 to ${MAX_TOKENS}`);
      events.push({ kind: 'send', src, dst, k, line });
    } else if (verb === 'snapshot') {
      if (args.length !== 1) return fail(line, 'expected "snapshot ID"');
      const mote = index.get(args[0]);
      if (mote === undefined) return fail(line, `unknown mote ${args[0]}`);
      if (++snapshots > MAX_SNAPSHOTS) return fail(line, `at most ${MAX_SNAPSHOTS} snapshots in one scenario`);
      events.push({ kind: 'snapshot', mote, line });
    } else if (verb === 'tick') {
      const n = args.length === 0 ? 1 : args.length === 1 ? whole(args[0], 1_000_000) : undefined;
      if (n === undefined || n === 0) return fail(line, 'expected "tick" or "tick n" with n from 1 to 1000000');
      events.push({ kind: 'tick', n, line });
    } else {
      return fail(line, `unknown event "${verb}": expected send, snapshot or tick`);
    }
  }
  return { ok: true, value: events };
}

export function parseDelays(text: string, file: string): Parsed<number[]> {
  const delays: number[] = [];
  for (const { words, line } of lines(text)) {
    const d = words.length === 1 ? whole(words[0], 1_000_000) : undefined;
    if (d === undefined) return { ok: false, error: `${file}:${line}: expected one whole number of ticks, got "${words.join(' ')}"` };
    delays.push(d);
  }
  return { ok: true, value: delays };
}
