// An algorithm folder outside the project (issue 17): the README's walk-through, done for real. The
// test copies capsules/lcr/'s capsule sources into a temporary folder, writes the README's index.js
// beside them, and runs `mote algo FOLDER` in-process; then breaks the folder in the ways a user
// would and expects one line each.

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { packageRoot, shippedCapsule } from '../../cli/paths.js';

async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

/** The README's example driver: the js block after the algorithm-folder-example marker. */
function readmeExample(): string {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const m = /<!-- algorithm-folder-example[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme);
  if (m === null) throw new Error('README.md has no algorithm-folder-example block');
  return m[1];
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** mkdir my-lcr && cp capsules/lcr/*.mate my-lcr/, then the README's index.js. */
function myLcr(driver = readmeExample()): string {
  const dir = mkdtempSync(join(tmpdir(), 'my-lcr-'));
  made.push(dir);
  for (const f of readdirSync(shippedCapsule('lcr')).filter((f) => f.endsWith('.mate'))) copyFileSync(join(shippedCapsule('lcr'), f), join(dir, f));
  writeFileSync(join(dir, 'index.js'), driver);
  return dir;
}

describe('mote algo FOLDER', () => {
  it("runs the README's copy of LCR from a temporary folder and judges it with the folder's own oracle", async () => {
    const dir = myLcr();
    const { code, out, err } = await mote('algo', dir, '--topology', 'ring:8', '--seed', '3', '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const json = JSON.parse(out);
    expect(json).toMatchObject({ algorithm: 'my-lcr', ok: true, failures: [], motes: 8, leader: [8], topology: 'ring of 8, 10 ft between neighbours' });
    // Synchronous LCR on a ring of n with the announcement: between 2n-1 + n and n(n+1)/2 + n sends.
    expect(json.messages).toBeGreaterThanOrEqual(2 * 8 - 1 + 8);
    expect(json.messages).toBeLessThanOrEqual((8 * 9) / 2 + 8);
  });

  it('elects the same leader with the same messages as the shipped LCR in the same ring order', async () => {
    const mine = JSON.parse((await mote('algo', myLcr(), '--topology', 'ring:12', '--seed', '5', '--json')).out);
    const shipped = JSON.parse((await mote('algo', 'lcr', '--topology', 'ring:12', '--seed', '5', '--timing', 'sync', '--json')).out);
    expect(mine.leader).toEqual(shipped.leader);
    expect(mine.messages).toBe(shipped.messages + shipped.announceMessages);
  });

  it("fails with the folder's oracle when its capsules are broken, exit code 1", async () => {
    const dir = myLcr();
    rmSync(join(dir, 'receive.mate')); // nobody forwards an id: every mote hears nothing, nobody leads
    const { code, out, err } = await mote('algo', dir, '--topology', 'ring:5');
    expect(code).toBe(1);
    expect(out).toContain('failure: exactly one leader: 0 motes claim to lead');
    expect(err).toBe('my-lcr: the oracle found 2 failures\n');
  });

  it('refuses a folder without an algorithm, a missing folder, a driver that throws, and --network full without a full driver, one line each', async () => {
    const empty = myLcr('export const somethingElse = 1;\n');
    expect(await mote('algo', empty)).toMatchObject({ code: 1, err: `${join(empty, 'index.js')}: exports no \`algorithm\` object\n` });
    expect(await mote('algo', './no-such-folder')).toMatchObject({ code: 1, err: './no-such-folder: no such algorithm folder\n' });
    const throws = myLcr("export const algorithm = { name: 'x', defaultTopology: 'ring:4', tick() { throw new Error('boom'); } };\n");
    expect(await mote('algo', throws)).toMatchObject({ code: 1, err: `${throws}: the driver threw: boom\n` });
    expect(await mote('algo', myLcr(), '--network', 'full')).toMatchObject({ code: 1, err: 'my-lcr has no driver for --network full (its algorithm.full)\n' });
  });
});
