/**
 * buildTwinFeatures: everything the twin engine knows about one person at one instant, read from the store once.
 * Every read ends at as_of (nothing recorded later is seen, so a past snapshot can be computed for trends), looks back
 * only as far as look-back.ts allows, and reads rollups for the long windows, raw rows only for sparse types and the
 * last four weeks of sleep stages. Nothing is invented: what is not known stays null. docs/twin-inputs.md.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.js';
import { parseSourcePriority, type Aggregate, type ObservationReader, type StoredObservation } from '../../observations/index.js';
import { ageOn } from '../../observations/queries/index.js';
import type { Sex, TwinFeatures } from '../twin-features.js';
import { DAILY_TYPES, dayFeatures, type DailyType } from './day-features.js';
import { parseHealthProfile } from './health-profile.js';
import { bloodPressureOf, environmentOf, labsOf, LAB_TYPES, latestOf, nearestOf, questionnairesOf } from './latest-readings.js';
import { localDaysEnding } from './local-days.js';
import { DEFAULT_WINDOW_DAYS, LOOK_BACK_MS, NIGHTS, WEIGHT_TREND_DAYS, WEIGHT_TREND_TOLERANCE_MS } from './look-back.js';
import { nightFeatures } from './night-features.js';
import { rowsUntil } from './raw-rows.js';
import { latestZone } from './time-zone.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The widest UTC offset: how far a local date can sit from the UTC one. */
const MAX_OFFSET_MS = 18 * HOUR_MS;
export const MAX_WINDOW_DAYS = 400;

export interface TwinFeatureDeps {
  readonly db: Kysely<Tables>;
  readonly reader: ObservationReader;
}

export interface TwinFeatureOptions {
  /** days in `TwinFeatures.days`, ending with as_of's local date (default 90) */
  readonly windowDays?: number;
}

const sexOf = (gender: string | null): Sex | null => (gender === 'female' || gender === 'male' ? gender : null);

export async function buildTwinFeatures(
  deps: TwinFeatureDeps,
  personId: string,
  asOf: Date,
  options: TwinFeatureOptions = {},
): Promise<TwinFeatures> {
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_WINDOW_DAYS)
    throw new RangeError(`windowDays must be an integer 1-${MAX_WINDOW_DAYS}`);
  const asOfMs = asOf.getTime();
  if (!Number.isFinite(asOfMs)) throw new RangeError('asOf must be a valid date');
  const { db, reader } = deps;
  const raw = (types: readonly string[], lookBackMs: number, keepRunning = false) =>
    rowsUntil(reader, personId, types, asOfMs - lookBackMs, asOfMs, keepRunning);
  const windowMs = (windowDays + 1) * DAY_MS + MAX_OFFSET_MS;
  // hourly heart rate serves both the days (wear minutes) and the nights (overnight heart rate)
  const heartRateMs = Math.max(windowMs, (NIGHTS + 2) * DAY_MS);
  // Date keys around as_of's UTC date cover its local date in any zone; days are picked out once the zone is known.
  const utcKey = Math.floor(asOfMs / DAY_MS) * DAY_MS;
  const rollups = (type: string, period: 'hour' | 'day', from: number, to: number) => reader.rollups(personId, type, period, from, to);
  const byType = async (period: 'hour' | 'day', from: number, to: number) =>
    new Map<DailyType, readonly Aggregate[]>(
      await Promise.all(Object.keys(DAILY_TYPES).map(async (t) => [t as DailyType, await rollups(t, period, from, to)] as const)),
    );

  const [user, labRows, bodyRows, bpRows, questionnaireRows, environmentRows, stageRows, workouts, recent, daily, hourly, heartRateHours] =
    await Promise.all([
      db
        .selectFrom('users')
        .select(['date_of_birth', 'gender', 'height_cm', 'weight_kg', 'updated_at', 'health_profile', 'source_priority'])
        .where('id', '=', personId)
        .executeTakeFirst(),
      raw(Object.values(LAB_TYPES), LOOK_BACK_MS.labs),
      raw(['body_mass', 'height', 'waist_circumference'], LOOK_BACK_MS.body),
      raw(['blood_pressure'], LOOK_BACK_MS.bloodPressure),
      raw(['phq9', 'gad7'], LOOK_BACK_MS.questionnaires),
      raw(['ambient_temperature', 'pm25', 'relative_humidity'], LOOK_BACK_MS.environment),
      raw(['sleep_stage'], (NIGHTS + 2) * DAY_MS, true),
      raw(['workout'], windowMs),
      // the newest offsets, for the zone: one row each of the densest streams in the last hour
      Promise.all(
        ['heart_rate', 'steps'].map((t) => reader.raw({ personId, types: [t], fromMs: asOfMs - HOUR_MS, toMs: asOfMs + 1, limit: 1 })),
      ),
      byType('day', utcKey - (windowDays + 1) * DAY_MS, utcKey + 2 * DAY_MS),
      byType('hour', asOfMs - 2 * DAY_MS, asOfMs),
      rollups('heart_rate', 'hour', asOfMs - heartRateMs, asOfMs),
    ]);
  if (!user) throw new Error('buildTwinFeatures: no such person');

  const everyRow: StoredObservation[] = [
    ...labRows,
    ...bodyRows,
    ...bpRows,
    ...questionnaireRows,
    ...environmentRows,
    ...stageRows.filter((r) => r.end_ms <= asOfMs),
    ...workouts,
    ...recent.flat(),
  ];
  const zone = latestZone(everyRow);
  const days = localDaysEnding(asOfMs, zone, windowDays);
  const today = localDaysEnding(asOfMs, zone, 1)[0]!.date;
  const nightDates = new Set(localDaysEnding(asOfMs, zone, NIGHTS).map((d) => d.date));
  const health = parseHealthProfile(user.health_profile);

  const measuredWeight = latestOf(bodyRows, 'body_mass');
  const statedWeight =
    user.weight_kg !== null && Date.parse(user.updated_at) <= asOfMs ? { value: user.weight_kg, at: user.updated_at } : null;

  return {
    as_of: asOf.toISOString(),
    time_zone: zone,
    window_days: windowDays,
    profile: {
      age_years: ageOn(user.date_of_birth, today),
      sex: sexOf(user.gender),
      height_cm: user.height_cm ?? latestOf(bodyRows, 'height')?.value ?? null,
      weight_kg: measuredWeight ?? statedWeight,
      weight_kg_90d_ago: nearestOf(bodyRows, 'body_mass', asOfMs - WEIGHT_TREND_DAYS * DAY_MS, WEIGHT_TREND_TOLERANCE_MS),
      waist_cm: latestOf(bodyRows, 'waist_circumference'),
    },
    history: health.history,
    occupation: health.occupation,
    labs: labsOf(labRows),
    blood_pressure: bloodPressureOf(bpRows),
    questionnaires: questionnairesOf(questionnaireRows),
    environment: environmentOf(environmentRows),
    days: dayFeatures({ days, asOfMs, daily, hourly, heartRateHours, workouts }),
    nights: nightFeatures({
      stages: stageRows,
      asOfMs,
      dates: nightDates,
      priority: parseSourcePriority(user.source_priority),
      heartRateHours,
    }),
  };
}
