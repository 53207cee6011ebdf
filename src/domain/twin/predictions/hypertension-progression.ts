import { HEALTH_PROFILE_ENDPOINT, missingReason, type MissingInput, type ModelAnswer } from '../model-inputs/index.js';
import type { TwinFeatures } from '../twin-features.js';

/**
 * Four-year progression to hypertension (≥ 140/90 mmHg or treatment) in non-hypertensive adults by their baseline
 * JNC-6 category, Framingham Heart Study (Vasan RS, Larson MG, Leip EP, Kannel WB, Levy D. Assessment of frequency of
 * progression to hypertension in non-hypertensive participants in the Framingham Heart Study: a cohort study. Lancet
 * 2001;358(9294):1682-1686, doi:10.1016/S0140-6736(01)06710-1): ages 35-64 → 5.3 %, 17.6 %, 37.3 %; ages 65-94 →
 * 16.0 %, 25.5 %, 49.5 % (optimal, normal, high-normal).
 * A published rate table rather than a library model; candidate for src/domain/models.
 */
export const HYPERTENSION_PROGRESSION_MODEL = { id: 'vasan-2001-hypertension-progression', version: '1.0.0' } as const;

export type Jnc6Category = 'optimal' | 'normal' | 'high_normal';

const FOUR_YEAR_RATE: Readonly<Record<'35_64' | '65_94', Readonly<Record<Jnc6Category, number>>>> = {
  '35_64': { optimal: 0.053, normal: 0.176, high_normal: 0.373 },
  '65_94': { optimal: 0.16, normal: 0.255, high_normal: 0.495 },
};

/** JNC-6 (1997): optimal < 120/80; normal 120-129/80-84; high-normal 130-139/85-89; the higher of SBP and DBP decides. */
export function jnc6Category(sbp: number, dbp: number): Jnc6Category | 'hypertension' {
  if (sbp >= 140 || dbp >= 90) return 'hypertension';
  if (sbp >= 130 || dbp >= 85) return 'high_normal';
  if (sbp >= 120 || dbp >= 80) return 'normal';
  return 'optimal';
}

export interface HypertensionProgression {
  readonly model: string;
  readonly category: Jnc6Category;
  readonly fourYearRisk: number;
}

/**
 * Strict like every model input here: Vasan's rates are for untreated people, so whether blood-pressure medication is
 * taken must be stated (an unstated answer is not taken as "no").
 */
export function hypertensionProgression(f: TwinFeatures): ModelAnswer<HypertensionProgression> {
  const age = f.profile.age_years;
  const bp = f.blood_pressure;
  const missing: MissingInput[] = [];
  if (age === null) missing.push({ input: 'profile.age_years', need: 'age' });
  if (bp === null) missing.push({ input: 'blood_pressure', need: 'blood-pressure readings in the last 30 days' });
  if (f.history.bp_treated === null)
    missing.push({
      input: 'history.bp_treated',
      need: `whether blood-pressure medication is taken (state it: ${HEALTH_PROFILE_ENDPOINT})`,
    });
  if (missing.length > 0 || age === null || bp === null) {
    return { ok: false, missing, reason: missingReason('the hypertension progression rates (Vasan et al. 2001)', missing) };
  }
  if (age < 35 || age > 94) return { ok: false, missing: [], reason: 'Vasan et al. 2001 followed people aged 35-94' };
  if (f.history.bp_treated === true) return { ok: false, missing: [], reason: 'already treated for high blood pressure' };
  const category = jnc6Category(bp.sbp_mmhg, bp.dbp_mmhg);
  if (category === 'hypertension')
    return { ok: false, missing: [], reason: 'blood pressure already in the hypertensive range (≥ 140/90 mmHg)' };
  return {
    ok: true,
    value: {
      model: `${HYPERTENSION_PROGRESSION_MODEL.id}@${HYPERTENSION_PROGRESSION_MODEL.version}`,
      category,
      fourYearRisk: FOUR_YEAR_RATE[age < 65 ? '35_64' : '65_94'][category],
    },
  };
}
