/**
 * How well each prediction model ranks people, as its authors published it: the C-statistic (area under the ROC curve
 * for a binary outcome) in the cohort the model was validated in. This is what a prediction's `confidence` reports. It
 * is a property of the model in that cohort, not of one person's estimate, and says nothing about calibration.
 * Where the source publishes no such statistic the value is null and the basis says so. No number here is ours.
 */
import type { Race, Sex } from '../twin-features.js';

export interface Discrimination {
  /** the published C-statistic / ROC AUC, 0.5-1; null when the source reports none */
  readonly c_statistic: number | null;
  /** what the number is, where it was measured, and the citation */
  readonly basis: string;
}

const KHAN_2024 =
  'Khan SS et al. Development and validation of the American Heart Association PREVENT equations. Circulation 2024;149(6):430-449';
const GOFF_2013 =
  'Goff DC Jr et al. 2013 ACC/AHA guideline on the assessment of cardiovascular risk. Circulation 2014;129(25 Suppl 2):S49-S73';
const LINDSTROM_2003 = 'Lindström J, Tuomilehto J. The diabetes risk score. Diabetes Care 2003;26(3):725-731';
const VASAN_2001 = 'Vasan RS et al. Lancet 2001;358(9294):1682-1686';

/**
 * PREVENT: the median C-statistic in external validation (21 data sets, 3.3 million adults) that Khan et al. 2024
 * report for the total-CVD equation, 0.794 in women and 0.757 in men. They report "similar" discrimination for the
 * ASCVD and heart-failure equations; this is the published headline figure, not one computed for those outcomes.
 */
export function preventDiscrimination(sex: Sex, outcome: 'ASCVD' | 'heart failure'): Discrimination {
  const c = sex === 'female' ? 0.794 : 0.757;
  return {
    c_statistic: c,
    basis: `published discrimination of the model, not of this estimate: median C-statistic ${c} in ${sex === 'female' ? 'women' : 'men'} in PREVENT's external validation (21 data sets, 3.3 million adults), reported for the total-CVD equation, with similar values reported for the ${outcome} equation (${KHAN_2024})`,
  };
}

/**
 * Pooled Cohort Equations: the C-statistics Goff et al. 2013 report for each sex-race equation in the pooled derivation
 * cohorts: white women 0.806, African-American women 0.818, white men 0.755, African-American men 0.713. Race "other"
 * uses the white equations, which were not validated in other groups; the white equation's figure is reported and the
 * basis says so.
 */
const PCE_C: Readonly<Record<`${'white' | 'african_american'}_${Sex}`, number>> = {
  white_female: 0.806,
  african_american_female: 0.818,
  white_male: 0.755,
  african_american_male: 0.713,
};

export function pceDiscrimination(sex: Sex, race: Race): Discrimination {
  const group = race === 'african_american' ? 'african_american' : 'white';
  const c = PCE_C[`${group}_${sex}`];
  const who = `${group === 'white' ? 'white' : 'African-American'} ${sex === 'female' ? 'women' : 'men'}`;
  const other = race === 'other' ? '; race "other" uses this equation, which was not validated in other groups' : '';
  return {
    c_statistic: c,
    basis: `published discrimination of the model, not of this estimate: C-statistic ${c} of the Pooled Cohort Equation for ${who} in its pooled derivation cohorts${other} (${GOFF_2013})`,
  };
}

/** FINDRISC: ROC AUC 0.85 in the 1987 derivation cohort and 0.87 in the independent 1992 validation cohort. */
export const FINDRISC_DISCRIMINATION: Discrimination = {
  c_statistic: 0.87,
  basis: `published discrimination of the score, not of this estimate: ROC AUC 0.87 for drug-treated type 2 diabetes within 10 years in FINDRISC's independent 1992 validation cohort (0.85 in the 1987 derivation cohort) (${LINDSTROM_2003})`,
};

/** Vasan 2001 publishes progression rates by blood-pressure category, not a discrimination statistic. */
export const VASAN_DISCRIMINATION: Discrimination = {
  c_statistic: null,
  basis: `no discrimination statistic published: the source reports 4-year progression rates by blood-pressure category and age group, not a C-statistic (${VASAN_2001})`,
};
