import type { ModelInputs } from '../model/model-inputs.js';

/** mulberry32: a tiny seeded PRNG, so the cohort (and the fidelity reported with the rules) is reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The ranges the synthetic profiles are drawn from: the plausible span of each input, not a population. Uniform, except
 * that questionnaire totals are drawn as min + span x u^skew, so low totals are commoner (as in screened populations)
 * and every level is represented.
 */
export const COHORT_RANGES: Readonly<Record<string, { min: number; max: number; step: number; skew?: number }>> = {
  phq9_score: { min: 0, max: 27, step: 1, skew: 2 },
  gad7_score: { min: 0, max: 21, step: 1, skew: 2 },
  sleep_hours: { min: 4, max: 9.5, step: 0.5 },
  sleep_efficiency: { min: 0.6, max: 0.98, step: 0.01 },
  sleep_interruptions: { min: 0, max: 6, step: 1 },
  hrv_rmssd: { min: 10, max: 80, step: 1 },
  steps_per_day: { min: 1000, max: 14000, step: 100 },
  active_minutes: { min: 0, max: 60, step: 1 },
};

/**
 * A synthetic reference cohort: `size` complete profiles drawn over COHORT_RANGES with a fixed seed. It spans
 * the input space so rules can be checked against the model everywhere; it is NOT a sample of real people.
 */
export function referenceCohort(size: number, seed: number): ModelInputs[] {
  const random = mulberry32(seed);
  const cohort: ModelInputs[] = [];
  for (let i = 0; i < size; i++) {
    const profile: Record<string, number> = {};
    for (const [name, { min, max, step, skew = 1 }] of Object.entries(COHORT_RANGES)) {
      const steps = Math.round((max - min) / step);
      profile[name] = Number((min + Math.floor(random() ** skew * (steps + 1)) * step).toFixed(4));
    }
    cohort.push(profile);
  }
  return cohort;
}
