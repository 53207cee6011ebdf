/** Occupational twin. Expected numbers derived by hand from the NIOSH limits and weights in occupational.twin.ts. */
import { describe, expect, it } from 'vitest';
import { dated, emptyFeatures, withFacts, type FeatureFacts } from '../testing/feature-factory.js';
import type { TwinScore } from '../twin-score.js';
import { scoringContext } from './context.js';
import { sleeper } from './fatigue-driving.test-helpers.js';
import { scoreOccupational, shiftHoursLeft } from './occupational.twin.js';
import { forecastFatigue } from '../model-inputs/index.js';
import { TWIN_FATIGUE_FORECAST } from './shared/alertness.js';

const asOf = '2026-06-30T12:00:00Z';
const cardiac = (score: number | null): TwinScore => ({
  twin: 'cardiac',
  score,
  status: score === null ? 'insufficient_data' : 'good',
  components: [],
  models: [],
  data_sufficiency: { sufficient: score !== null, present: [], missing: [], window_days: 35, coverage: 1 },
  notes: [],
});
const score = (facts: FeatureFacts, cardiacScore: number | null) => {
  const ctx = scoringContext(withFacts(emptyFeatures(asOf), facts));
  return scoreOccupational(ctx, forecastFatigue(ctx.features, TWIN_FATIGUE_FORECAST), cardiac(cardiacScore));
};

describe('occupational twin', () => {
  it('is insufficient when the occupation is not stated', () => {
    const s = score({ environment: { temp_c: dated(24, asOf), rh_percent: dated(50, asOf) } }, 80);
    expect(s).toMatchObject({ score: null, status: 'insufficient_data' });
    expect(s.data_sufficiency.missing[0]!.input).toBe('occupation.physical_demand');
  });

  it('moderate work at 24 °C, 50 % RH, with a cardiac score of 80 and no sleep data', () => {
    const s = score(
      { occupation: { physical_demand: 'moderate' }, environment: { temp_c: dated(24, asOf), rh_percent: dated(50, asOf) } },
      80,
    );
    // e = 0.5 · 6.105 · exp(17.27·24/261.7) = 14.876 hPa; WBGT = 0.567·24 + 0.393·14.876 + 3.94 = 23.394 °C
    // 300 W: RAL = 59.9 − 14.1·log10 300 = 24.973, REL = 56.7 − 11.5·log10 300 = 28.213; 100 at RAL − 3.240 = 21.733
    // sub-score = 100 − 50·(23.394 − 21.733)/3.240 = 74.4
    const heat = s.components.find((c) => c.id === 'heat_strain')!;
    expect(heat.value).toBeCloseTo(23.39, 2);
    expect(heat.sub_score).toBe(74.4);
    // (30·74.4 + 30·80) / 60 = 77.2 → 77; the fatigue components are missing (no nights), not assumed
    expect(s.score).toBe(77);
    expect(s.data_sufficiency.missing.map((m) => m.input)).toEqual(['nights']);
  });

  it('uses the rest of the shift when as_of falls inside it', () => {
    const { features } = sleeper(asOf);
    const f = withFacts(features, { occupation: { physical_demand: 'light', shift_start_local: '09:00', shift_end_local: '17:00' } });
    const ctx = scoringContext(f);
    expect(shiftHoursLeft(ctx, '09:00', '17:00')).toBe(5);
    expect(shiftHoursLeft(ctx, '22:00', '06:00')).toBeNull();
    expect(shiftHoursLeft(ctx, '22:00', '14:00')).toBe(2); // crosses midnight
    const s = scoreOccupational(ctx, forecastFatigue(ctx.features, TWIN_FATIGUE_FORECAST), cardiac(null));
    expect(s.components.map((c) => c.id)).toEqual(['predicted_kss_rest_of_shift', 'sleep_last_24h', 'sleep_last_48h']);
    expect(s.data_sufficiency.missing.map((m) => m.input)).toEqual(['environment.temp_c/rh_percent', 'cardiac twin']);
  });
});
