import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { fakeScorer, scoresOf, component } from '../simulation/fake-scorer.test-helpers.js';
import { emptyFeatures, nightSeries } from '../testing/feature-factory.js';
import type { Occupation, TwinFeatures } from '../twin-features.js';
import { assessFitnessToWork } from './assess-fitness.js';
import { DEFAULT_FITNESS_RULES } from './default-fitness-rules.js';
import { FitnessRulesSchema, type FitnessRules } from './fitness-rules.schema.js';

/*
 * Snapshots at 08:00 UTC after five nights that all end at 07:00 (bedtime 31 − hours, efficiency 1). Thresholds are
 * DEFAULT_FITNESS_RULES's: KSS ≥ 7 / ≥ 8 (Åkerstedt 2014, Ingre 2006) and 17 h awake ≈ BAC 0.05 % (Dawson & Reid 1997),
 * so after waking at 07:00 the BAC rule fires at 00:00 the next day whatever the KSS.
 */
const AS_OF = '2026-06-30T08:00:00Z';
const NO_OCCUPATION: Occupation = { physical_demand: null, safety_critical: null, shift_start_local: null, shift_end_local: null };

function sleeper(hours: number, extra: Partial<TwinFeatures> = {}): TwinFeatures {
  return {
    ...emptyFeatures(AS_OF),
    nights: nightSeries(AS_OF, 5, () => ({ bedtimeHour: 31 - hours, asleepHours: hours, efficiency: 1 })),
    ...extra,
  };
}
const assess = (f: TwinFeatures, rules: FitnessRules = DEFAULT_FITNESS_RULES) => assessFitnessToWork(f, fakeScorer(f), rules);
const validUntilMs = (f: TwinFeatures) => Date.parse(assess(f).valid_until);

describe('assessFitnessToWork', () => {
  it('after a full night: fit, everything cleared, valid until 17 h awake (BAC 0.05 % equivalent)', () => {
    const result = assess(sleeper(8));
    expect(result).toMatchObject({
      assessment_time: AS_OF,
      fitness_status: 'fit',
      valid_until: '2026-07-01T00:00:00.000Z',
      valid_until_reason: 'fatigue_threshold',
    });
    expect(new Set(Object.values(result.clearances))).toEqual(new Set(['cleared']));
    expect(result.fatigue).toMatchObject({
      model: 'three-process-model@1.0.0',
      hours_awake: 1,
      last_wake: '2026-06-30T07:00:00.000Z',
      bac_equivalent_percent: 0,
    });
    expect(result.next_assessment).toBe(result.valid_until);
  });

  it('valid_until moves earlier when sleep is shorter (the predicted KSS reaches 7 sooner)', () => {
    expect(validUntilMs(sleeper(5))).toBeLessThan(validUntilMs(sleeper(8)));
    expect(validUntilMs(sleeper(4))).toBeLessThan(validUntilMs(sleeper(5)));
  });

  it('property: from 4 to 9 h of sleep, less sleep never gives a later valid_until', () => {
    fc.assert(
      fc.property(fc.double({ min: 4, max: 9, noNaN: true }), fc.double({ min: 4, max: 9, noNaN: true }), (a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        expect(validUntilMs(sleeper(short))).toBeLessThanOrEqual(validUntilMs(sleeper(long)));
      }),
      { numRuns: 25 },
    );
  });

  it('after 3 h of sleep the predicted KSS is already ≥ 7: driving restricted, safety-critical work with caution', () => {
    const result = assess(sleeper(3));
    expect(result.fatigue?.kss_now).toBeGreaterThanOrEqual(7);
    expect(result.clearances).toMatchObject({
      driving: 'cleared_with_restrictions',
      height_work: 'cleared_with_caution',
      office_work: 'cleared',
    });
    expect(result.restrictions.map((r) => r.rule)).toContain('kss_sleepy');
    expect(result.fitness_status).toBe('fit_with_caution');
  });

  it('ends at the shift’s end when that comes first, in the person’s time zone', () => {
    const occupation: Occupation = { ...NO_OCCUPATION, shift_start_local: '09:00', shift_end_local: '17:00' };
    expect(assess(sleeper(8, { occupation }))).toMatchObject({ valid_until: '2026-06-30T17:00:00.000Z', valid_until_reason: 'shift_end' });
    // Berlin is UTC+2 in June: the 17:00 local end is 15:00Z.
    expect(assess(sleeper(8, { occupation, time_zone: 'Europe/Berlin' }))).toMatchObject({ valid_until: '2026-06-30T15:00:00.000Z' });
  });

  it('is never valid beyond max_validity_hours', () => {
    const rules: FitnessRules = { ...DEFAULT_FITNESS_RULES, max_validity_hours: 6 };
    expect(assess(sleeper(8), rules)).toMatchObject({ valid_until: '2026-06-30T14:00:00.000Z', valid_until_reason: 'max_validity' });
  });

  describe('insufficient data', () => {
    it('without recent sleep the sleep-dependent clearances are withheld, marked insufficient_data, and say why', () => {
      const result = assess(emptyFeatures(AS_OF));
      expect(result.clearances).toEqual({
        office_work: 'cleared',
        light_physical: 'cleared',
        moderate_physical: 'cleared',
        heavy_physical: 'not_cleared',
        driving: 'not_cleared',
        height_work: 'not_cleared',
        confined_space: 'not_cleared',
      });
      expect(result.clearance_basis.driving).toBe('insufficient_data');
      expect(result.clearance_basis.office_work).toBe('assessed');
      expect(result.fatigue).toBeNull();
      expect(result.data_sufficiency.sufficient).toBe(false);
      expect(result.data_sufficiency.missing[0]).toMatchObject({ input: 'nights' });
      expect(result.restrictions).toContainEqual(
        expect.objectContaining({ rule: 'sleep_data_required', reason: expect.stringMatching(/^Insufficient data/) }),
      );
      // office work is judged and cleared, the rest is not: never "fit" on missing data
      expect(result.fitness_status).toBe('fit_with_caution');
    });

    it('a safety-critical worker without recent sleep data is not fit', () => {
      const f = { ...emptyFeatures(AS_OF), occupation: { ...NO_OCCUPATION, safety_critical: true } };
      expect(assess(f).fitness_status).toBe('not_fit');
    });

    it('a last sleep older than 36 h counts as no recent sleep', () => {
      const old = nightSeries('2026-06-28T12:00:00Z', 2, () => ({ bedtimeHour: 23, asleepHours: 8, efficiency: 1 }));
      const result = assess({ ...emptyFeatures(AS_OF), nights: old });
      expect(result.fatigue).toBeNull();
      expect(result.data_sufficiency.missing[0]?.need).toMatch(/36 h/);
    });

    it('rules whose measure is unknown are listed as unchecked, with what would fix them', () => {
      const result = assess(sleeper(8));
      expect(result.data_sufficiency.unchecked_rules).toContain('bp_crisis_exertion');
      expect(result.data_sufficiency.missing.map((m) => m.input)).toEqual(
        expect.arrayContaining(['bp_category', 'heat_index_c', 'spo2_min_percent']),
      );
    });
  });

  it('hypertensive crisis: no moderate or heavy physical work; a heavy worker is not fit', () => {
    const f = sleeper(8, {
      blood_pressure: { sbp_mmhg: 190, dbp_mmhg: 100, readings: 3, latest_at: AS_OF },
      occupation: { ...NO_OCCUPATION, physical_demand: 'heavy' },
    });
    const result = assess(f);
    expect(result.clearances).toMatchObject({
      heavy_physical: 'not_cleared',
      moderate_physical: 'not_cleared',
      light_physical: 'cleared',
      driving: 'cleared_with_restrictions',
    });
    expect(result.fitness_status).toBe('not_fit');
    expect(result.relevant_clearances).toEqual(['heavy_physical']);
    expect(result.restrictions.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['bp_crisis_exertion', 'bp_crisis_professional_driving', 'bp_stage_2_heavy_lifting']),
    );
  });

  it('extreme heat index (40 °C at 50 % RH) stops moderate and heavy physical work', () => {
    const f = sleeper(8, { environment: { temp_c: { value: 40, at: AS_OF }, rh_percent: { value: 50, at: AS_OF }, pm25_24h_ugm3: null } });
    expect(assess(f).clearances).toMatchObject({ moderate_physical: 'not_cleared', heavy_physical: 'not_cleared', office_work: 'cleared' });
  });

  it('overall_score is the mean of the rule set’s twins that have a score', () => {
    const f = sleeper(8);
    const twins = scoresOf({ fatigue: [component('a', 80)], cardiac: [component('b', 61)] });
    expect(assessFitnessToWork(f, twins, DEFAULT_FITNESS_RULES).overall_score).toBe(71);
    expect(assessFitnessToWork(f, scoresOf({}), DEFAULT_FITNESS_RULES).overall_score).toBeNull();
  });

  it('an organisation’s own rules replace the defaults', () => {
    const strict: FitnessRules = {
      ...DEFAULT_FITNESS_RULES,
      name: 'acme-strict',
      rules: [
        {
          id: 'acme_kss_4',
          condition: { measure: 'kss', at_least: 4 },
          clearances: ['office_work'],
          outcome: 'not_cleared',
          restriction_type: 'fatigue',
          restriction: 'Rest before work',
          reason: 'KSS 4 or more',
          source: 'ACME policy 12',
        },
      ],
    };
    expect(Value.Check(FitnessRulesSchema, strict)).toBe(true);
    expect(assess(sleeper(8), strict)).toMatchObject({
      rules: 'acme-strict',
      fitness_status: 'not_fit',
      clearances: { office_work: 'not_cleared' },
    });
  });

  it('DEFAULT_FITNESS_RULES is valid against its schema, and every rule cites a source', () => {
    expect(Value.Check(FitnessRulesSchema, DEFAULT_FITNESS_RULES)).toBe(true);
    expect(DEFAULT_FITNESS_RULES.rules.every((r) => r.source.length > 20)).toBe(true);
    expect(Value.Check(FitnessRulesSchema, { ...DEFAULT_FITNESS_RULES, max_validity_hours: 0 })).toBe(false);
  });
});
