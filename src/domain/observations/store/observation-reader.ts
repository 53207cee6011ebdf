/**
 * Reads from the observation store: rollups for long ranges, raw rows (keyset-paginated) for short ones, and the
 * whole record of a person for export. Every read is scoped to one person; authorisation happens before this.
 */
import type { Kysely } from 'kysely';
import { OBSERVATION_TYPES } from '../catalogue/index.js';
import type { Tables } from '../../../platform/db/index.js';
import type { Aggregate, RollupPeriod } from './observation-tx.js';

export interface StoredObservation {
  readonly type: string;
  readonly start_ms: number;
  readonly end_ms: number;
  readonly dedup: string;
  readonly value: number | null;
  readonly category: string | null;
  readonly components: Readonly<Record<string, number>> | null;
  readonly utc_offset_min: number | null;
  readonly time_zone: string | null;
  readonly provenance: string;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  readonly external_id: string | null;
  readonly batch_id: string;
  readonly source_name: string;
  readonly source_class: string;
  readonly source_version: string | null;
  readonly bundle_id: string | null;
  readonly device: Readonly<Record<string, unknown>> | null;
}

/** Position after the last row of a page, ordered by (type, start, dedup) — the primary key's own order. */
export interface RawCursor {
  readonly type: string;
  readonly start_ms: number;
  readonly dedup: string;
}

export interface RawQuery {
  readonly personId: string;
  /** One or more types; rows come ordered by (type, start, dedup). */
  readonly types: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly after?: RawCursor | undefined;
  readonly limit: number;
  /** Only rows created by this upload/import. */
  readonly batchId?: string | undefined;
}

type Row = Omit<StoredObservation, 'components' | 'metadata' | 'device'> & {
  components: string | null;
  metadata: string | null;
  device: string | null;
};

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toStored(row: Row): StoredObservation {
  return {
    ...row,
    components: parseJson<Record<string, number>>(row.components),
    metadata: parseJson<Record<string, unknown>>(row.metadata),
    device: parseJson<Record<string, unknown>>(row.device),
  };
}

export class ObservationReader {
  constructor(private readonly db: Kysely<Tables>) {}

  async rollups(personId: string, type: string, period: RollupPeriod, fromBucket: number, toBucket: number): Promise<Aggregate[]> {
    return this.db
      .selectFrom('observation_rollups')
      .select(['bucket', 'count', 'sum', 'min', 'max'])
      .where('person_id', '=', personId)
      .where('type', '=', type)
      .where('period', '=', period)
      .where('bucket', '>=', fromBucket)
      .where('bucket', '<', toBucket)
      .orderBy('bucket')
      .execute();
  }

  /** Raw rows of the given types starting in [fromMs, toMs), ordered by (type, start, dedup), at most `limit`. */
  async raw(query: RawQuery): Promise<StoredObservation[]> {
    if (query.types.length === 0) return [];
    let q = this.db
      .selectFrom('observations as o')
      .innerJoin('observation_sources as s', 's.id', 'o.source_id')
      .select([
        'o.type',
        'o.start_ms',
        'o.end_ms',
        'o.dedup',
        'o.value',
        'o.category',
        'o.components',
        'o.utc_offset_min',
        'o.time_zone',
        'o.provenance',
        'o.metadata',
        'o.external_id',
        'o.batch_id',
        's.name as source_name',
        's.source_class',
        's.version as source_version',
        's.bundle_id',
        's.device',
      ])
      .where('o.person_id', '=', query.personId)
      .where('o.type', 'in', [...query.types])
      .where('o.start_ms', '>=', query.fromMs)
      .where('o.start_ms', '<', query.toMs);
    if (query.batchId !== undefined) q = q.where('o.batch_id', '=', query.batchId);
    const after = query.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('o.type', '>', after.type),
          eb.and([eb('o.type', '=', after.type), eb('o.start_ms', '>', after.start_ms)]),
          eb.and([eb('o.type', '=', after.type), eb('o.start_ms', '=', after.start_ms), eb('o.dedup', '>', after.dedup)]),
        ]),
      );
    }
    const rows = await q.orderBy('o.type').orderBy('o.start_ms').orderBy('o.dedup').limit(query.limit).execute();
    return rows.map(toStored);
  }

  async count(personId: string, types: readonly string[], fromMs: number, toMs: number): Promise<number> {
    if (types.length === 0) return 0;
    const row = await this.db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('type', 'in', [...types])
      .where('start_ms', '>=', fromMs)
      .where('start_ms', '<', toMs)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every row of the person, in primary-key order, a page at a time (for export: constant memory). */
  async *all(personId: string, pageSize = 5000): AsyncGenerator<StoredObservation> {
    // Type by type from the catalogue: one index seek each, where DISTINCT would scan every row of the person.
    for (const type of OBSERVATION_TYPES.map((t) => t.id).sort()) {
      let after: RawCursor | undefined;
      for (;;) {
        const page = await this.raw({
          personId,
          types: [type],
          fromMs: Number.MIN_SAFE_INTEGER,
          toMs: Number.MAX_SAFE_INTEGER,
          after,
          limit: pageSize,
        });
        yield* page;
        if (page.length < pageSize) break;
        const last = page.at(-1)!;
        after = { type: last.type, start_ms: last.start_ms, dedup: last.dedup };
      }
    }
  }
}
