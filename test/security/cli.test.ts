// The signed-code commands end to end, in-process: `mote keygen`, `mote asm --sign`, and the takeover
// scenario `mote sim --attacker 17:version=4294967295`, which takes an unsigned network over and
// installs nowhere in a signed one while the legitimate update still spreads.

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCapsuleFile } from '../../assembler/capsule-file.js';
import { bufferIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { shippedCapsule } from '../../cli/paths.js';
import { readKey, verifyCapsule } from '../../sim/security/index.js';
import { MAX_VERSION } from '../../vm/capsule.js';

/** The real CLI, in-process. */
async function mote(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

interface CapsuleRow {
  name: string;
  version: number;
  coverage: number;
  coveredAt: number | null;
  rogue: boolean;
}
interface SimJson {
  alive: number;
  capsules: CapsuleRow[];
  security: { mode: string; signatureChecks: number; signatureFailures: number; checkSeconds: number; attackers: number[]; rejectionsByMote: Record<string, number> };
}

const counter = shippedCapsule('cnt_to_leds.mate');
let dir = '';
let key = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mote-security-'));
  key = join(dir, 'base.key');
  expect((await mote('keygen', '-o', key)).code).toBe(0);
});

describe('mote keygen', () => {
  it('writes a private key only its owner can read and a public key beside it', () => {
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const priv = readKey(readFileSync(key, 'utf8'), key);
    const pub = readKey(readFileSync(`${key}.pub`, 'utf8'), `${key}.pub`);
    expect(priv.ok && priv.key.privateKey !== undefined).toBe(true);
    expect(pub.ok && pub.key.privateKey === undefined).toBe(true);
  });

  it('never overwrites a key file without --force, and replaces both with it', async () => {
    const before = readFileSync(key, 'utf8');
    const again = await mote('keygen', '-o', key);
    expect(again).toMatchObject({ code: 1, err: `${key}: already exists (use --force to replace it)\n` });
    expect(readFileSync(key, 'utf8')).toBe(before);
    const other = join(dir, 'other.key');
    writeFileSync(`${other}.pub`, 'keep me');
    expect((await mote('keygen', '-o', other)).err).toBe(`${other}.pub: already exists (use --force to replace it)\n`);
    expect(existsSync(other)).toBe(false);
    const forced = await mote('keygen', '-o', other, '--force', '--json');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.out)).toMatchObject({ privateKey: other, publicKey: `${other}.pub` });
    expect(readFileSync(`${other}.pub`, 'utf8')).toContain('BEGIN PUBLIC KEY');
  });
});

describe('mote asm --sign', () => {
  it('stores a signature over the capsule that verifies under the public key', async () => {
    const out = join(dir, 'counter.cap');
    const r = await mote('asm', counter, '-o', out, '--sign', key, '--json');
    expect(r.code).toBe(0);
    const read = readCapsuleFile(new Uint8Array(readFileSync(out)), out);
    const pub = readKey(readFileSync(`${key}.pub`, 'utf8'), 'pub');
    expect(read.ok && pub.ok && read.signature !== undefined && verifyCapsule(pub.key.publicKey, read.capsule, read.signature)).toBe(true);
    expect(JSON.parse(r.out)).toHaveProperty('signedBy');
  });

  it('refuses to sign with a public key or a file that is not a key, in one line', async () => {
    expect(await mote('asm', counter, '-o', join(dir, 'x.cap'), '--sign', `${key}.pub`)).toMatchObject({ code: 1, err: `${key}.pub: a public key cannot sign; give the private key file\n` });
    expect((await mote('asm', counter, '-o', join(dir, 'x.cap'), '--sign', counter)).err).toBe(`${counter}: not a PEM key file (no -----BEGIN line; make one with mote keygen)\n`);
  });
});

async function simJson(...argv: string[]): Promise<SimJson> {
  const r = await mote('sim', '--topology', 'grid:5x5', '--spacing', '10', '--radio', 'disk', '--range', '15', '--seed', '3', ...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as SimJson;
}

describe('mote sim --attacker 17:version=4294967295', () => {
  it('takes an unsigned network over: every honest mote ends up running the rogue capsule', async () => {
    const s = await simJson('--insecure', '--inject', `${counter}@0:5s`, '--attacker', '17:version=4294967295', '--seconds', '120');
    const rogue = s.capsules.find((c) => c.rogue);
    const legit = s.capsules.find((c) => !c.rogue);
    expect(rogue).toMatchObject({ name: 'rogue@17', version: MAX_VERSION, coverage: 1 });
    expect(legit).toMatchObject({ name: 'cnt_to_leds', coverage: 0 });
    expect(s.security).toMatchObject({ mode: 'unsigned', attackers: [17], signatureChecks: 0 });
  });

  it('installs nowhere in a signed network, while the legitimate update still covers every honest mote', async () => {
    const s = await simJson('--key', key, '--inject', `${counter}@0:5s`, '--attacker', '17:version=4294967295', '--seconds', '300');
    const rogue = s.capsules.find((c) => c.rogue);
    const legit = s.capsules.find((c) => !c.rogue);
    expect(rogue).toMatchObject({ name: 'rogue@17', version: MAX_VERSION, coverage: 0 });
    expect(legit).toMatchObject({ name: 'cnt_to_leds', coverage: 1 });
    expect(legit?.coveredAt).toBeGreaterThan(5);
    expect(s.security.mode).toBe('signed');
    expect(s.security.signatureFailures).toBeGreaterThan(0);
    // Only the rogue's neighbours ever heard it: mote 17 sits at column 2, row 3 of the 5 x 5 grid, and
    // a 15 ft range at 10 ft spacing reaches the diagonals (14.1 ft).
    for (const m of Object.keys(s.security.rejectionsByMote).map(Number)) expect([11, 12, 13, 16, 18, 21, 22, 23]).toContain(m);
    // Each check is 32.6 M cycles, 8.2 s of a 4 MHz mote's CPU.
    expect(s.security.checkSeconds).toBeGreaterThan(8 * s.security.signatureChecks);
  });

  it('prints the rogue capsule and a security line in the text summary', async () => {
    const r = await mote('sim', '--topology', 'grid:5x5', '--spacing', '10', '--radio', 'disk', '--key', key, '--inject', `${counter}@0:5s`, '--attacker', '17:version=4294967295', '--seconds', '60');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^rogue capsule rogue@17 v4294967295: .*coverage 0\.0%/m);
    expect(r.out).toMatch(/^security: signed by [0-9a-f]{16}; \d+ signature checks \(\d+ failed\).*attackers at motes 17$/m);
  });
});

describe('mote sim --key with capsule files', () => {
  it('injects a file signed with mote asm --sign when only the public key is given', async () => {
    const cap = join(dir, 'signed.cap');
    expect((await mote('asm', counter, '-o', cap, '--sign', key)).code).toBe(0);
    const s = await simJson('--key', `${key}.pub`, '--inject', `${cap}@0:5s`, '--seconds', '200');
    expect(s.capsules[0]).toMatchObject({ coverage: 1 });
  });

  it('refuses an unsigned file, a file signed by another key and a re-versioned one, naming the file', async () => {
    const cap = join(dir, 'plain.cap');
    expect((await mote('asm', counter, '-o', cap)).code).toBe(0);
    const pub = `${key}.pub`;
    const base = ['sim', '--topology', 'line:3', '--key', pub, '--seconds', '1'];
    expect((await mote(...base, '--inject', `${cap}@0:1s`)).err).toBe(`${cap}: not signed; sign it with mote asm --sign, or give --key the private key\n`);
    const signed = join(dir, 'signed2.cap');
    await mote('asm', counter, '-o', signed, '--sign', key);
    const bumped = await mote(...base, '--inject', `${signed}@0:1s:v9`);
    expect(bumped).toMatchObject({ code: 1, err: `${signed}: its signature does not verify under ${pub} (signed with another key, or changed since, e.g. by :vN)\n` });
  });

  it('rejects contradictory and incomplete flags with one line and exit code 1', async () => {
    const base = ['sim', '--topology', 'line:20', '--seconds', '1'];
    expect(await mote(...base, '--key', key, '--insecure')).toMatchObject({ code: 1, err: '--key and --insecure contradict each other: give one\n' });
    expect((await mote(...base, '--attacker', '17:version=5')).err).toBe('--attacker needs --key FILE (signed code: the rogue installs nowhere) or --insecure (unsigned: it takes over)\n');
    expect((await mote(...base, '--insecure', '--attacker', '20:version=5')).err).toBe("--attacker '20:version=5': want a mote id from 0 to 19 before the colon, e.g. 17:version=4294967295\n");
    expect((await mote(...base, '--insecure', '--attacker', '3:version=4294967296')).err).toBe("--attacker '3:version=4294967296': version must be 0 to 4294967295, got '4294967296'\n");
    expect((await mote(...base, '--insecure', '--attacker', '3:type=bogus,version=1')).err).toBe("--attacker '3:type=bogus,version=1': type must be one of sub0, sub1, sub2, sub3, clock, send, receive, once, got 'bogus'\n");
    expect((await mote(...base, '--insecure', '--attacker', '3')).err).toBe("--attacker '3': want version=N, e.g. 17:version=4294967295\n");
    expect((await mote(...base, '--insecure', '--attacker', '3:version=1,colour=red')).err).toBe("--attacker '3:version=1,colour=red': unknown field 'colour'; want version=N, type=T or at=TIME\n");
    expect((await mote(...base, '--insecure', '--attacker', '3:version=1', '--attacker', '3:version=2')).err).toBe('--attacker: mote 3 is named twice\n');
    expect((await mote(...base, '--key', join(dir, 'missing.key'))).err).toBe(`${join(dir, 'missing.key')}: no such file\n`);
  });
});
