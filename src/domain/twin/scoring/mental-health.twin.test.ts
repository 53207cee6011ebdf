/** Mental-health twin. Expected numbers derived by hand from the severity ladders and weights in mental-health.twin.ts. */
import { describe, expect, it } from 'vitest';
import { daySeries, emptyFeatures, nightSeries, withFacts, type FeatureFacts } from '../testing/feature-factory.js';
import { scoringContext } from './context.js';
import { scoreMentalHealth } from './mental-health.twin.js';
import { sleepSignals } from './shared/sleep-signals.js';

const asOf = '2026-06-30T12:00:00Z';
const passive: FeatureFacts = {
  profile: { age_years: 35 },
  nights: nightSeries(asOf, 14, () => ({ bedtimeHour: 23, asleepHours: 8, efficiency: 1 })),
  days: daySeries(asOf, 36, () => ({ steps: 8000 })),
};
const score = (facts: FeatureFacts) => {
  const ctx = scoringContext(withFacts(emptyFeatures(asOf), facts));
  return scoreMentalHealth(ctx, sleepSignals(ctx));
};

describe('mental-health twin', () => {
  it('PHQ-9 moderate and GAD-7 minimal, with passive signals as secondary', () => {
    const s = score({
      ...passive,
      questionnaires: { phq9: { total: 12, item9: 0, at: '2026-06-20T09:00:00Z' }, gad7: { total: 4, at: '2026-06-20T09:00:00Z' } },
    });
    const c = Object.fromEntries(s.components.map((x) => [x.id, x]));
    expect(c.phq9).toMatchObject({ value: 12, sub_score: 50, model: 'phq9@1.0.0' }); // moderate: 3rd of 5
    expect(c.gad7).toMatchObject({ value: 4, sub_score: 100, model: 'gad7@1.0.0' }); // minimal
    expect(c.sleep_regularity!.sub_score).toBe(100); // identical nights: SRI 100
    expect(c.sleep_duration!.sub_score).toBe(100); // 8 h
    expect(c.activity_vs_baseline).toMatchObject({ value: 1, sub_score: 100 }); // steps at the baseline
    // (45·50 + 35·100 + 7·100 + 7·100 + 6·100) / 100 = 77.5 → 78
    expect(s.score).toBe(78);
    expect(c.sleep_regularity!.weight + c.sleep_duration!.weight + c.activity_vs_baseline!.weight).toBeCloseTo(0.2, 12);
  });

  it('a positive PHQ-9 item 9 caps the score at 49 whatever the total', () => {
    const s = score({ ...passive, questionnaires: { phq9: { total: 3, item9: 1, at: '2026-06-20T09:00:00Z' }, gad7: null } });
    expect(s.score).toBe(49);
    expect(s.status).toBe('poor');
    expect(s.notes.join(' ')).toContain('item 9');
  });

  it('passive signals alone never make a mental-health score', () => {
    const s = score(passive);
    expect(s).toMatchObject({ score: null, status: 'insufficient_data', components: [] });
    expect(s.data_sufficiency.missing.map((m) => m.input)).toEqual(['questionnaires.phq9', 'questionnaires.gad7']);
    expect(s.notes.join(' ')).toContain('passive signals alone do not measure depression or anxiety');
  });

  it('a questionnaire older than 28 days is not used', () => {
    const s = score({ questionnaires: { phq9: { total: 2, item9: 0, at: '2026-05-01T09:00:00Z' }, gad7: null } });
    expect(s.score).toBeNull();
    expect(s.notes.join(' ')).toContain('more than 28');
  });

  it('with a questionnaire and no passive data, the questionnaire alone scores', () => {
    const s = score({ questionnaires: { phq9: null, gad7: { total: 16, at: '2026-06-29T09:00:00Z' } } });
    expect(s.components.map((c) => c.id)).toEqual(['gad7']);
    expect(s.score).toBe(0); // severe: last of 4
  });
});
