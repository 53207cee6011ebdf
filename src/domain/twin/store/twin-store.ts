/**
 * Stored twin scores and their snapshots: one row per person, twin and day (a recompute on the same day replaces the
 * day's row), so the rows are the score history. Reads are by primary key prefix, never a scan.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.js';
import type { TwinFeatures } from '../twin-features.js';
import { TWIN_NAMES, type TwinName, type TwinScore, type TwinScores, type TwinStatus } from '../twin-score.js';

export interface StoredSnapshot {
  readonly day: string;
  readonly asOf: string;
  readonly engineVersion: string;
  readonly inputsHash: string;
  readonly features: TwinFeatures;
  readonly computedAt: string;
}

export interface StoredTwinScore extends TwinScore {
  readonly day: string;
  readonly as_of: string;
  readonly inputs_hash: string;
}

export interface ScoreHistoryPoint {
  readonly day: string;
  readonly score: number | null;
}

export class TwinStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Replaces the day's snapshot and scores in one transaction (nothing half-written). */
  async save(personId: string, snapshot: StoredSnapshot, scores: TwinScores): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('twin_snapshots').where('person_id', '=', personId).where('day', '=', snapshot.day).execute();
      await trx.deleteFrom('twin_scores').where('person_id', '=', personId).where('day', '=', snapshot.day).execute();
      await trx
        .insertInto('twin_snapshots')
        .values({
          person_id: personId,
          day: snapshot.day,
          as_of: snapshot.asOf,
          engine_version: snapshot.engineVersion,
          inputs_hash: snapshot.inputsHash,
          features: JSON.stringify(snapshot.features),
          computed_at: snapshot.computedAt,
        })
        .execute();
      await trx
        .insertInto('twin_scores')
        .values(
          TWIN_NAMES.map((twin) => {
            const s = scores[twin];
            return {
              person_id: personId,
              twin,
              day: snapshot.day,
              as_of: snapshot.asOf,
              score: s.score,
              status: s.status,
              components: JSON.stringify(s.components),
              data_sufficiency: JSON.stringify(s.data_sufficiency),
              notes: JSON.stringify(s.notes),
              models: JSON.stringify(s.models),
              inputs_hash: snapshot.inputsHash,
            };
          }),
        )
        .execute();
    });
  }

  /** The most recent snapshot, or null when the person was never computed. */
  async latestSnapshot(personId: string): Promise<StoredSnapshot | null> {
    const row = await this.db
      .selectFrom('twin_snapshots')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    return {
      day: row.day,
      asOf: row.as_of,
      engineVersion: row.engine_version,
      inputsHash: row.inputs_hash,
      features: JSON.parse(row.features) as TwinFeatures,
      computedAt: row.computed_at,
    };
  }

  /** Whether a snapshot exists for that day (the engine backfills a past day once, for trends). */
  async hasDay(personId: string, day: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('twin_snapshots')
      .select('day')
      .where('person_id', '=', personId)
      .where('day', '=', day)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The scores of the most recent day, every twin, or null when the person was never computed. */
  async latestScores(personId: string): Promise<Readonly<Record<TwinName, StoredTwinScore>> | null> {
    const latest = await this.db
      .selectFrom('twin_scores')
      .select('day')
      .where('person_id', '=', personId)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return null;
    const rows = await this.db
      .selectFrom('twin_scores')
      .selectAll()
      .where('person_id', '=', personId)
      .where('day', '=', latest.day)
      .execute();
    const byTwin = new Map(rows.map((row) => [row.twin, row]));
    const result = {} as Record<TwinName, StoredTwinScore>;
    for (const twin of TWIN_NAMES) {
      const row = byTwin.get(twin);
      if (!row) return null;
      result[twin] = {
        twin,
        score: row.score,
        status: row.status as TwinStatus,
        components: JSON.parse(row.components) as TwinScore['components'],
        models: JSON.parse(row.models) as string[],
        data_sufficiency: JSON.parse(row.data_sufficiency) as TwinScore['data_sufficiency'],
        notes: JSON.parse(row.notes) as string[],
        day: row.day,
        as_of: row.as_of,
        inputs_hash: row.inputs_hash,
      };
    }
    return result;
  }

  /** Each twin's score on the latest stored day at or before `day` (for trends), or null when there is none. */
  async scoresOnOrBefore(personId: string, day: string): Promise<Partial<Record<TwinName, ScoreHistoryPoint>>> {
    const prior = await this.db
      .selectFrom('twin_scores')
      .select('day')
      .where('person_id', '=', personId)
      .where('day', '<=', day)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!prior) return {};
    const rows = await this.db
      .selectFrom('twin_scores')
      .select(['twin', 'day', 'score'])
      .where('person_id', '=', personId)
      .where('day', '=', prior.day)
      .execute();
    return Object.fromEntries(rows.map((row) => [row.twin, { day: row.day, score: row.score }]));
  }

  /** Daily history of one twin in [fromDay, toDay], oldest first. */
  async history(personId: string, twin: TwinName, fromDay: string, toDay: string): Promise<ScoreHistoryPoint[]> {
    return this.db
      .selectFrom('twin_scores')
      .select(['day', 'score'])
      .where('person_id', '=', personId)
      .where('twin', '=', twin)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .execute();
  }

  async erasePerson(personId: string): Promise<Record<string, number>> {
    return this.db.transaction().execute(async (trx) => {
      const scores = await trx.deleteFrom('twin_scores').where('person_id', '=', personId).executeTakeFirst();
      const snapshots = await trx.deleteFrom('twin_snapshots').where('person_id', '=', personId).executeTakeFirst();
      return { twin_scores: Number(scores.numDeletedRows), twin_snapshots: Number(snapshots.numDeletedRows) };
    });
  }
}
