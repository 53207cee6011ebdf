import { isSourceClass, type SourceClass, type StoredObservation } from '../../observations/index.js';

/** The class a stored row counts as in merges: typed-in values are 'manual' whatever app carried them (as the rollups do). */
export function rowSourceClassOf(row: Pick<StoredObservation, 'provenance' | 'source_class'>): SourceClass {
  if (row.provenance === 'user_entered') return 'manual';
  return isSourceClass(row.source_class) ? row.source_class : 'app';
}
