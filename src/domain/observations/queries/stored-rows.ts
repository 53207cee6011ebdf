/** What a stored row counts as, for the queries and everything that reads rows the way they do (twin, actigraphy). */
import { isSleepStage, type SleepSample } from '../sleep/index.js';
import { isSourceClass, type SourceClass } from '../sources/index.js';
import type { StoredObservation } from '../store/index.js';

/** The class a stored row counts as: a value a person typed in is 'manual', whatever app carried it (as the rollups do). */
export function rowSourceClass(row: Pick<StoredObservation, 'provenance' | 'source_class'>): SourceClass {
  if (row.provenance === 'user_entered') return 'manual';
  return isSourceClass(row.source_class) ? row.source_class : 'app';
}

/** A stored `sleep_stage` row as a sleep-session input; none for an unknown stage (buildSleepSessions would drop it with a warning). */
export function sleepSampleOf(row: StoredObservation): SleepSample[] {
  if (!isSleepStage(row.category)) return [];
  return [
    {
      start: new Date(row.start_ms).toISOString(),
      end: new Date(row.end_ms).toISOString(),
      stage: row.category,
      source: row.source_name,
      ...(row.time_zone !== null && { timeZone: row.time_zone }),
      ...(row.utc_offset_min !== null && { utcOffsetMinutes: row.utc_offset_min }),
    },
  ];
}
