import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optimisticSqliteTransaction } from './optimistic-transaction.js';

/** Two connections to one WAL file: `ours` runs the optimistic transaction, `theirs` is the server writing meanwhile. */
describe('optimisticSqliteTransaction', () => {
  let dir: string;
  let ours: SQLite.Database;
  let theirs: SQLite.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'optimistic-tx-'));
    ours = new SQLite(join(dir, 'db.sqlite'));
    ours.pragma('journal_mode = WAL');
    ours.exec('create table rows (k text primary key); create table totals (n integer not null)');
    theirs = new SQLite(join(dir, 'db.sqlite'));
    theirs.pragma('busy_timeout = 1000');
  });
  afterEach(() => {
    ours.close();
    theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = () => (ours.prepare('select count(*) as n from rows').get() as { n: number }).n;
  const totals = () => ours.prepare('select n from totals').all() as { n: number }[];

  it('commits once when nobody wrote meanwhile', async () => {
    let runs = 0;
    const result = await optimisticSqliteTransaction(ours, async () => {
      runs++;
      const n = count();
      ours.prepare('insert into totals (n) values (?)').run(n);
      return n;
    });
    expect({ result, runs, totals: totals() }).toEqual({ result: 0, runs: 1, totals: [{ n: 0 }] });
  });

  it('lets another connection write while it reads, then runs the work again under the lock', async () => {
    let runs = 0;
    const result = await optimisticSqliteTransaction(ours, async () => {
      runs++;
      const n = count();
      // Not blocked by our reads (were they holding the write lock, this would fail with SQLITE_BUSY after 1 s).
      if (runs === 1) theirs.prepare("insert into rows (k) values ('theirs')").run();
      ours.prepare('insert into totals (n) values (?)').run(n);
      return n;
    });
    // The stale first attempt (n = 0) left nothing; the retry saw their row.
    expect({ result, runs, totals: totals(), open: ours.inTransaction }).toEqual({ result: 1, runs: 2, totals: [{ n: 1 }], open: false });
  });

  it('rolls back and rethrows any other error without running the work again', async () => {
    let runs = 0;
    await expect(
      optimisticSqliteTransaction(ours, async () => {
        runs++;
        ours.prepare('insert into totals (n) values (?)').run(7);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect({ runs, totals: totals(), open: ours.inTransaction }).toEqual({ runs: 1, totals: [], open: false });
  });
});
