// The mica's three LEDs (red 1, green 2, yellow 4) as the VM sets them. SPEC 2 gives no LED current,
// so LEDs cost no energy here; their changes go to the trace (and the dashboard).

import type { World } from './world.js';

export const LED_NAMES = ['red', 'green', 'yellow'] as const;

export function setLeds(w: World, m: number, leds: number): void {
  if (w.leds[m] === leds) return;
  w.leds[m] = leds;
  w.stats.ledChanges++;
  if (w.tracing) w.emit({ t: w.moteTime(m), e: 'led', m, leds });
}

/** `101 red+yellow`: bits yellow green red, then the names of those lit. */
export function ledText(leds: number): string {
  const bits = [4, 2, 1].map((b) => (leds & b ? '1' : '0')).join('');
  const on = LED_NAMES.filter((_, i) => leds & (1 << i));
  return `${bits} ${on.length ? on.join('+') : 'off'}`;
}
