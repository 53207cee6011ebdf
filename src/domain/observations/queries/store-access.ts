/** What the queries read besides rollups: every raw row of a few types in a bounded window, and the person's source priority. */
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.js';
import type { SourcePriority } from '../sources/index.js';
import { parseSourcePriority, type ObservationReader, type RawCursor, type StoredObservation } from '../store/index.js';

const PAGE = 5000;

/** Every row of `types` starting in [fromMs, toMs), page by page (the callers' windows are a few days at most). */
export async function readAll(
  reader: ObservationReader,
  personId: string,
  types: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<StoredObservation[]> {
  const rows: StoredObservation[] = [];
  let after: RawCursor | undefined;
  for (;;) {
    const page = await reader.raw({ personId, types, fromMs, toMs, after, limit: PAGE });
    rows.push(...page);
    if (page.length < PAGE) return rows;
    const last = page.at(-1)!;
    after = { type: last.type, start_ms: last.start_ms, dedup: last.dedup };
  }
}

/** The person's source priority (default watch > ring > phone > app > manual when unset or unreadable). */
export async function sourcePriorityOf(db: Kysely<Tables>, personId: string): Promise<SourcePriority> {
  const row = await db.selectFrom('users').select('source_priority').where('id', '=', personId).executeTakeFirst();
  return parseSourcePriority(row?.source_priority ?? null);
}
