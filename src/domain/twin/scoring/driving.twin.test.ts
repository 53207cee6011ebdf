/** Driving twin. Hand-derived: hours awake on the Dawson & Reid anchors, sleep in the last 24 h on Tefft 2018's odds. */
import { describe, expect, it } from 'vitest';
import { emptyFeatures, withFacts } from '../testing/feature-factory.js';
import { scoringContext } from './context.js';
import { scoreDriving } from './driving.twin.js';
import { kssSubScore, modelKss, round1, sleeper } from './fatigue-driving.test-helpers.js';
import { forecastFatigue } from '../model-inputs/index.js';
import { TWIN_FATIGUE_FORECAST } from './shared/alertness.js';
import { sleepSignals } from './shared/sleep-signals.js';

const score = (ctx: ReturnType<typeof scoringContext>) => {
  const sleep = sleepSignals(ctx);
  return scoreDriving(ctx, sleep, forecastFatigue(ctx.features, TWIN_FATIGUE_FORECAST));
};

describe('driving twin', () => {
  it('at 01:00 after waking at 07:00: 18 h awake, 6 h slept in the last 24 h', () => {
    const asOf = '2026-07-01T01:00:00Z';
    const s = score(sleeper(asOf).ctx);
    const c = Object.fromEntries(s.components.map((x) => [x.id, x]));
    // 18 h → BAC 0.05 + 0.05/7 = 0.05714 % → 50 − 50·0.00714/0.05 = 42.9
    expect(c.hours_awake).toMatchObject({ value: 18, sub_score: 42.9 });
    // the night 23:00-07:00 overlaps the last 24 h (from 01:00) by 6 h: odds 1.9 + (1.3 − 1.9)·0.5 = 1.6 → 100 − 60 = 40
    expect(c.sleep_last_24h).toMatchObject({ value: 6, sub_score: 40 });
    const kssNow = modelKss(asOf);
    expect(kssNow).toBeGreaterThan(6); // the circadian trough after 18 h awake
    expect(c.predicted_kss_now).toMatchObject({ sub_score: round1(kssSubScore(kssNow)) });
    expect(c.predicted_kss_peak_2h!.value).toBeGreaterThanOrEqual(kssNow);
    const expected = Math.round(
      (30 * c.predicted_kss_now!.sub_score + 20 * c.predicted_kss_peak_2h!.sub_score + 25 * 42.9 + 25 * 40) / 100,
    );
    expect(s.score).toBe(expected);
    expect(s.status).toBe('poor');
  });

  it('is better at noon after a full night than at 01:00 after a long day', () => {
    const noon = score(sleeper('2026-06-30T12:00:00Z').ctx);
    const night = score(sleeper('2026-07-01T01:00:00Z').ctx);
    expect(noon.score!).toBeGreaterThan(night.score!);
  });

  it('abstains without sleep data', () => {
    const s = score(scoringContext(emptyFeatures('2026-06-30T12:00:00Z')));
    expect(s).toMatchObject({ score: null, status: 'insufficient_data' });
    expect(s.data_sufficiency.missing[0]!.input).toBe('nights');
    expect(withFacts(emptyFeatures(), {}).nights).toEqual([]);
  });
});
