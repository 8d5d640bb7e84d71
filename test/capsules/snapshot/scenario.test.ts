// The scenario files of `mote snapshot` (issue 6): what they accept and each mistake as one line.

import { describe, expect, it } from 'vitest';
import { parseDelays, parseSnapshotEvents, parseSnapshotTopology, type SnapshotTopology } from '../../../capsules/snapshot/scenario.js';

const TOP = '# two motes\n2\nN2 4  # tokens\nN1 3\n\nN1 N2\nN2 N1\n';

function topology(text = TOP): SnapshotTopology {
  const r = parseSnapshotTopology(text, 't.top');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const topError = (text: string): string | undefined => {
  const r = parseSnapshotTopology(text, 't.top');
  return r.ok ? undefined : r.error;
};

const eventsError = (text: string): string | undefined => {
  const r = parseSnapshotEvents(text, 'e.events', topology());
  return r.ok ? undefined : r.error;
};

describe('the .top format', () => {
  it('sorts motes by name as strings, keeps their tokens and reads channels as index pairs', () => {
    expect(topology()).toEqual({ names: ['N1', 'N2'], tokens: [3, 4], channels: [[0, 1], [1, 0]] });
    expect(topology('3\nN10 1\nN9 2\nN1 3\n').names).toEqual(['N1', 'N10', 'N9']);
  });

  it('names each mistake with its file and line', () => {
    expect(topError('')).toBe('t.top:1: empty: expected the number of motes on the first line');
    expect(topError('two\n')).toBe('t.top:1: expected the number of motes (1 to 10000), got "two"');
    expect(topError('1\nN1\n')).toBe('t.top:2: expected "ID tokens" (a word and 0 to 32767), got "N1"');
    expect(topError('1\nN1 -1\n')).toBe('t.top:2: expected "ID tokens" (a word and 0 to 32767), got "N1 -1"');
    expect(topError('2\nN1 1\nN1 2\n')).toBe('t.top:3: mote N1 already given on line 2');
    expect(topError('2\nN1 1\n')).toBe('t.top:2: 2 motes announced, 1 given');
    expect(topError('1\nN1 1\nN1 N2\n')).toBe('t.top:3: unknown mote N2');
    expect(topError('1\nN1 1\nN1 N1\n')).toBe('t.top:3: a channel from N1 to itself');
    expect(topError('2\nA 1\nB 1\nA B\nA B\n')).toBe('t.top:5: channel A -> B already given on line 4');
    expect(topError('2\nA 1\nB 1\nA B C\n')).toBe('t.top:4: expected a channel "SRC DST", got "A B C"');
  });

  it('takes a mote with 100 incoming channels: the capsules keep nothing per channel', () => {
    const names = Array.from({ length: 101 }, (_, i) => `M${i}`);
    const text = `101\n${names.map((n) => `${n} 1`).join('\n')}\n${names.slice(1).map((n) => `${n} M0`).join('\n')}\n`;
    expect(topError(text)).toBeUndefined();
  });
});

describe('the .events format', () => {
  it('reads sends, snapshots and ticks in order', () => {
    const r = parseSnapshotEvents('send N1 N2 2\nsnapshot N2\ntick\ntick 3\n', 'e.events', topology());
    expect(r).toEqual({
      ok: true,
      value: [
        { kind: 'send', src: 0, dst: 1, k: 2, line: 1 },
        { kind: 'snapshot', mote: 1, line: 2 },
        { kind: 'tick', n: 1, line: 3 },
        { kind: 'tick', n: 3, line: 4 },
      ],
    });
  });

  it('names each mistake with its file and line', () => {
    expect(eventsError('send N1 N2\n')).toBe('e.events:1: expected "send SRC DST k"');
    expect(eventsError('send N1 N3 1\n')).toBe('e.events:1: unknown mote N3');
    expect(eventsError('send N1 N2 0\n')).toBe('e.events:1: bad token count "0": expected 1 to 32767');
    expect(eventsError('snapshot\n')).toBe('e.events:1: expected "snapshot ID"');
    expect(eventsError('tick 0\n')).toBe('e.events:1: expected "tick" or "tick n" with n from 1 to 1000000');
    expect(eventsError('\n\njump\n')).toBe('e.events:3: unknown event "jump": expected send, snapshot or tick');
  });

  it('refuses a send where the topology has no channel', () => {
    const r = parseSnapshotEvents('send A B 1\n', 'e.events', topology('2\nA 1\nB 1\nB A\n'));
    expect(r).toEqual({ ok: false, error: 'e.events:1: no channel A -> B in the topology' });
  });

  it('allows 64 snapshots and refuses a 65th (the recorded set is heap words 4-7)', () => {
    expect(eventsError('snapshot N1\n'.repeat(64))).toBeUndefined();
    expect(eventsError('snapshot N1\n'.repeat(65))).toBe('e.events:65: at most 64 snapshots in one scenario');
  });
});

describe('the .delays format', () => {
  it('reads one whole number a line, comments and blank lines aside', () => {
    expect(parseDelays('1\n\n0 # marker\n4\n', 'd')).toEqual({ ok: true, value: [1, 0, 4] });
    expect(parseDelays('1\n-1\n', 'd')).toEqual({ ok: false, error: 'd:2: expected one whole number of ticks, got "-1"' });
  });
});
