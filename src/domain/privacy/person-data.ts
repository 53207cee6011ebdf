/**
 * A person's rights over their data: everything held about them, as JSON or as a FHIR R4 Bundle, streamed in constant
 * memory; and erasure of all of it, with a receipt of what was deleted.
 *
 * What erasure keeps: audit-log entries. They hold no health values (ids, actions, counts only) and are hash-chained,
 * so removing them would break the evidence that the log is intact; they keep the person's id, which no longer leads
 * to any personal data once the account row is gone.
 */
import { rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import type { User } from '../identity/index.js';
import { fhirBundleChunksAsync, type StoredSample } from '../observations/export/index.js';
import type { ObservationStore, StoredObservation } from '../observations/index.js';
import { parseHealthProfile } from '../twin/inputs/index.js';
import { derivedRecords } from './derived-records.js';

/** A stored row as the sample it was ingested as (with the store's id), for FHIR. */
export function toStoredSample(o: StoredObservation): StoredSample {
  const device = o.device as StoredSample['source']['device'];
  return {
    id: Buffer.from(`${o.type}|${o.start_ms}|${o.dedup}`).toString('base64url'),
    type: o.type as StoredSample['type'],
    start: o.start_ms,
    end: o.end_ms,
    value: o.value,
    category: o.category,
    components: o.components,
    utcOffsetMinutes: o.utc_offset_min,
    timeZone: o.time_zone,
    source: { name: o.source_name, version: o.source_version, bundleId: o.bundle_id, device },
    provenance: o.provenance === 'user_entered' ? 'user_entered' : 'sensed',
    metadata: (o.metadata as StoredSample['metadata']) ?? null,
    externalId: o.external_id,
  };
}

const observationJson = (o: StoredObservation) => ({
  type: o.type,
  start: new Date(o.start_ms).toISOString(),
  end: new Date(o.end_ms).toISOString(),
  value: o.value,
  category: o.category,
  components: o.components,
  utc_offset_minutes: o.utc_offset_min,
  time_zone: o.time_zone,
  source: { name: o.source_name, version: o.source_version, bundle_id: o.bundle_id, class: o.source_class, device: o.device },
  provenance: o.provenance,
  metadata: o.metadata,
  external_id: o.external_id,
  upload_id: o.batch_id,
});

export class PersonData {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly store: ObservationStore,
    private readonly clock: Clock,
  ) {}

  /**
   * The whole record as JSON text, in pieces: profile, health profile, uploads/imports, every observation, then what
   * was derived from them or kept for the person (twin scores, alerts, PAT analyses, webhooks, notification settings).
   */
  async *exportJson(user: User, profile: Record<string, unknown>): AsyncGenerator<string> {
    const batches = await this.db
      .selectFrom('ingest_batches')
      .select(['id', 'kind', 'state', 'stored', 'duplicates', 'created_at', 'completed_at'])
      .where('person_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    const stated = await this.db.selectFrom('users').select('health_profile').where('id', '=', user.id).executeTakeFirst();
    const healthProfile = parseHealthProfile(stated?.health_profile ?? null);
    yield `{"exported_at":${JSON.stringify(this.clock.now().toISOString())},"format":"homeostat-export-1","profile":${JSON.stringify(profile)},"health_profile":${JSON.stringify(healthProfile)},"uploads":${JSON.stringify(batches)},"observations":[`;
    let first = true;
    let piece = '';
    for await (const o of this.store.reader.all(user.id)) {
      piece += (first ? '' : ',') + JSON.stringify(observationJson(o));
      first = false;
      if (piece.length >= 65_536) {
        yield piece;
        piece = '';
      }
    }
    const derived = await derivedRecords(this.db, user.id);
    yield `${piece}]${Object.entries(derived)
      .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
      .join('')}}`;
  }

  /** The record as a FHIR R4 Bundle (collection) of Observations with LOINC and UCUM, in pieces. */
  exportFhir(user: User): AsyncGenerator<string> {
    const sex = user.gender === 'female' || user.gender === 'male' || user.gender === 'other' ? user.gender : null;
    const samples = mapAsync(this.store.reader.all(user.id), toStoredSample);
    return fhirBundleChunksAsync({ id: user.id, birthDate: user.dateOfBirth, sex }, samples, { timestamp: this.clock.now().toISOString() });
  }

  /** Deletes everything held about the person, account included, in one transaction; returns counts per kind. */
  async erase(personId: string): Promise<Record<string, number>> {
    const files: string[] = [];
    const counts = await this.db.transaction().execute(async (trx) => {
      const imports = await trx
        .selectFrom('ingest_batches')
        .select('file_path')
        .where('person_id', '=', personId)
        .where('kind', '=', 'apple_health_import')
        .execute();
      files.push(...imports.map((r) => r.file_path).filter((p): p is string => p !== null && p.endsWith('.upload')));
      const counted: Record<string, number> = {};
      const remove = async (
        table: 'observations' | 'observation_rollups' | 'ingest_batches' | 'observation_sources' | 'jobs' | 'twin_scores' | 'twin_snapshots' | 'alerts',
        column: 'person_id',
      ) => {
        counted[table] = Number((await trx.deleteFrom(table).where(column, '=', personId).executeTakeFirst()).numDeletedRows);
      };
      const tables = ['observations', 'observation_rollups', 'ingest_batches', 'jobs', 'observation_sources', 'twin_scores', 'twin_snapshots', 'alerts'] as const;
      for (const table of tables)
        await remove(table, 'person_id');
      for (const table of ['refresh_tokens', 'one_time_codes'] as const) {
        counted[table] = Number((await trx.deleteFrom(table).where('user_id', '=', personId).executeTakeFirst()).numDeletedRows);
      }
      counted['users'] = Number((await trx.deleteFrom('users').where('id', '=', personId).executeTakeFirst()).numDeletedRows);
      return counted;
    });
    await Promise.all(files.map((file) => rm(file, { force: true })));
    return { ...counts, uploaded_files: files.length };
  }
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}
