import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Webhooks: a person's endpoints (secrets encrypted at rest), one delivery per event per endpoint (the exact body, so a
 * retry or replay sends the same bytes under the same `webhook-id`), and one row per attempt with its status and
 * latency. Also `jobs.run_after`: a queued job is not claimed before it (retry backoff).
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table jobs add column run_after text`.execute(db);
    await sql`create table webhook_endpoints (
      id text primary key,
      person_id text not null references users(id) on delete cascade,
      url text not null,
      events text not null,
      secret text not null,
      previous_secret text,
      previous_secret_expires_at text,
      status text not null,
      disabled_reason text,
      disabled_at text,
      consecutive_failures integer not null default 0,
      last_success_at text,
      last_failure_at text,
      created_at text not null,
      updated_at text not null
    )`.execute(db);
    await sql`create index webhook_endpoints_person on webhook_endpoints (person_id, created_at)`.execute(db);
    await sql`create table webhook_deliveries (
      id text primary key,
      endpoint_id text not null references webhook_endpoints(id) on delete cascade,
      person_id text not null,
      event_id text not null,
      event_type text not null,
      payload text not null,
      state text not null,
      attempts integer not null default 0,
      next_attempt_at text,
      last_status_code integer,
      last_error text,
      replay_of text,
      created_at text not null,
      updated_at text not null,
      delivered_at text
    )`.execute(db);
    await sql`create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at)`.execute(db);
    await sql`create table webhook_attempts (
      id text primary key,
      delivery_id text not null references webhook_deliveries(id) on delete cascade,
      endpoint_id text not null,
      attempt integer not null,
      started_at text not null,
      status_code integer,
      latency_ms double precision not null,
      outcome text not null,
      error text
    )`.execute(db);
    await sql`create index webhook_attempts_delivery on webhook_attempts (delivery_id, attempt)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints'])
      await sql`drop table ${sql.table(table)}`.execute(db);
    await sql`alter table jobs drop column run_after`.execute(db);
  },
};
