import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Notifications (docs/notifications.md): each person's preferences (JSON, spec §5.3 shape), their Web Push
 * subscriptions, the next scheduled daily summary / weekly report (`token` names the one job chain that is current),
 * and a sent log (one row per person, kind and occasion) that makes every delivery job idempotent. The outbox gains the
 * person a held message is for (push and SMS messages have no address a human could read).
 */
export const notifications: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create table notification_preferences (
      person_id text primary key references users(id) on delete cascade,
      preferences text not null,
      updated_at text not null
    )`.execute(db);
    await sql`create table push_subscriptions (
      id text primary key,
      person_id text not null references users(id) on delete cascade,
      endpoint text not null,
      p256dh text not null,
      auth text not null,
      created_at text not null
    )`.execute(db);
    await sql`create unique index push_subscriptions_endpoint on push_subscriptions (person_id, endpoint)`.execute(db);
    await sql`create table notification_schedules (
      person_id text not null references users(id) on delete cascade,
      kind text not null,
      next_at text not null,
      time_zone text not null,
      token text not null,
      primary key (person_id, kind)
    )`.execute(db);
    await sql`create table notification_sent (
      person_id text not null references users(id) on delete cascade,
      kind text not null,
      occasion text not null,
      sent_at text not null,
      primary key (person_id, kind, occasion)
    )`.execute(db);
    await sql`alter table outbox add column person_id text references users(id) on delete cascade`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table outbox drop column person_id`.execute(db);
    await sql`drop table notification_sent`.execute(db);
    await sql`drop table notification_schedules`.execute(db);
    await sql`drop table push_subscriptions`.execute(db);
    await sql`drop table notification_preferences`.execute(db);
  },
};
