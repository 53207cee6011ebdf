/** scoreTwins as a whole: nothing known → eight abstentions; a 90-day snapshot scores fast. */
import { describe, expect, it } from 'vitest';
import { dated, daySeries, emptyFeatures, nightSeries, withFacts } from '../testing/feature-factory.js';
import { TWIN_NAMES } from '../twin-score.js';
import { scoreTwins } from './index.js';

const asOf = '2026-06-30T12:00:00Z';

describe('scoreTwins', () => {
  it('abstains on every twin when nothing is known, never a default number', () => {
    const scores = scoreTwins(emptyFeatures(asOf));
    expect(Object.keys(scores).sort()).toEqual([...TWIN_NAMES].sort());
    for (const twin of TWIN_NAMES) {
      expect(scores[twin]).toMatchObject({ twin, score: null, status: 'insufficient_data', components: [], models: [] });
      expect(scores[twin].data_sufficiency.missing.length).toBeGreaterThan(0);
    }
  });

  it('cuts days in the snapshot zone and falls back to UTC with a note for an unknown zone', () => {
    const f = withFacts(emptyFeatures(asOf), {
      time_zone: 'Mars/Olympus',
      nights: nightSeries(asOf, 7, () => ({ bedtimeHour: 23, asleepHours: 8 })),
    });
    const scores = scoreTwins(f);
    expect(scores.sleep.notes[0]).toContain('unknown');
    expect(scores.sleep.score).not.toBeNull();
  });

  it('scores a 90-day snapshot in well under 50 ms', () => {
    const f = withFacts(emptyFeatures(asOf), {
      time_zone: 'Europe/Paris',
      profile: { age_years: 50, sex: 'female', height_cm: 165, weight_kg: dated(70, asOf) },
      environment: { temp_c: dated(25, asOf), rh_percent: dated(40, asOf), pm25_24h_ugm3: dated(10, asOf) },
      occupation: { physical_demand: 'moderate' },
      questionnaires: { phq9: { total: 4, item9: 0, at: asOf }, gad7: null },
      days: daySeries(asOf, 90, (i) => ({
        resting_hr_bpm: 60 + (i % 5),
        hrv_sdnn_ms: 40 + (i % 7),
        steps: 6000 + 100 * (i % 9),
        exercise_minutes: 30,
        noise_dba: 65,
      })),
      nights: nightSeries(asOf, 90, (i) => ({ bedtimeHour: 22 + (i % 3) * 0.5, asleepHours: 7 + (i % 4) * 0.25 })),
    });
    for (let i = 0; i < 5; i++) scoreTwins(f); // warm up
    const runs = 20;
    const start = performance.now();
    for (let i = 0; i < runs; i++) scoreTwins(f);
    const perSnapshot = (performance.now() - start) / runs;
    expect(perSnapshot).toBeLessThan(50);
  });
});
