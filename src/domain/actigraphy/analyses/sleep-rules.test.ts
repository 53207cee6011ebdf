/**
 * Webster's rescoring and the Tudor-Locke period rule on hand-built sleep/wake strings; expected values follow the
 * rules as written in Cole et al. 1992 (Webster a–e) and Tudor-Locke et al. 2014 (5 sleep minutes start a period, 10
 * wake minutes end it, periods < 160 min dropped).
 */
import { describe, expect, it } from 'vitest';
import { sleepPeriods } from './sleep-periods.js';
import { websterRescore } from './sleep-scoring.js';

const states = (text: string) => Uint8Array.from(text.replace(/\s/g, ''), (c) => (c === 'S' ? 1 : 0));
const text = (s: Uint8Array) => Array.from(s, (v) => (v ? 'S' : 'W')).join('');
const repeat = (c: string, n: number) => c.repeat(n);

describe('Webster rescoring', () => {
  it('(a) after 4 wake minutes the next sleep minute is wake', () => {
    expect(text(websterRescore(states('SSWWWWSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS')))).toBe('SSWWWWW' + repeat('S', 29));
  });
  it('(b) after 10 wake minutes the next 3, (c) after 15 the next 4', () => {
    const b = websterRescore(states('S' + repeat('W', 10) + repeat('S', 30)));
    expect(text(b)).toBe('S' + repeat('W', 13) + repeat('S', 27));
    const c = websterRescore(states('S' + repeat('W', 15) + repeat('S', 30)));
    expect(text(c)).toBe('S' + repeat('W', 19) + repeat('S', 26));
  });
  it('(d) 6 sleep minutes between 10 wake minutes each side become wake; (e) 10 between 20', () => {
    const d = websterRescore(states(repeat('S', 3) + repeat('W', 10) + repeat('S', 9) + repeat('W', 10) + repeat('S', 3)));
    // 9 sleep minutes: (b) makes the first 3 wake, leaving 6 surrounded by ≥ 10 wake, which (d) rescores; (b) also
    // rescores the last 3 minutes (they follow 10 wake minutes).
    expect(text(d)).toBe(repeat('S', 3) + repeat('W', 32));
    const e = websterRescore(states('S' + repeat('W', 20) + repeat('S', 14) + repeat('W', 20) + 'S'));
    // 14 sleep minutes: (c) takes 4, leaving 10 between ≥ 20 wake, which (e) rescores; (c) also takes the last minute.
    expect(text(e)).toBe('S' + repeat('W', 55));
  });
  it('leaves runs touching the series ends alone', () => {
    expect(text(websterRescore(states(repeat('S', 5) + repeat('W', 30))))).toBe(repeat('S', 5) + repeat('W', 30));
  });
});

describe('Tudor-Locke sleep periods', () => {
  const none = (n: number) => new Uint8Array(n);
  it('starts at 5 consecutive sleep minutes, ends before 10 wake minutes, keeps ≥ 160 min', () => {
    const s = states(
      repeat('W', 20) + 'SSSS' + 'W' + repeat('S', 200) + repeat('W', 9) + repeat('S', 30) + repeat('W', 10) + repeat('S', 100),
    );
    const periods = sleepPeriods(s, none(s.length));
    expect(periods).toEqual([{ onset: 25, end: 25 + 200 + 9 + 30 }]);
  });
  it('drops periods shorter than 160 minutes and ends periods at a gap', () => {
    const s = states(repeat('S', 159) + repeat('W', 10) + repeat('S', 300));
    const gaps = none(s.length);
    gaps.fill(1, 300, 310);
    // The gap cuts 169–469 into 131 and 159 minutes: both too short.
    expect(sleepPeriods(s, gaps)).toEqual([]);
    expect(sleepPeriods(s, none(s.length))).toEqual([{ onset: 169, end: 469 }]);
  });
});
