/**
 * ObservationTx on PostgreSQL through a Kysely transaction: multi-row inserts with ON CONFLICT DO NOTHING RETURNING
 * the keys that were new, and the same aggregate queries as the SQLite adapter.
 */
import { sql, type Transaction } from 'kysely';
import type { Tables } from '../../../platform/db/index.js';
import type { PreparedRow } from './prepared-sample.js';
import {
  DAY_MS,
  HOUR_MS,
  MAX_OFFSET_MS,
  type Aggregate,
  type BatchCheckpoint,
  type ObservationTx,
  type RollupPeriod,
  type SourceRow,
} from './observation-tx.js';

/** 15 columns per row: 1,000 rows stay well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 1000;
const ROLLUP_CHUNK = 4000;

export function postgresObservationTx(trx: Transaction<Tables>, now: () => string): ObservationTx {
  const localMs = sql`(start_ms + coalesce(utc_offset_min, 0) * 60000)`;
  return {
    async sourceId(personId: string, source: SourceRow) {
      await trx
        .insertInto('observation_sources')
        .values({ person_id: personId, ...source, created_at: now() })
        .onConflict((oc) => oc.columns(['person_id', 'source_key', 'device_key']).doNothing())
        .execute();
      const row = await trx
        .selectFrom('observation_sources')
        .select('id')
        .where('person_id', '=', personId)
        .where('source_key', '=', source.source_key)
        .where('device_key', '=', source.device_key)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async insert(personId: string, batchId: string, rows: readonly PreparedRow[], sourceIds: readonly number[]) {
      const inserted = new Set<string>();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows
          .slice(i, i + INSERT_CHUNK)
          .map((row, j) => ({ ...row, person_id: personId, batch_id: batchId, source_id: sourceIds[i + j]! }));
        const returned = await trx
          .insertInto('observations')
          .values(chunk)
          .onConflict((oc) => oc.doNothing())
          .returning(['type', 'start_ms', 'dedup'])
          .execute();
        for (const r of returned) inserted.add(`${r.type}|${r.start_ms}|${r.dedup}`);
      }
      // A row repeated within one call is inserted once: only its first occurrence counts as new.
      return rows.map((row) => inserted.delete(`${row.type}|${row.start_ms}|${row.dedup}`));
    },
    async insertCounting(personId: string, batchId: string, rows: readonly PreparedRow[], sourceIds: readonly number[]) {
      return (await this.insert(personId, batchId, rows, sourceIds)).filter(Boolean).length;
    },
    async deleteByExternalIds(personId: string, externalIds: readonly string[]) {
      if (externalIds.length === 0) return [];
      return trx
        .deleteFrom('observations')
        .where('person_id', '=', personId)
        .where('external_id', 'in', [...externalIds])
        .returning(['type', 'start_ms', 'end_ms', 'utc_offset_min'])
        .execute();
    },
    async deleteBatch(personId: string, batchId: string) {
      return trx
        .deleteFrom('observations')
        .where('person_id', '=', personId)
        .where('batch_id', '=', batchId)
        .returning(['type', 'start_ms', 'end_ms', 'utc_offset_min'])
        .execute();
    },
    async hourAggregates(personId: string, type: string, fromMs: number, toMs: number) {
      const result = await sql<Aggregate>`
        select start_ms / ${HOUR_MS} * ${HOUR_MS} as bucket, count(*) as count, sum(value) as sum, min(value) as min, max(value) as max
        from observations where person_id = ${personId} and type = ${type} and start_ms >= ${fromMs} and start_ms < ${toMs}
          and value is not null
        group by 1 order by 1`.execute(trx);
      return result.rows;
    },
    async dayAggregates(personId: string, type: string, fromKey: number, toKey: number) {
      const result = await sql<Aggregate>`
        select ${localMs} / ${DAY_MS} * ${DAY_MS} as bucket, count(*) as count, sum(value) as sum, min(value) as min, max(value) as max
        from observations where person_id = ${personId} and type = ${type}
          and start_ms >= ${fromKey - MAX_OFFSET_MS} and start_ms < ${toKey + MAX_OFFSET_MS} and value is not null
          and ${localMs} >= ${fromKey} and ${localMs} < ${toKey}
        group by 1 order by 1`.execute(trx);
      return result.rows;
    },
    async cumulativeRows(personId: string, type: string, fromMs: number, toMs: number) {
      const rows = await trx
        .selectFrom('observations as o')
        .innerJoin('observation_sources as s', 's.id', 'o.source_id')
        .select(['o.start_ms', 'o.end_ms', 'o.value', 'o.utc_offset_min', 's.source_key', 's.source_class', 'o.provenance', 'o.dedup'])
        .where('o.person_id', '=', personId)
        .where('o.type', '=', type)
        .where('o.start_ms', '>=', fromMs)
        .where('o.start_ms', '<', toMs)
        .where('o.value', 'is not', null)
        .execute();
      return rows.map((r) => ({ ...r, value: r.value! }));
    },
    async componentRows(personId: string, type: string, fromMs: number, toMs: number) {
      const rows = await trx
        .selectFrom('observations')
        .select(['start_ms', 'utc_offset_min', 'components'])
        .where('person_id', '=', personId)
        .where('type', '=', type)
        .where('start_ms', '>=', fromMs)
        .where('start_ms', '<', toMs)
        .where('components', 'is not', null)
        .execute();
      return rows.map((r) => ({ ...r, components: r.components! }));
    },
    async replaceRollups(
      personId: string,
      type: string,
      period: RollupPeriod,
      fromBucket: number,
      toBucket: number,
      rows: readonly Aggregate[],
    ) {
      await trx
        .deleteFrom('observation_rollups')
        .where('person_id', '=', personId)
        .where('type', '=', type)
        .where('period', '=', period)
        .where('bucket', '>=', fromBucket)
        .where('bucket', '<', toBucket)
        .execute();
      for (let i = 0; i < rows.length; i += ROLLUP_CHUNK) {
        const chunk = rows.slice(i, i + ROLLUP_CHUNK).map((r) => ({ person_id: personId, type, period, ...r }));
        await trx.insertInto('observation_rollups').values(chunk).execute();
      }
    },
    async recordProgress(batchId: string, p: BatchCheckpoint) {
      await trx
        .updateTable('ingest_batches')
        .set((eb) => ({
          processed_items: p.processedItems ?? eb.ref('processed_items'),
          bytes_done: p.bytesDone ?? eb.ref('bytes_done'),
          stored: eb('stored', '+', p.storedDelta),
          duplicates: eb('duplicates', '+', p.duplicatesDelta),
          deleted: eb('deleted', '+', p.deletedDelta),
          failed_items: eb('failed_items', '+', p.failedDelta),
          detail: p.detail ?? eb.ref('detail'),
          updated_at: p.now,
        }))
        .where('id', '=', batchId)
        .execute();
    },
    async setSourcePriority(personId: string, priority: string | null) {
      await trx.updateTable('users').set({ source_priority: priority }).where('id', '=', personId).execute();
    },
    async extent(personId: string, type: string) {
      const row = await trx
        .selectFrom('observations')
        .select((eb) => [eb.fn.min('start_ms').as('first'), eb.fn.max('start_ms').as('last')])
        .where('person_id', '=', personId)
        .where('type', '=', type)
        .executeTakeFirst();
      return row?.first == null || row.last == null ? null : { first: Number(row.first), last: Number(row.last) };
    },
    async sourcePriority(personId: string) {
      const row = await trx.selectFrom('users').select('source_priority').where('id', '=', personId).executeTakeFirst();
      return row?.source_priority ?? null;
    },
  };
}
