// The shipped sample capsules (capsules/*.mate) assemble cleanly and pass the verifier.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../assembler/assemble.js';
import { disassemble } from '../../assembler/disassemble.js';
import { verify } from '../../assembler/verify.js';

const dir = join(import.meta.dirname, '..', '..', 'capsules');
const files = readdirSync(dir).filter((f) => f.endsWith('.mate')).sort();

function load(file: string) {
  const result = assemble(readFileSync(join(dir, file), 'utf8'), `capsules/${file}`);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result;
}

describe('sample capsules', () => {
  test('the five samples are all there', () => {
    expect(files).toEqual(['blink_loop.mate', 'blink_loop_sub0.mate', 'cnt_to_leds.mate', 'sense_and_send.mate', 'sense_to_leds.mate']);
  });

  test.each(files)('%s assembles, verifies, fits one packet and survives a disassembly round trip', (file) => {
    const { capsule } = load(file);
    expect(capsule.name).toBe(file.replace(/\.mate$/, ''));
    expect(verify(capsule)).toMatchObject({ ok: true, errors: [], classic: true });
    const again = assemble(disassemble(capsule));
    expect(again.ok && again.capsule).toEqual(capsule);
  });

  test('each sample has the expected type, size and instruction count', () => {
    const summary = Object.fromEntries(
      files.map((f) => {
        const { capsule, instructions } = load(f);
        return [f, [capsule.type, capsule.code.length, instructions]];
      }),
    );
    expect(summary).toEqual({
      'blink_loop.mate': ['clock', 4, 4],
      'blink_loop_sub0.mate': ['sub0', 11, 10],
      'cnt_to_leds.mate': ['clock', 9, 9],
      'sense_and_send.mate': ['clock', 7, 7],
      'sense_to_leds.mate': ['clock', 9, 9],
    });
  });

  test('the counter is the Maté guide program byte for byte', () => {
    expect(Array.from(load('cnt_to_leds.mate').capsule.code)).toEqual([0x23, 0xc1, 0x07, 0x0a, 0x24, 0xc7, 0x02, 0x19, 0x00]);
  });

  test('blink_loop_sub0 loops back to its start and returns at done', () => {
    const { labels, capsule } = load('blink_loop_sub0.mate');
    expect(labels).toEqual({ loop: 0, done: 10 });
    expect(capsule.code[9]).toBe(0x00); // jump's operand: back to loop
    expect(verify(capsule).maxDepth).toBe(2);
  });
});
