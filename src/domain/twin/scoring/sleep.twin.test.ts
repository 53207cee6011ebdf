/** Sleep twin. Expected numbers derived by hand from the anchors in sleep.twin.ts and docs/health-data.md (NSF bands, sleep debt). */
import { describe, expect, it } from 'vitest';
import { emptyFeatures, nightSeries, withFacts } from '../testing/feature-factory.js';
import { scoringContext } from './context.js';
import { sleepSignals } from './shared/sleep-signals.js';
import { scoreSleep } from './sleep.twin.js';

const asOf = '2026-06-30T12:00:00Z';
const run = (nights: ReturnType<typeof nightSeries>, age: number | null = 40) => {
  const ctx = scoringContext(withFacts(emptyFeatures(asOf), { profile: { age_years: age }, nights }));
  return scoreSleep(ctx, sleepSignals(ctx));
};
const byId = (s: ReturnType<typeof scoreSleep>) => Object.fromEntries(s.components.map((c) => [c.id, c]));

describe('sleep twin', () => {
  it('scores 14 regular nights of 6.5 h at 80 % efficiency by hand', () => {
    const s = run(nightSeries(asOf, 14, () => ({ bedtimeHour: 23, asleepHours: 6.5, efficiency: 0.8 })));
    const c = byId(s);
    expect(c.sleep_duration).toMatchObject({ value: 6.5, sub_score: 75 }); // 26-64: 6 h → 50, 7 h → 100
    expect(c.sleep_efficiency).toMatchObject({ value: 0.8, sub_score: 54.5 }); // (0.80 − 0.74)/(0.85 − 0.74) = 54.5 %
    expect(c.sleep_regularity).toMatchObject({ value: 100, sub_score: 100, model: 'sleep-regularity-index@1.0.0' }); // identical days
    expect(c.sleep_debt).toMatchObject({ value: 21, sub_score: 25 }); // 14 × (8 − 6.5) = 21 h: 50 − 50·7/14
    // (35·75 + 15·54.5 + 20·100 + 30·25) / 100 = (2625 + 817.5 + 2000 + 750) / 100 = 61.9 → 62
    expect(s.score).toBe(62);
    expect(s.status).toBe('fair');
    expect(s.data_sufficiency).toMatchObject({ sufficient: true, window_days: 14, coverage: 1 });
  });

  it('needs 7 consecutive nights for regularity and says so', () => {
    const nights = nightSeries(asOf, 14, () => ({ bedtimeHour: 23, asleepHours: 8 })).filter((_, i) => i !== 9);
    const s = run(nights);
    expect(s.components.map((c) => c.id)).not.toContain('sleep_regularity');
    expect(s.data_sufficiency.missing).toContainEqual({
      input: 'nights.sleep_start/sleep_end',
      need: 'main sleeps on at least 7 consecutive nights (the latest run has 4)',
    });
    expect(s.score).toBe(100);
  });

  it('shifts every other night by 4 h: the SRI falls and so does the score', () => {
    const regular = run(nightSeries(asOf, 14, () => ({ bedtimeHour: 23, asleepHours: 8, efficiency: 1 })));
    const shifted = run(nightSeries(asOf, 14, (i) => ({ bedtimeHour: i % 2 === 0 ? 23 : 27, asleepHours: 8, efficiency: 1 })));
    // 23:00-07:00 against 03:00-11:00: 23-03 and 07-11 differ, 16 of the 48 half-hour epochs of every day:
    // SRI = −100 + 200 · (48 − 16)/48 = 33.3
    expect(byId(shifted).sleep_regularity!.value).toBeCloseTo(33.33, 2);
    expect(shifted.score!).toBeLessThan(regular.score!);
  });

  it('abstains with fewer than 4 of the last 7 nights, and never counts a missing night as sleep or as none', () => {
    const s = run(nightSeries(asOf, 3, () => ({ bedtimeHour: 23, asleepHours: 8 })));
    expect(s).toMatchObject({ score: null, status: 'insufficient_data', components: [] });
    expect(s.data_sufficiency.missing.map((m) => m.input)).toEqual(
      expect.arrayContaining(['nights.asleep_minutes', 'nights (14-night debt)']),
    );
    expect(s.data_sufficiency.coverage).toBeCloseTo(3 / 14, 12);
  });

  it('leaves efficiency out when time in bed is unknown', () => {
    const nights = nightSeries(asOf, 14, () => ({ bedtimeHour: 23, asleepHours: 8 })).map((n) => ({
      ...n,
      efficiency: null,
      in_bed_minutes: null,
    }));
    const s = run(nights);
    expect(s.components.map((c) => c.id)).toEqual(['sleep_duration', 'sleep_regularity', 'sleep_debt']);
    expect(s.data_sufficiency.missing.map((m) => m.input)).toContain('nights.efficiency');
  });
});
