/**
 * Fatigue twin. KSS values come from the library three-process model (verified against FIPS in its own tests); the
 * twin must read the right epoch and map it by hand on the KSS anchors. Hours awake and prior sleep are hand-derived.
 */
import { describe, expect, it } from 'vitest';
import { emptyFeatures, nightSeries, withFacts } from '../testing/feature-factory.js';
import { scoringContext } from './context.js';
import { scoreFatigue } from './fatigue.twin.js';
import { kssSubScore, modelKss, round1, sleeper } from './fatigue-driving.test-helpers.js';
import { forecastFatigue } from '../model-inputs/index.js';
import { TWIN_FATIGUE_FORECAST } from './shared/alertness.js';
import { sleepSignals } from './shared/sleep-signals.js';

const score = (ctx: ReturnType<typeof scoringContext>) => {
  const sleep = sleepSignals(ctx);
  return scoreFatigue(ctx, sleep, forecastFatigue(ctx.features, TWIN_FATIGUE_FORECAST));
};

describe('fatigue twin', () => {
  it('after a week of 8-hour nights, at noon', () => {
    const asOf = '2026-06-30T12:00:00Z';
    const s = score(sleeper(asOf).ctx);
    const c = Object.fromEntries(s.components.map((x) => [x.id, x]));
    const kssNow = modelKss(asOf);
    expect(kssNow).toBeGreaterThan(2);
    expect(kssNow).toBeLessThan(5);
    expect(c.predicted_kss_now).toMatchObject({ sub_score: round1(kssSubScore(kssNow)), model: 'three-process-model@1.0.0' });
    expect(c.predicted_kss_now!.value).toBeCloseTo(kssNow, 2);
    expect(c.hours_awake).toMatchObject({ value: 5, sub_score: 100, model: 'wakefulness-bac@1.0.0' }); // < 10 h → BAC 0
    expect(c.sleep_last_24h).toMatchObject({ value: 8, sub_score: 100 }); // ≥ 7 h
    expect(c.sleep_last_48h).toMatchObject({ value: 16, sub_score: 100 }); // ≥ 14 h
    const peak = c.predicted_kss_peak_8h!;
    expect(peak.value).toBeGreaterThanOrEqual(c.predicted_kss_now!.value);
    const expected = Math.round((30 * c.predicted_kss_now!.sub_score + 15 * peak.sub_score + 15 * 100 + 20 * 100 + 20 * 100) / 100);
    expect(s.score).toBe(expected);
    expect(s.data_sufficiency).toMatchObject({ sufficient: true, present: ['nights'], window_days: 7, coverage: 1 });
  });

  it('a 4-hour last night: prior sleep 4 h → 40 and 12 h over 48 h → 50', () => {
    const s = score(sleeper('2026-06-30T12:00:00Z', 4).ctx);
    const c = Object.fromEntries(s.components.map((x) => [x.id, x]));
    expect(c.sleep_last_24h).toMatchObject({ value: 4, sub_score: 40 }); // 0 → 0, 5 → 50
    expect(c.sleep_last_48h).toMatchObject({ value: 12, sub_score: 50 }); // the Dawson & McCulloch 12 h threshold
    expect(c.predicted_kss_now!.value).toBeCloseTo(modelKss('2026-06-30T12:00:00Z', 4), 2);
  });

  it('needs the last 3 nights', () => {
    const f = withFacts(emptyFeatures('2026-06-30T12:00:00Z'), {
      nights: nightSeries('2026-06-30T12:00:00Z', 2, () => ({ bedtimeHour: 23, asleepHours: 8 })),
    });
    const s = score(scoringContext(f));
    expect(s).toMatchObject({ score: null, status: 'insufficient_data', components: [] });
    expect(s.data_sufficiency.missing).toEqual([{ input: 'nights', need: 'main sleeps on the last 3 consecutive nights (found 2)' }]);
  });

  it('does not read a missing night as a night awake', () => {
    const s = score(sleeper('2026-07-01T12:00:00Z').ctx); // last sleep ended 29 h before as_of
    expect(s.score).toBeNull();
    expect(s.data_sufficiency.missing[0]!.need).toContain('awake since, or a night not recorded?');
  });
});
