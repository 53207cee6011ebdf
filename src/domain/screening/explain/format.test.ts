import { describe, expect, it } from 'vitest';
import { fmtValue } from './format.js';

describe('fmtValue', () => {
  it('groups integers exactly as en-US toLocaleString does', () => {
    const samples = [0, -0, 1, 7, 12, 999, 1000, 1001, 12_345, 99_999, 100_000, 1_234_567, -1, -999, -1000, -1_234_567];
    for (let n = 1; n < 1e16; n *= 7) samples.push(n, -n, n + 1);
    samples.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21, -1e21, 1e300);
    for (const value of samples) expect(fmtValue(value), String(value)).toBe(value.toLocaleString('en-US'));
  });

  it('keeps at most two decimals for fractions', () => {
    expect(fmtValue(6.5)).toBe('6.5');
    expect(fmtValue(0.8512)).toBe('0.85');
    expect(fmtValue(-2.005)).toBe(String(Number((-2.005).toFixed(2))));
  });
});
