// Number formatting for the dashboard: durations, energy, currents, counts, bars and sparklines.

import { describe, expect, it } from 'vitest';
import { bar, formatCount, formatCurrent, formatDuration, formatJoules, sparkline } from '../../cli/dash/format.js';

describe('formatting', () => {
  it('writes durations in the largest readable unit', () => {
    expect(formatDuration(12.34)).toBe('12.3 s');
    expect(formatDuration(245.9)).toBe('4 min 05 s');
    expect(formatDuration(3 * 3600 + 720)).toBe('3.2 h');
    expect(formatDuration(10_260_000)).toBe('118.8 d');
    expect(formatDuration(3 * 365 * 86400)).toBe('3.0 y');
    expect(formatDuration(Infinity)).toBe('never');
  });

  it('writes energy, current and counts with their units', () => {
    expect(formatJoules(0.0005)).toBe('500 uJ');
    expect(formatJoules(0.25)).toBe('250.0 mJ');
    expect(formatJoules(12.345)).toBe('12.35 J');
    expect(formatJoules(2500)).toBe('2.50 kJ');
    expect(formatCurrent(250)).toBe('250.0 uA');
    expect(formatCurrent(1600)).toBe('1.60 mA');
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(12_345)).toBe('12.3k');
    expect(formatCount(4_560_000)).toBe('4.56M');
  });

  it('fills a bar only as far as the fraction reaches, full only at 1', () => {
    expect(bar(0, 10)).toBe('----------');
    expect(bar(0.35, 10)).toBe('###-------');
    expect(bar(0.999, 10)).toBe('#########-');
    expect(bar(1, 10)).toBe('##########');
  });

  it('draws the last values of a sparkline scaled to their maximum', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([100, 0, 7, 14], 3)).toBe('▁▅█');
    expect(sparkline([0, 0], 5)).toBe('▁▁');
    expect(sparkline([], 5)).toBe('');
  });
});
