import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from './index.js';
import { preparedQuery } from './prepared-query.js';

describe('preparedQuery', () => {
  let database: Database;
  beforeEach(async () => {
    database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    await database.db
      .insertInto('revoked_tokens')
      .values([
        { jti: 'a', user_id: 'u1', expires_at: 10, revoked_at: 'x' },
        { jti: 'b', user_id: 'u2', expires_at: 20, revoked_at: 'y' },
      ])
      .execute();
  });
  afterEach(async () => database.close());

  it('binds fresh values on every call, in the right positions, keeping the query’s own constants', async () => {
    const { db } = database;
    const find = preparedQuery<{ user: string; after: number }, { jti: string }>(db, (param) =>
      db.selectFrom('revoked_tokens').select('jti').where('user_id', '=', param('user')).where('expires_at', '>', param('after')).where('revoked_at', '!=', 'never'),
    );
    expect(await find({ user: 'u1', after: 0 })).toEqual([{ jti: 'a' }]);
    expect(await find({ user: 'u2', after: 0 })).toEqual([{ jti: 'b' }]);
    expect(await find({ user: 'u2', after: 20 })).toEqual([]);
  });

  it('refuses a query that uses none of its parameters (it would silently run with constants)', () => {
    const { db } = database;
    expect(() => preparedQuery(db, () => db.selectFrom('revoked_tokens').select('jti').where('user_id', '=', 'u1'))).toThrow(/none of its parameters/);
  });
});
