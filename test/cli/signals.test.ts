// SIGINT and SIGTERM (cli/signals.ts): temp files go first, then a cooperative run is told which
// signal stopped it; the listeners exist only while there is something to clean up or stop.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onStopSignal, trackTemp } from '../../cli/signals.js';
import { scratch } from './helpers.js';

describe('signals', () => {
  it('remove the registered temp files and tell the run which signal came', () => {
    const temp = join(scratch(), 'x.123.tmp');
    writeFileSync(temp, 'half a file');
    const untrack = trackTemp(temp);
    const heard: string[] = [];
    const release = onStopSignal((signal) => heard.push(signal));
    expect(process.listenerCount('SIGTERM')).toBe(1);
    process.emit('SIGTERM');
    expect(existsSync(temp)).toBe(false);
    expect(heard).toEqual(['SIGTERM']);
    untrack();
    release();
    expect(process.listenerCount('SIGTERM')).toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
