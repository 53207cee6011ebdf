import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser } from '../helpers/users.js';

/*
 * The worked examples printed in the calculators contract (shared spec calculators.md), through the HTTP API:
 *  - Pooled Cohort Equations, Goff et al. 2013: 55 y, TC 213, HDL 50, SBP 120 untreated, non-smoker, no
 *    diabetes → white female ~2.1 %, African-American female ~3.0 %, white male ~5.3 % (unrounded ~5.4 %),
 *    African-American male ~6.1 %.
 *  - PREVENT, Khan et al. supplement: 50-year-old woman, TC 200, HDL 45, SBP 160 treated, diabetes,
 *    non-smoker, eGFR 90, BMI 35 → 10-year total CVD ~14.7 %.
 */
describe('calculators contract worked examples over HTTP', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = (await createUser(t.app)).accessToken;
  });
  afterAll(async () => t.close());

  const run = async (id: string, body: object) => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/calculators/${id}`, headers: bearer(token), payload: body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ outputs: Record<string, unknown> }>().outputs;
  };

  it.each([
    ['female', 'white', 2.1],
    ['female', 'african_american', 3.0],
    ['male', 'white', 5.4],
    ['male', 'african_american', 6.1],
  ] as const)('pce-2013: 55-year-old %s, %s → %s %%', async (sex, race, expected) => {
    const outputs = await run('pce-2013', { age: 55, sex, race, total_chol_mgdl: 213, hdl_mgdl: 50, sbp_mmhg: 120, bp_treated: false, smoker: false, diabetes: false });
    expect(outputs.risk10y_percent as number).toBeCloseTo(expected, 1);
    expect(outputs.valid).toBe(true);
  });

  it('prevent-2023: the supplement woman → 10-year total CVD 14.7 %', async () => {
    const outputs = await run('prevent-2023', { age: 50, sex: 'female', total_chol_mgdl: 200, hdl_mgdl: 45, sbp_mmhg: 160, bp_treated: true, statin: false, diabetes: true, smoker: false, egfr: 90, bmi: 35 });
    expect(outputs.risk10y_total_cvd as number).toBeCloseTo(0.147, 3);
  });
});
