/** Feature snapshots of published worked examples, for the risk and prediction tests. */
import { emptyFeatures } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';

export const AS_OF = '2026-06-30T12:00:00Z';
const at = (value: number) => ({ value, at: AS_OF });

/**
 * Goff et al. 2013 Table A worked example: 55 years, TC 213 mg/dL, HDL 50 mg/dL, SBP 120 mmHg untreated, non-smoker,
 * no diabetes; white female → 10-year hard ASCVD risk 2.1 %. No creatinine, so PREVENT cannot run and PCE is used.
 */
export function goffWhiteFemale(): TwinFeatures {
  const empty = emptyFeatures(AS_OF);
  return {
    ...empty,
    profile: { ...empty.profile, age_years: 55, sex: 'female' },
    history: { ...empty.history, race: 'white', smoker: false, diabetes: false, bp_treated: false, statin: false },
    labs: { ...empty.labs, total_chol_mgdl: at(213), hdl_mgdl: at(50) },
    blood_pressure: { sbp_mmhg: 120, dbp_mmhg: 75, readings: 6, latest_at: AS_OF },
  };
}

/**
 * Khan et al. 2024 Table S25 person (50-year-old woman, TC 200, HDL 45, SBP 160 treated, diabetes, non-smoker,
 * BMI 35) with a creatinine and height/weight of our choosing: eGFR and BMI are then computed, not given.
 */
export function preventWoman(creatinineMgdl = 0.8): TwinFeatures {
  const empty = emptyFeatures(AS_OF);
  return {
    ...empty,
    profile: { ...empty.profile, age_years: 50, sex: 'female', height_cm: 160, weight_kg: at(89.6) },
    history: { ...empty.history, race: 'white', smoker: false, diabetes: true, bp_treated: true, statin: false },
    labs: { ...empty.labs, total_chol_mgdl: at(200), hdl_mgdl: at(45), creatinine_mgdl: at(creatinineMgdl) },
    blood_pressure: { sbp_mmhg: 160, dbp_mmhg: 85, readings: 6, latest_at: AS_OF },
  };
}
