import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';
import { migrations as shipped } from '../../src/platform/db/migrations/index.js';
import { insertPerson } from '../helpers/samples.js';

const upTo = (last: string) => Object.fromEntries(Object.entries(shipped).filter(([name]) => name <= last));

describe('migration 0011: alert severities in the spec’s words', () => {
  let database: Database | undefined;
  afterEach(async () => database?.close());

  it('renames the stored info/warning/critical per detector', async () => {
    database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database, upTo('0009-alerts'));
    await insertPerson(database, 'usr_a');
    const stored: [string, string][] = [
      ['nightsignal', 'warning'],
      ['nightsignal', 'critical'],
      ['rhr_cusum', 'warning'],
      ['low_spo2', 'warning'],
      ['low_spo2', 'critical'],
      ['twin_poor', 'warning'],
      ['hypertensive_crisis', 'critical'],
      ['other', 'info'],
    ];
    for (const [i, [kind, severity]] of stored.entries()) {
      await sql`insert into alerts (id, person_id, kind, condition_key, severity, title, message, recommended_actions, action_required,
        trigger, status, first_at, last_at) values (${`alr_${i}`}, 'usr_a', ${kind}, ${`${kind}:${i}`}, ${severity}, 't', 'm', '[]', 0, '{}',
        'resolved', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(database.db);
    }

    await migrateToLatest(database);

    const rows = await database.db.selectFrom('alerts').select(['kind', 'severity']).orderBy('id').execute();
    expect(rows.map((r) => `${r.kind}:${r.severity}`)).toEqual([
      'nightsignal:medium',
      'nightsignal:high',
      'rhr_cusum:medium',
      'low_spo2:high',
      'low_spo2:critical',
      'twin_poor:high',
      'hypertensive_crisis:critical',
      'other:low',
    ]);
  });
});
