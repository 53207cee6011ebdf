/** The Goff et al. 2013 worked-example person (calculators contract), without sex and race. */
export const WORKED_EXAMPLE = { age: 55, total_chol_mgdl: 213, hdl_mgdl: 50, sbp_mmhg: 120, bp_treated: false, smoker: false, diabetes: false } as const;

/** The four sex × race groups, in the order the PCE sources print them (AA F, W F, AA M, W M). */
export const PCE_GROUPS = [
  ['female', 'african_american'],
  ['female', 'white'],
  ['male', 'african_american'],
  ['male', 'white'],
] as const;
