import { describe, expect, it } from 'vitest';
import { weightedScore, type ComponentDraft } from './weighted-score.js';

const draft = (id: string, subScore: number, weight: number): ComponentDraft => ({
  id,
  label: id,
  value: 1,
  unit: 'x',
  subScore,
  weight,
  model: null,
});

describe('weightedScore', () => {
  it('renormalises the weights of the components present and rounds once, halves up', () => {
    // (20·82.2 + 25·83) / 45 = 3719 / 45 = 82.64 → 83
    const { score, components } = weightedScore([draft('a', 82.2, 20), draft('b', 83, 25)]);
    expect(score).toBe(83);
    expect(components.map((c) => c.weight)).toEqual([20 / 45, 25 / 45]);
    // exactly x.5: (50 + 51) / 2 = 50.5 → 51
    expect(weightedScore([draft('a', 50, 10), draft('b', 51, 10)]).score).toBe(51);
  });

  it('publishes sub-scores to 0.1 and sums what it publishes', () => {
    const { score, components } = weightedScore([draft('a', 66.666666, 10), draft('b', 33.333333, 10)]);
    expect(components.map((c) => c.sub_score)).toEqual([66.7, 33.3]);
    expect(score).toBe(50);
  });

  it('refuses no components and sub-scores outside 0-100', () => {
    expect(() => weightedScore([])).toThrow(RangeError);
    expect(() => weightedScore([draft('a', 101, 10)])).toThrow(RangeError);
  });
});
