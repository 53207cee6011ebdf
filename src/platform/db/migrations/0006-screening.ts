import { sql, type Kysely, type Migration } from 'kysely';

/**
 * MHRAS screening: consents per anonymized id, stored predictions (with the model version each used and the inputs it
 * saw, so it can be explained and recomputed), the human review queue and its comments, and the alerts a screening
 * raised (kept here until the alerts issue delivers them). Instants are ISO-8601 UTC text, flags 0/1, JSON is text.
 */
export const screening: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create table screening_consents (
      id text primary key,
      anonymized_id text not null,
      data_types text not null,
      granted_at text not null,
      expires_at text,
      revoked_at text,
      recorded_by text,
      created_at text not null
    )`.execute(db);
    await sql`create index screening_consents_subject on screening_consents (anonymized_id, created_at)`.execute(db);
    await sql`create table screening_predictions (
      id text primary key,
      anonymized_id text not null,
      created_at text not null,
      model_id text not null,
      model_version text not null,
      score double precision not null,
      risk_level text not null,
      model_level text not null,
      confidence double precision not null,
      requires_review integer not null,
      alert_triggered integer not null,
      safety_rail integer not null,
      inputs text not null,
      risk_score text not null,
      actor_id text
    )`.execute(db);
    await sql`create index screening_predictions_subject on screening_predictions (anonymized_id, created_at)`.execute(db);
    await sql`create table screening_reviews (
      id text primary key,
      prediction_id text not null references screening_predictions(id) on delete cascade,
      anonymized_id text not null,
      reason text not null,
      risk_level text not null,
      created_at text not null,
      due_at text not null,
      escalated_at text,
      assigned_to text,
      assigned_at text,
      resolved_at text,
      resolved_by text,
      resolution text
    )`.execute(db);
    await sql`create index screening_reviews_open on screening_reviews (resolved_at, due_at)`.execute(db);
    await sql`create table screening_review_comments (
      id text primary key,
      review_id text not null references screening_reviews(id) on delete cascade,
      author_id text not null,
      body text not null,
      created_at text not null
    )`.execute(db);
    await sql`create index screening_review_comments_review on screening_review_comments (review_id, created_at)`.execute(db);
    await sql`create table screening_alerts (
      id text primary key,
      kind text not null,
      prediction_id text references screening_predictions(id) on delete cascade,
      review_id text,
      anonymized_id text not null,
      risk_level text not null,
      score double precision,
      model text not null,
      created_at text not null,
      delivered_at text
    )`.execute(db);
    await sql`create index screening_alerts_pending on screening_alerts (delivered_at, created_at)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('screening_alerts').execute();
    await db.schema.dropTable('screening_review_comments').execute();
    await db.schema.dropTable('screening_reviews').execute();
    await db.schema.dropTable('screening_predictions').execute();
    await db.schema.dropTable('screening_consents').execute();
  },
};
