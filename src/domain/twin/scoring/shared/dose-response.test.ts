import { describe, expect, it } from 'vitest';
import { interpolate, ladderScore, relativeRiskScore, scoreOn, scoreOnRisk } from './dose-response.js';

describe('dose-response helpers', () => {
  const curve = {
    anchors: [
      [0, 0],
      [5, 50],
      [7, 100],
    ] as const,
    source: 'test',
  };

  it('interpolates between anchors and holds the end values outside', () => {
    expect(scoreOn(curve, 2.5)).toBe(25);
    expect(scoreOn(curve, 6)).toBe(75);
    expect(scoreOn(curve, -3)).toBe(0);
    expect(scoreOn(curve, 12)).toBe(100);
    expect(
      interpolate(5, [
        [5, 1],
        [5, 2],
      ]),
    ).toBe(1);
    expect(() => interpolate(Number.NaN, curve.anchors)).toThrow(RangeError);
  });

  it('turns relative risk into a sub-score: 1 → 100, 1.5 → 50, ≥ 2 → 0, protective → 100', () => {
    expect(relativeRiskScore(1)).toBe(100);
    expect(relativeRiskScore(1.5)).toBe(50);
    expect(relativeRiskScore(2.9)).toBe(0);
    expect(relativeRiskScore(0.8)).toBe(100);
    expect(
      scoreOnRisk(
        {
          anchors: [
            [4.5, 2.9],
            [5.5, 1.9],
            [6.5, 1.3],
            [7, 1],
          ],
          source: 'Tefft 2018',
        },
        6,
      ),
    ).toBeCloseTo(40, 10);
  });

  it('spreads a classification evenly from 100 to 0', () => {
    const ladder = ['normal', 'elevated', 'stage_1', 'stage_2', 'hypertensive_crisis'] as const;
    expect(ladder.map((c) => ladderScore(ladder, c))).toEqual([100, 75, 50, 25, 0]);
    expect(ladderScore(['only'], 'only')).toBe(100);
    expect(() => ladderScore<string>(ladder, 'unknown')).toThrow(RangeError);
  });
});
