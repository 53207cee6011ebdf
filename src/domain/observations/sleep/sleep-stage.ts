/**
 * Sleep stages as HealthKit records them (`HKCategoryTypeIdentifierSleepAnalysis`), and the precedence used when
 * several samples claim the same instant. See README.md ("Overlapping samples").
 */

export const SLEEP_STAGES = ['in_bed', 'asleep_unspecified', 'awake', 'asleep_core', 'asleep_deep', 'asleep_rem'] as const;
export type SleepStage = (typeof SLEEP_STAGES)[number];

/** Stages that count as sleep (total sleep = the time any of these wins on the union timeline). */
export const ASLEEP_STAGES: readonly SleepStage[] = ['asleep_unspecified', 'asleep_core', 'asleep_deep', 'asleep_rem'];

export function isSleepStage(value: unknown): value is SleepStage {
  return typeof value === 'string' && (SLEEP_STAGES as readonly string[]).includes(value);
}

export function isAsleep(stage: SleepStage): boolean {
  return stage === 'asleep_unspecified' || stage === 'asleep_core' || stage === 'asleep_deep' || stage === 'asleep_rem';
}

/** `HKCategoryValueSleepAnalysis` raw values (HealthKit SDK; 1 was called `Asleep` before iOS 16). */
const BY_NUMBER: ReadonlyMap<number, SleepStage> = new Map<number, SleepStage>([
  [0, 'in_bed'],
  [1, 'asleep_unspecified'],
  [2, 'awake'],
  [3, 'asleep_core'],
  [4, 'asleep_deep'],
  [5, 'asleep_rem'],
]);

/** The `value` attribute of `<Record type="HKCategoryTypeIdentifierSleepAnalysis" …>` in Apple Health `export.xml`. */
const BY_EXPORT_STRING: ReadonlyMap<string, SleepStage> = new Map<string, SleepStage>([
  ['HKCategoryValueSleepAnalysisInBed', 'in_bed'],
  ['HKCategoryValueSleepAnalysisAsleepUnspecified', 'asleep_unspecified'],
  ['HKCategoryValueSleepAnalysisAsleep', 'asleep_unspecified'], // pre-iOS 16 exports
  ['HKCategoryValueSleepAnalysisAwake', 'awake'],
  ['HKCategoryValueSleepAnalysisAsleepCore', 'asleep_core'],
  ['HKCategoryValueSleepAnalysisAsleepDeep', 'asleep_deep'],
  ['HKCategoryValueSleepAnalysisAsleepREM', 'asleep_rem'],
]);

/**
 * Maps a HealthKit sleep value (the raw number, or the export.xml string, or a numeric string) to our stage.
 * Returns null for anything unknown: the caller reports it; we never guess a stage.
 */
export function sleepStageFromHealthKit(value: number | string): SleepStage | null {
  if (typeof value === 'number') return Number.isInteger(value) ? (BY_NUMBER.get(value) ?? null) : null;
  const trimmed = value.trim();
  const named = BY_EXPORT_STRING.get(trimmed);
  if (named) return named;
  if (/^\d+$/.test(trimmed)) return BY_NUMBER.get(Number(trimmed)) ?? null;
  return null;
}

/**
 * Precedence when samples overlap, higher wins. Three tiers:
 *   specific stages (awake, core, rem, deep) > asleep_unspecified > in_bed.
 * Inside the specific tier (two staging devices that disagree, after source priority has not settled it) the least
 * remarkable claim wins: awake > core > rem > deep, so a conflict never inflates sleep or its depth.
 */
const PRECEDENCE: Readonly<Record<SleepStage, number>> = {
  in_bed: 0,
  asleep_unspecified: 1,
  asleep_deep: 2,
  asleep_rem: 3,
  asleep_core: 4,
  awake: 5,
};

/** 0 = in_bed, 1 = asleep_unspecified, 2 = a specific stage (awake/core/deep/rem). */
export function stageTier(stage: SleepStage): 0 | 1 | 2 {
  if (stage === 'in_bed') return 0;
  if (stage === 'asleep_unspecified') return 1;
  return 2;
}

export function stagePrecedence(stage: SleepStage): number {
  return PRECEDENCE[stage];
}
