/**
 * A small, transparent stand-in for the real twin scorer (../scoring, not a dependency of this code): a few components
 * with simple documented formulas, so tests can predict every number. Twins it does not model are insufficient_data.
 */
import type { TwinFeatures } from '../twin-features.js';
import { statusOf, TWIN_NAMES, type TwinComponent, type TwinName, type TwinScore, type TwinScores } from '../twin-score.js';

const clamp = (x: number) => Math.max(0, Math.min(100, x));
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export const component = (id: string, sub_score: number, weight = 1, value = 0, unit = ''): TwinComponent => ({
  id,
  label: id.replace(/_/g, ' '),
  value,
  unit,
  sub_score,
  weight,
  model: null,
});

/** A scored twin from its components (weighted mean, rounded), or insufficient data when there are none. */
export function twinOf(twin: TwinName, components: readonly TwinComponent[]): TwinScore {
  const weight = components.reduce((a, c) => a + c.weight, 0);
  const score = components.length === 0 ? null : Math.round(components.reduce((a, c) => a + c.weight * c.sub_score, 0) / weight);
  return {
    twin,
    score,
    status: score === null ? 'insufficient_data' : statusOf(score),
    components,
    models: [],
    data_sufficiency: { sufficient: score !== null, present: [], missing: [], window_days: 0, coverage: score === null ? 0 : 1 },
    notes: [],
  };
}

/** All eight twins from the components given (absent twins: insufficient data). */
export function scoresOf(parts: Partial<Record<TwinName, readonly TwinComponent[]>>): TwinScores {
  return Object.fromEntries(TWIN_NAMES.map((t) => [t, twinOf(t, parts[t] ?? [])])) as unknown as TwinScores;
}

/**
 * sleep: `sleep_duration` = 100 × mean hours asleep (last 7 nights) / 8.
 * fatigue: `sleep_debt` = 100 − 4 × hours short of 8 h summed over the last 7 nights.
 * metabolic: `bmi` = 100 − 5 × (BMI − 22)⁺ (weight 2); `steps` = mean steps / 100 (weight 1).
 * cardiac: `blood_pressure` = 100 − 2 × (SBP − 110)⁺; `smoking` = 20 for a smoker, else 100.
 */
export const fakeScorer = (f: TwinFeatures): TwinScores => {
  const nights = f.nights.slice(-7).map((n) => n.asleep_minutes / 60);
  const meanSleep = mean(nights);
  const steps = mean(f.days.map((d) => d.steps).filter((s): s is number => s !== null));
  const { height_cm, weight_kg } = f.profile;
  const bmi = height_cm !== null && weight_kg !== null ? weight_kg.value / (height_cm / 100) ** 2 : null;
  const bp = f.blood_pressure;
  return scoresOf({
    sleep: meanSleep === null ? [] : [component('sleep_duration', clamp((100 * meanSleep) / 8), 1, meanSleep, 'h')],
    fatigue: meanSleep === null ? [] : [component('sleep_debt', clamp(100 - 4 * nights.reduce((a, h) => a + Math.max(0, 8 - h), 0)), 1)],
    metabolic: [
      ...(bmi === null ? [] : [component('bmi', clamp(100 - 5 * Math.max(0, bmi - 22)), 2, bmi, 'kg/m2')]),
      ...(steps === null ? [] : [component('steps', clamp(steps / 100), 1, steps, 'steps')]),
    ],
    cardiac: [
      ...(bp === null ? [] : [component('blood_pressure', clamp(100 - 2 * Math.max(0, bp.sbp_mmhg - 110)), 1, bp.sbp_mmhg, 'mmHg')]),
      ...(f.history.smoker === null ? [] : [component('smoking', f.history.smoker ? 20 : 100, 1)]),
    ],
  });
};
