import { describe, expect, it } from 'vitest';
import { isAsleep, SLEEP_STAGES, sleepStageFromHealthKit, stagePrecedence, stageTier } from './sleep-stage.js';

describe('sleepStageFromHealthKit', () => {
  it('maps the HKCategoryValueSleepAnalysis raw values 0…5', () => {
    expect([0, 1, 2, 3, 4, 5].map((v) => sleepStageFromHealthKit(v))).toEqual([
      'in_bed',
      'asleep_unspecified',
      'awake',
      'asleep_core',
      'asleep_deep',
      'asleep_rem',
    ]);
  });

  it('maps the export.xml value strings, including the pre-iOS 16 "Asleep"', () => {
    expect(sleepStageFromHealthKit('HKCategoryValueSleepAnalysisInBed')).toBe('in_bed');
    expect(sleepStageFromHealthKit('HKCategoryValueSleepAnalysisAsleep')).toBe('asleep_unspecified');
    expect(sleepStageFromHealthKit('HKCategoryValueSleepAnalysisAsleepUnspecified')).toBe('asleep_unspecified');
    expect(sleepStageFromHealthKit('HKCategoryValueSleepAnalysisAwake')).toBe('awake');
    expect(sleepStageFromHealthKit('HKCategoryValueSleepAnalysisAsleepCore')).toBe('asleep_core');
    expect(sleepStageFromHealthKit('HKCategoryValueSleepAnalysisAsleepDeep')).toBe('asleep_deep');
    expect(sleepStageFromHealthKit(' HKCategoryValueSleepAnalysisAsleepREM ')).toBe('asleep_rem');
    expect(sleepStageFromHealthKit('4')).toBe('asleep_deep');
  });

  it('returns null for anything unknown instead of guessing', () => {
    for (const v of [6, -1, 1.5, Number.NaN, 'HKCategoryValueSleepAnalysisAsleepLight', 'asleep', '', '07']) {
      expect(sleepStageFromHealthKit(v)).toBeNull();
    }
  });
});

describe('stage precedence', () => {
  it('specific stages beat asleep_unspecified, which beats in_bed', () => {
    for (const s of ['awake', 'asleep_core', 'asleep_deep', 'asleep_rem'] as const) {
      expect(stageTier(s)).toBeGreaterThan(stageTier('asleep_unspecified'));
    }
    expect(stageTier('asleep_unspecified')).toBeGreaterThan(stageTier('in_bed'));
  });

  it('inside the specific tier the least remarkable claim wins: awake > core > rem > deep', () => {
    expect(stagePrecedence('awake')).toBeGreaterThan(stagePrecedence('asleep_core'));
    expect(stagePrecedence('asleep_core')).toBeGreaterThan(stagePrecedence('asleep_rem'));
    expect(stagePrecedence('asleep_rem')).toBeGreaterThan(stagePrecedence('asleep_deep'));
    expect(new Set(SLEEP_STAGES.map(stagePrecedence)).size).toBe(SLEEP_STAGES.length);
  });

  it('asleep means the four asleep stages only', () => {
    expect(SLEEP_STAGES.filter(isAsleep)).toEqual(['asleep_unspecified', 'asleep_core', 'asleep_deep', 'asleep_rem']);
  });
});
