/** Environmental twin. Expected numbers derived by hand from the NWS, EPA and NIOSH anchors in environmental.twin.ts. */
import { describe, expect, it } from 'vitest';
import { dated, daySeries, emptyFeatures, withFacts, type FeatureFacts } from '../testing/feature-factory.js';
import { scoringContext } from './context.js';
import { scoreEnvironmental } from './environmental.twin.js';

const asOf = '2026-06-30T12:00:00Z';
const score = (facts: FeatureFacts) => scoreEnvironmental(scoringContext(withFacts(emptyFeatures(asOf), facts)));

describe('environmental twin', () => {
  it('a warm, moderately polluted, noisy day', () => {
    const s = score({
      environment: { temp_c: dated(30, asOf), rh_percent: dated(50, asOf), pm25_24h_ugm3: dated(20, asOf) },
      days: daySeries(asOf, 7, () => ({ noise_dba: 80 })),
    });
    const c = Object.fromEntries(s.components.map((x) => [x.id, x]));
    // 86 °F at 50 % RH: Rothfusz heat index ≈ 88.7 °F → "caution" (80-90 °F), 2nd of 5 → 75
    expect(c.heat_index).toMatchObject({ sub_score: 75, model: 'heat-index@1.0.0' });
    expect(c.heat_index!.value).toBeCloseTo(31.5, 0);
    // PM2.5 20 µg/m³: 51 + 49·(20 − 9.1)/(35.4 − 9.1) = 71.3 → AQI 71, "moderate", 2nd of 6 → 80
    expect(c.air_quality).toMatchObject({ value: 71, sub_score: 80, model: 'aqi-pm25@1.0.0' });
    // 80 dBA: 100 − 50·(80 − 70)/(85 − 70) = 66.7
    expect(c.noise_exposure).toMatchObject({ value: 80, sub_score: 66.7, model: null });
    // (40·75 + 40·80 + 20·66.7) / 100 = 75.34 → 75
    expect(s.score).toBe(75);
  });

  it('noise alone is not an environmental score', () => {
    const s = score({ days: daySeries(asOf, 7, () => ({ noise_dba: 60 })) });
    expect(s).toMatchObject({ score: null, status: 'insufficient_data' });
    expect(s.data_sufficiency.present).toEqual(['days.noise_dba']);
  });

  it('temperature without humidity: no heat index is guessed', () => {
    const s = score({ environment: { temp_c: dated(35, asOf), pm25_24h_ugm3: dated(5, asOf) } });
    expect(s.components.map((c) => c.id)).toEqual(['air_quality']);
    expect(s.data_sufficiency.missing).toContainEqual({ input: 'environment.rh_percent', need: 'a relative humidity from the last 24 h' });
    expect(s.score).toBe(100); // PM2.5 5 → AQI 28, good
  });
});
