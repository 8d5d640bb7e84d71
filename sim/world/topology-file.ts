// Topology files: `ID X Y` lines place motes (feet); `link SRC DST PRR` lines give a directed link's
// packet reception rate, the explicit loss table TOSSIM 1.x read from a file (there as bit error rates).
// `#` starts a comment. Mote ids run 0..N-1; errors come back as `file:line: message`.

import { MAX_MOTES, type Link, type Topology, type TopologyResult } from './topology.js';

const ID = /^(0|[1-9][0-9]*)$/;
const DECIMAL = /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/;

function id(text: string): number | undefined {
  if (!ID.test(text)) return undefined;
  const v = Number(text);
  return v < MAX_MOTES ? v : undefined;
}

function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

export function parseTopologyFile(text: string, file: string): TopologyResult {
  const lines = text.split(/\r?\n/);
  const posX = new Map<number, number>();
  const posY = new Map<number, number>();
  const links: Link[] = [];
  const linkLine = new Map<string, number>();
  let maxId = -1;
  let maxIdLine = 0;
  const fail = (line: number, message: string): TopologyResult => ({ ok: false, error: `${file}:${line}: ${message}` });
  const see = (mote: number, line: number) => {
    if (mote > maxId) {
      maxId = mote;
      maxIdLine = line;
    }
  };
  const badId = `a mote id is an integer from 0 to ${MAX_MOTES - 1}`;

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const hash = lines[i].indexOf('#');
    const words = (hash < 0 ? lines[i] : lines[i].slice(0, hash)).trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    if (words[0] === 'link') {
      if (words.length !== 4) return fail(line, 'expected "link SRC DST PRR"');
      const src = id(words[1]);
      const dst = id(words[2]);
      const prr = decimal(words[3]);
      if (src === undefined) return fail(line, `bad source "${words[1]}": ${badId}`);
      if (dst === undefined) return fail(line, `bad destination "${words[2]}": ${badId}`);
      if (prr === undefined || prr < 0 || prr > 1) return fail(line, `bad reception rate "${words[3]}": expected a number from 0 to 1`);
      if (src === dst) return fail(line, `mote ${src} cannot link to itself`);
      const key = `${src} ${dst}`;
      const earlier = linkLine.get(key);
      if (earlier !== undefined) return fail(line, `link ${src} -> ${dst} already given on line ${earlier}`);
      linkLine.set(key, line);
      links.push({ src, dst, prr });
      see(src, line);
      see(dst, line);
      continue;
    }
    if (words.length !== 3) return fail(line, 'expected "ID X Y" (feet) or "link SRC DST PRR"');
    const mote = id(words[0]);
    const x = decimal(words[1]);
    const y = decimal(words[2]);
    if (mote === undefined) return fail(line, `bad mote id "${words[0]}": ${badId}`);
    if (x === undefined || !Number.isFinite(x)) return fail(line, `bad x "${words[1]}": expected a number of feet`);
    if (y === undefined || !Number.isFinite(y)) return fail(line, `bad y "${words[2]}": expected a number of feet`);
    if (posX.has(mote)) return fail(line, `mote ${mote} is placed twice`);
    posX.set(mote, x);
    posY.set(mote, y);
    see(mote, line);
  }

  if (maxId < 0) return fail(1, 'no motes: expected "ID X Y" or "link SRC DST PRR" lines');
  const n = maxId + 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const hasPositions = posX.size > 0;
  if (hasPositions) {
    for (let m = 0; m < n; m++) {
      const px = posX.get(m);
      const py = posY.get(m);
      if (px === undefined || py === undefined) {
        return fail(maxIdLine, `mote ${maxId} makes ${n} motes, but mote ${m} has no position (ids run 0..${maxId})`);
      }
      x[m] = px;
      y[m] = py;
    }
  }
  const what = hasPositions ? `${n} motes placed` : `${n} motes`;
  const topology: Topology = {
    kind: 'file',
    description: `file ${file}: ${what}${links.length > 0 ? `, ${links.length} links` : ''}`,
    n,
    x,
    y,
    positioned: hasPositions,
    clique: false,
    ...(links.length > 0 ? { links } : {}),
  };
  return { ok: true, topology };
}
