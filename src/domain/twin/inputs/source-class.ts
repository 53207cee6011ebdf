/** The source class a stored row counts as (as the rollups and `/v1/health/sleep` count it). */
import { isSourceClass, type SourceClass, type StoredObservation } from '../../observations/index.js';

/** A value a person typed in is 'manual', whatever app carried it. */
export function rowSourceClass(row: Pick<StoredObservation, 'provenance' | 'source_class'>): SourceClass {
  if (row.provenance === 'user_entered') return 'manual';
  return isSourceClass(row.source_class) ? row.source_class : 'app';
}
