import { describe, expect, it } from 'vitest';
import { trendOf } from './trend.js';

describe('trendOf', () => {
  it('calls a rise of five points or more improving and a fall of five or more declining', () => {
    expect(trendOf(80, 75)).toBe('improving');
    expect(trendOf(70, 75)).toBe('declining');
  });
  it('calls smaller changes stable', () => {
    expect(trendOf(79, 75)).toBe('stable');
    expect(trendOf(71, 75)).toBe('stable');
  });
  it('gives no trend without both scores', () => {
    expect(trendOf(null, 75)).toBeNull();
    expect(trendOf(80, null)).toBeNull();
    expect(trendOf(80, undefined)).toBeNull();
  });
});
