import { describe, expect, it } from 'vitest';
import { ObservationStore, type SampleInput } from '../../src/domain/observations/index.js';
import { buildTwinFeatures, HealthProfiles } from '../../src/domain/twin/inputs/index.js';
import type { TwinFeatures } from '../../src/domain/twin/index.js';
import { emptyFeatures } from '../../src/domain/twin/testing/feature-factory.js';
import { ManualClock } from '../../src/platform/clock.js';
import { dialects, useDatabase } from '../helpers/test-database.js';
import { insertPerson, PHONE, sample, WATCH } from '../helpers/samples.js';

/**
 * buildTwinFeatures on a hand-built person, field by field. The person lives in Europe/Berlin (CEST, UTC+2): local day
 * 2025-06-30 runs from 06-29T22:00Z to 06-30T22:00Z. as_of is 2025-06-30T12:00Z; everything stamped later is a trap.
 */
const AS_OF = new Date('2025-06-30T12:00:00Z');
const BERLIN = { utcOffsetMinutes: 120 } as const;
const LAB = { name: 'Manual entry', version: null, bundleId: null, device: null } as const;

type Extra = Partial<Omit<SampleInput, 'start' | 'end'>> & { end?: string };
const at = (start: string, type: SampleInput['type'], value: number | null, extra: Extra = {}) =>
  sample({ type, start, value, ...BERLIN, ...extra });
const bp = (start: string, systolic: number, diastolic: number) =>
  sample({
    type: 'blood_pressure',
    start,
    value: null,
    components: { systolic, diastolic },
    ...BERLIN,
    source: LAB,
    provenance: 'user_entered',
  });
const stage = (category: string, start: string, end: string) =>
  sample({ type: 'sleep_stage', category, value: null, start, end, ...BERLIN, timeZone: 'Europe/Berlin' });

/** Everything the person recorded, including data after as_of that must not be seen. */
const PERSON_SAMPLES: SampleInput[] = [
  // resting heart rate on three days (06-30 from its whole hours before as_of), one after as_of
  at('2025-06-28T08:00:00Z', 'resting_heart_rate', 58),
  at('2025-06-29T08:00:00Z', 'resting_heart_rate', 60),
  at('2025-06-30T08:00:00Z', 'resting_heart_rate', 62),
  at('2025-06-30T11:50:00Z', 'resting_heart_rate', 64),
  at('2025-06-30T12:30:00Z', 'resting_heart_rate', 90),
  // 06-29: HRV, SpO2, noise, exercise, energy, steps (watch and phone counting the same walk)
  at('2025-06-29T07:00:00Z', 'hrv_sdnn', 40),
  at('2025-06-29T09:00:00Z', 'hrv_sdnn', 50),
  at('2025-06-29T03:00:00Z', 'spo2', 95),
  at('2025-06-29T04:00:00Z', 'spo2', 92),
  at('2025-06-29T10:00:00Z', 'environmental_audio_exposure', 60),
  at('2025-06-29T11:00:00Z', 'environmental_audio_exposure', 70),
  at('2025-06-29T10:00:00Z', 'exercise_time', 20, { end: '2025-06-29T10:20:00Z' }),
  at('2025-06-29T10:00:00Z', 'active_energy', 150, { end: '2025-06-29T10:30:00Z' }),
  at('2025-06-29T10:00:00Z', 'steps', 3000, { end: '2025-06-29T10:30:00Z', source: WATCH }),
  at('2025-06-29T10:00:00Z', 'steps', 2800, { end: '2025-06-29T10:30:00Z', source: PHONE }),
  at('2025-06-30T13:00:00Z', 'steps', 5000, { end: '2025-06-30T13:30:00Z' }),
  // 06-28: a run logged as a workout, no exercise minutes that day
  sample({
    type: 'workout',
    category: 'HKWorkoutActivityTypeRunning',
    value: 45,
    start: '2025-06-28T16:00:00Z',
    end: '2025-06-28T16:45:00Z',
    ...BERLIN,
  }),
  // a lipid panel (canonical mg/dL), an older total cholesterol, an HbA1c too old to count, and a panel after as_of
  at('2025-03-01T08:00:00Z', 'total_cholesterol', 200, { source: LAB }),
  at('2025-03-01T08:00:00Z', 'hdl_cholesterol', 55, { source: LAB }),
  at('2025-03-01T08:00:00Z', 'ldl_cholesterol', 120, { source: LAB }),
  at('2025-03-01T08:00:00Z', 'triglycerides', 125, { source: LAB }),
  at('2025-03-01T08:00:00Z', 'fasting_glucose', 95, { source: LAB }),
  at('2025-03-01T08:00:00Z', 'creatinine', 0.9, { source: LAB }),
  at('2024-09-01T08:00:00Z', 'total_cholesterol', 240, { source: LAB }),
  at('2023-05-01T08:00:00Z', 'hba1c', 5.6, { source: LAB }),
  at('2025-07-01T08:00:00Z', 'total_cholesterol', 300, { source: LAB }),
  // blood pressure: three readings in the last 30 days, one older, one after as_of
  bp('2025-06-10T07:00:00Z', 120, 80),
  bp('2025-06-20T07:00:00Z', 130, 85),
  bp('2025-06-29T07:00:00Z', 125, 75),
  bp('2025-05-01T07:00:00Z', 160, 100),
  bp('2025-06-30T12:05:00Z', 180, 110),
  // body: weight now and about 90 days ago, waist
  at('2025-06-29T06:00:00Z', 'body_mass', 68.5, { source: LAB }),
  at('2025-04-03T06:00:00Z', 'body_mass', 71, { source: LAB }),
  at('2025-06-01T06:00:00Z', 'waist_circumference', 80, { source: LAB }),
  // questionnaires
  at('2025-06-20T18:00:00Z', 'phq9', 11, {
    source: LAB,
    components: { item_1: 1, item_2: 2, item_3: 1, item_4: 0, item_5: 3, item_6: 1, item_7: 0, item_8: 2, item_9: 1 },
  }),
  at('2025-06-20T18:05:00Z', 'gad7', 7, {
    source: LAB,
    components: { item_1: 2, item_2: 2, item_3: 1, item_4: 1, item_5: 0, item_6: 0, item_7: 1 },
  }),
  // ambient readings: in the last 24 h, before them, and after as_of
  at('2025-06-30T10:00:00Z', 'ambient_temperature', 24.5, { source: LAB }),
  at('2025-06-30T09:00:00Z', 'relative_humidity', 40, { source: LAB }),
  at('2025-06-30T11:00:00Z', 'relative_humidity', 45, { source: LAB }),
  at('2025-06-30T08:00:00Z', 'pm25', 10, { source: LAB }),
  at('2025-06-30T10:00:00Z', 'pm25', 20, { source: LAB }),
  at('2025-06-29T06:00:00Z', 'pm25', 100, { source: LAB }),
  at('2025-06-30T12:10:00Z', 'ambient_temperature', 35, { source: LAB }),
  // night 1 (wakes 07:00 local on 06-29): staged, 465 min asleep, 15 awake, no in-bed
  stage('asleep_core', '2025-06-28T21:00:00Z', '2025-06-29T01:00:00Z'),
  stage('asleep_deep', '2025-06-29T01:00:00Z', '2025-06-29T02:00:00Z'),
  stage('asleep_rem', '2025-06-29T02:00:00Z', '2025-06-29T03:00:00Z'),
  stage('awake', '2025-06-29T03:00:00Z', '2025-06-29T03:15:00Z'),
  stage('asleep_core', '2025-06-29T03:15:00Z', '2025-06-29T05:00:00Z'),
  // a nap on 06-29 (13:00-14:00 local): not a night
  stage('asleep_unspecified', '2025-06-29T11:00:00Z', '2025-06-29T12:00:00Z'),
  // night 2 (wakes 06:30 local on 06-30): unstaged "asleep" inside in-bed time
  stage('in_bed', '2025-06-29T21:15:00Z', '2025-06-30T04:45:00Z'),
  stage('asleep_unspecified', '2025-06-29T21:30:00Z', '2025-06-30T04:30:00Z'),
  // heart rate in night 2: whole hours 22-04Z count; 21:40 and 04:10 are in its edge hours; one reading after as_of
  at('2025-06-29T21:40:00Z', 'heart_rate', 70),
  at('2025-06-29T22:10:00Z', 'heart_rate', 50),
  at('2025-06-29T23:10:00Z', 'heart_rate', 52),
  at('2025-06-30T02:10:00Z', 'heart_rate', 54),
  at('2025-06-30T04:10:00Z', 'heart_rate', 80),
  at('2025-06-30T12:20:00Z', 'heart_rate', 120),
  // night 3 starts after as_of
  stage('asleep_core', '2025-06-30T21:00:00Z', '2025-07-01T05:00:00Z'),
];

/** Another person with their own, different data: none of it may reach the first. */
const OTHER_SAMPLES: SampleInput[] = [
  at('2025-06-29T08:00:00Z', 'resting_heart_rate', 99),
  at('2025-06-29T10:00:00Z', 'steps', 12_000, { end: '2025-06-29T11:00:00Z' }),
  at('2025-05-01T08:00:00Z', 'total_cholesterol', 310, { source: LAB }),
  at('2025-05-01T08:00:00Z', 'hba1c', 8.1, { source: LAB }),
  bp('2025-06-25T07:00:00Z', 170, 105),
  at('2025-06-30T09:00:00Z', 'pm25', 300, { source: LAB }),
  stage('asleep_core', '2025-06-29T20:00:00Z', '2025-06-30T02:00:00Z'),
  at('2025-06-29T23:10:00Z', 'heart_rate', 95),
];

describe.each(dialects())('buildTwinFeatures on $label', (dialect) => {
  const database = useDatabase(dialect);
  const clock = new ManualClock(new Date('2025-07-02T00:00:00Z'));
  const store = () => new ObservationStore(database.current, clock);
  const build = (personId: string, asOf = AS_OF, windowDays?: number) =>
    buildTwinFeatures({ db: database.current.db, reader: store().reader }, personId, asOf, windowDays === undefined ? {} : { windowDays });
  const write = (personId: string, samples: SampleInput[]) => store().writer.write({ personId, batchId: `b-${personId}`, samples });

  async function person(id: string, samples: SampleInput[]): Promise<string> {
    await insertPerson(database.current, id);
    const result = await write(id, samples);
    expect(result.rejected).toEqual([]);
    return id;
  }
  async function ada(): Promise<string> {
    const id = await person('ada', PERSON_SAMPLES);
    await database.current.db
      .updateTable('users')
      .set({ date_of_birth: '1980-07-01', gender: 'female', height_cm: 165, weight_kg: 70, updated_at: '2025-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    await new HealthProfiles(database.current.db).update(
      id,
      {
        history: { smoker: false, statin: true, race: 'white' },
        occupation: { physical_demand: 'light', shift_start_local: '22:00', shift_end_local: '06:00' },
      },
      '2025-02-01T00:00:00.000Z',
    );
    return id;
  }
  const day = (f: TwinFeatures, date: string) => f.days.find((d) => d.date === date);

  it('fills the profile, history, labs, blood pressure, questionnaires and environment from the store', async () => {
    const f = await build(await ada());
    expect(f.as_of).toBe('2025-06-30T12:00:00.000Z');
    expect(f.time_zone).toBe('Europe/Berlin');
    expect(f.window_days).toBe(90);
    expect(f.profile).toEqual({
      age_years: 44, // born 1980-07-01: 45 only tomorrow
      sex: 'female',
      height_cm: 165,
      weight_kg: { value: 68.5, at: '2025-06-29T06:00:00.000Z' },
      weight_kg_90d_ago: { value: 71, at: '2025-04-03T06:00:00.000Z' },
      waist_cm: { value: 80, at: '2025-06-01T06:00:00.000Z' },
    });
    expect(f.history).toEqual({ ...emptyFeatures().history, smoker: false, statin: true, race: 'white' });
    expect(f.occupation).toEqual({ physical_demand: 'light', safety_critical: null, shift_start_local: '22:00', shift_end_local: '06:00' });
    const panel = '2025-03-01T08:00:00.000Z';
    expect(f.labs).toEqual({
      total_chol_mgdl: { value: 200, at: panel }, // not the older 240, not the later 300
      hdl_mgdl: { value: 55, at: panel },
      ldl_mgdl: { value: 120, at: panel },
      triglycerides_mgdl: { value: 125, at: panel },
      hba1c_percent: null, // 2023-05-01: older than the two-year look-back
      fasting_glucose_mgdl: { value: 95, at: panel },
      creatinine_mgdl: { value: 0.9, at: panel },
    });
    expect(f.blood_pressure).toEqual({ sbp_mmhg: 125, dbp_mmhg: 80, readings: 3, latest_at: '2025-06-29T07:00:00.000Z' });
    expect(f.questionnaires).toEqual({
      phq9: { total: 11, item9: 1, at: '2025-06-20T18:00:00.000Z' },
      gad7: { total: 7, at: '2025-06-20T18:05:00.000Z' },
    });
    expect(f.environment).toEqual({
      temp_c: { value: 24.5, at: '2025-06-30T10:00:00.000Z' },
      rh_percent: { value: 45, at: '2025-06-30T11:00:00.000Z' },
      pm25_24h_ugm3: { value: 15, at: '2025-06-30T10:00:00.000Z' }, // mean of 10 and 20; the 100 is 30 h old
    });
  });

  it('builds every local day of the window from rollups, with nulls where nothing was recorded', async () => {
    const f = await build(await ada());
    expect(f.days).toHaveLength(90);
    expect(f.days[0]!.date).toBe('2025-04-02');
    expect(f.days.at(-1)!.date).toBe('2025-06-30');
    expect(day(f, '2025-06-28')).toEqual({
      date: '2025-06-28',
      resting_hr_bpm: 58,
      hrv_sdnn_ms: null,
      steps: null,
      exercise_minutes: 45, // the workout: no exercise minutes were recorded that day
      active_energy_kcal: null,
      spo2_min_percent: null,
      heart_rate_minutes: null,
      noise_dba: null,
    });
    expect(day(f, '2025-06-29')).toEqual({
      date: '2025-06-29',
      resting_hr_bpm: 60,
      hrv_sdnn_ms: 45,
      steps: 3000, // the watch's count, not watch + phone
      exercise_minutes: 20,
      active_energy_kcal: 150,
      spo2_min_percent: 92,
      heart_rate_minutes: 1, // 21:40Z is 23:40 local
      noise_dba: 65,
    });
    expect(day(f, '2025-06-30')).toEqual({
      date: '2025-06-30',
      resting_hr_bpm: 63, // 62 and 64; the 90 at 12:30Z is after as_of
      hrv_sdnn_ms: null,
      steps: null, // the only steps of the day came after as_of
      exercise_minutes: 0, // worn, and the watch records exercise minutes: none were
      active_energy_kcal: null,
      spo2_min_percent: null,
      heart_rate_minutes: 4, // 22:10Z, 23:10Z, 02:10Z, 04:10Z; not 12:20Z
      noise_dba: null,
    });
    expect(day(f, '2025-05-15')).toEqual({ date: '2025-05-15', ...nulls() });
  });

  it('keeps the main sleeps of the last 28 nights, dated by waking, without naps or nights after as_of', async () => {
    const f = await build(await ada());
    expect(f.nights).toEqual([
      {
        date: '2025-06-29',
        sleep_start: '2025-06-28T21:00:00.000Z',
        sleep_end: '2025-06-29T05:00:00.000Z',
        asleep_minutes: 465,
        in_bed_minutes: null,
        efficiency: 0.9688, // 465 / 480 min of sleep period (no in-bed data)
        deep_minutes: 60,
        rem_minutes: 60,
        awake_minutes: 15,
        overnight_hr_bpm: null, // no heart rate recorded that night
      },
      {
        date: '2025-06-30',
        sleep_start: '2025-06-29T21:30:00.000Z',
        sleep_end: '2025-06-30T04:30:00.000Z',
        asleep_minutes: 420,
        in_bed_minutes: 450,
        efficiency: 0.9333,
        deep_minutes: null, // unstaged "asleep": stages unknown
        rem_minutes: null,
        awake_minutes: null, // wake not measured
        overnight_hr_bpm: 52, // (50 + 52 + 54) / 3: whole hours 22Z-04Z only
      },
    ]);
  });

  it('sees only what was recorded by as_of: a snapshot a day earlier', async () => {
    const id = await ada();
    const f = await build(id, new Date('2025-06-29T12:00:00Z'));
    expect(f.days.at(-1)!.date).toBe('2025-06-29');
    expect(f.nights.map((n) => n.date)).toEqual(['2025-06-29']);
    expect(f.environment).toEqual({ temp_c: null, rh_percent: null, pm25_24h_ugm3: { value: 100, at: '2025-06-29T06:00:00.000Z' } });
    expect(f.blood_pressure).toMatchObject({ readings: 3, sbp_mmhg: 125 });
    // 06-29 is as_of's own day now: only its hours that ended by 12:00Z count
    expect(day(f, '2025-06-29')).toMatchObject({ resting_hr_bpm: 60, steps: 3000, exercise_minutes: 20, noise_dba: 65 });
    expect(day(f, '2025-06-30')).toBeUndefined();
    // a short window still has four weeks of nights, with their heart rate
    expect((await build(id, AS_OF, 1)).nights.map((n) => [n.date, n.overnight_hr_bpm])).toEqual([
      ['2025-06-29', null],
      ['2025-06-30', 52],
    ]);
    // a night in progress at as_of is not a night yet
    const midNight = await build(id, new Date('2025-06-30T01:00:00Z'));
    expect(midNight.nights.map((n) => n.date)).toEqual(['2025-06-29']);
  });

  it("never lets another person's data in", async () => {
    const id = await ada();
    const before = await build(id);
    await person('bob', OTHER_SAMPLES);
    expect(await build(id)).toEqual(before);
    const bob = await build('bob');
    expect(bob.labs.hba1c_percent).toEqual({ value: 8.1, at: '2025-05-01T08:00:00.000Z' });
    expect(bob.blood_pressure).toMatchObject({ sbp_mmhg: 170, readings: 1 });
    expect(day(bob, '2025-06-29')).toMatchObject({ resting_hr_bpm: 99, steps: 12_000 });
    expect(bob.history).toEqual(emptyFeatures().history);
  });

  it('an empty person: every field null, every day present with nulls, no nights', async () => {
    await insertPerson(database.current, 'nobody');
    const f = await build('nobody', AS_OF, 7);
    const empty = emptyFeatures('2025-06-30T12:00:00.000Z', 7);
    expect(f).toEqual({
      ...empty,
      days: ['2025-06-24', '2025-06-25', '2025-06-26', '2025-06-27', '2025-06-28', '2025-06-29', '2025-06-30'].map((date) => ({
        date,
        ...nulls(),
      })),
    });
  });

  it('refuses a bad window and an unknown person', async () => {
    await insertPerson(database.current, 'p');
    await expect(build('p', AS_OF, 0)).rejects.toThrow(RangeError);
    await expect(build('p', new Date(Number.NaN))).rejects.toThrow(RangeError);
    await expect(build('nobody-at-all')).rejects.toThrow(/no such person/);
  });
});

function nulls() {
  return {
    resting_hr_bpm: null,
    hrv_sdnn_ms: null,
    steps: null,
    exercise_minutes: null,
    active_energy_kcal: null,
    spo2_min_percent: null,
    heart_rate_minutes: null,
    noise_dba: null,
  };
}
