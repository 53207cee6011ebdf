/**
 * `HKWorkoutActivityType` raw values and names (HealthKit SDK, iOS 18), and the form a workout's category is stored in:
 * the name without its `HKWorkoutActivityType` prefix (`Running`), exactly as the Apple Health export path stores
 * `workoutActivityType="HKWorkoutActivityTypeRunning"` (apple-health/workout-mapping.ts), so a workout uploaded by the
 * app and the same workout read from an export have the same category, hence the same dedup key. Pure data.
 */

/** Case names in raw-value order from 1; 81 is unassigned; 3000 is `other`. */
// prettier-ignore
const CASES_FROM_1 = [
  'americanFootball', 'archery', 'australianFootball', 'badminton', 'baseball', 'basketball', 'bowling', 'boxing',
  'climbing', 'cricket', 'crossTraining', 'curling', 'cycling', 'dance', 'danceInspiredTraining', 'elliptical',
  'equestrianSports', 'fencing', 'fishing', 'functionalStrengthTraining', 'golf', 'gymnastics', 'handball', 'hiking',
  'hockey', 'hunting', 'lacrosse', 'martialArts', 'mindAndBody', 'mixedMetabolicCardioTraining', 'paddleSports', 'play',
  'preparationAndRecovery', 'racquetball', 'rowing', 'rugby', 'running', 'sailing', 'skatingSports', 'snowSports',
  'soccer', 'softball', 'squash', 'stairClimbing', 'surfingSports', 'swimming', 'tableTennis', 'tennis',
  'trackAndField', 'traditionalStrengthTraining', 'volleyball', 'walking', 'waterFitness', 'waterPolo', 'waterSports',
  'wrestling', 'yoga', 'barre', 'coreTraining', 'crossCountrySkiing', 'downhillSkiing', 'flexibility',
  'highIntensityIntervalTraining', 'jumpRope', 'kickboxing', 'pilates', 'snowboarding', 'stairs', 'stepTraining',
  'wheelchairWalkPace', 'wheelchairRunPace', 'taiChi', 'mixedCardio', 'handCycling', 'discSports', 'fitnessGaming',
  'cardioDance', 'socialDance', 'pickleball', 'cooldown', null, 'swimBikeRun', 'transition', 'underwaterDiving',
] as const;

export const WORKOUT_ACTIVITY_TYPE_PREFIX = 'HKWorkoutActivityType';
/** `running` → `Running`: the stored category. */
const stored = (caseName: string): string => caseName[0]!.toUpperCase() + caseName.slice(1);

const BY_RAW = new Map<number, string>([
  ...CASES_FROM_1.flatMap((name, i) => (name === null ? [] : [[i + 1, stored(name)] as const])),
  [3000, 'Other'],
]);
const BY_SPELLING = new Map<string, string>(
  [...BY_RAW.values()].flatMap((name) => [
    [name, name],
    [WORKOUT_ACTIVITY_TYPE_PREFIX + name, name],
    [name[0]!.toLowerCase() + name.slice(1), name],
  ]),
);

/**
 * The stored category (`Running`) of an activity type given as its raw value (37), full name
 * (`HKWorkoutActivityTypeRunning`), Swift case name (`running`) or stored name (`Running`); null for anything else
 * (never guessed).
 */
export function workoutActivityCategory(value: unknown): string | null {
  if (typeof value === 'number') return BY_RAW.get(value) ?? null;
  if (typeof value !== 'string') return null;
  return BY_SPELLING.get(value) ?? null;
}

/** Every known stored category, raw-value order. */
export const WORKOUT_ACTIVITY_CATEGORIES: readonly string[] = [...BY_RAW.values()];
