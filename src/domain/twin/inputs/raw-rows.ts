/** Raw rows of a few sparse types, read page by page, keeping only samples complete at or before as_of. */
import type { ObservationReader, RawCursor, StoredObservation } from '../../observations/index.js';

const PAGE = 5000;

/**
 * Every row of `types` that started in [fromMs, asOfMs] and ended by asOfMs: a sample still running at as_of is not
 * yet known. `keepRunning` keeps those too (the sleep code needs to see a night in progress to leave it out).
 */
export async function rowsUntil(
  reader: ObservationReader,
  personId: string,
  types: readonly string[],
  fromMs: number,
  asOfMs: number,
  keepRunning = false,
): Promise<StoredObservation[]> {
  const rows: StoredObservation[] = [];
  let after: RawCursor | undefined;
  for (;;) {
    const page = await reader.raw({ personId, types, fromMs, toMs: asOfMs + 1, after, limit: PAGE });
    for (const row of page) if (keepRunning || row.end_ms <= asOfMs) rows.push(row);
    if (page.length < PAGE) return rows;
    const last = page.at(-1)!;
    after = { type: last.type, start_ms: last.start_ms, dedup: last.dedup };
  }
}

/** The rows of one type, oldest first (rows come ordered by type, then start). */
export const ofType = (rows: readonly StoredObservation[], type: string): StoredObservation[] => rows.filter((r) => r.type === type);
