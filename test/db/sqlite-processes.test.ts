import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlAuditLog } from '../../src/platform/audit/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';

const run = promisify(execFile);
const source = (path: string) => new URL(`../../src/${path}`, import.meta.url).href;

/**
 * One child process: appends `n` audit entries and does `n` read-modify-write transactions on a shared
 * counter, against the SQLite file given. Prints how many operations failed.
 */
const CHILD = `
const [file, n, label] = process.argv.slice(1);
const { openDatabase } = await import(${JSON.stringify(source('platform/db/index.ts'))});
const { SqlAuditLog } = await import(${JSON.stringify(source('platform/audit/index.ts'))});
const database = openDatabase({ databaseUrl: 'sqlite:' + file, dataDir: '.' });
const log = new SqlAuditLog(database, { now: () => new Date() });
const errors = [];
for (let i = 0; i < Number(n); i += 1) {
  try {
    await log.record({ action: 'test.append', outcome: 'success', requestId: label + '-' + i });
    await database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('login_throttle').select('failures').where('key', '=', 'counter').executeTakeFirstOrThrow();
      await trx.updateTable('login_throttle').set({ failures: row.failures + 1 }).where('key', '=', 'counter').execute();
    });
  } catch (error) {
    errors.push(error.code ?? error.message);
  }
}
await database.close();
process.stdout.write(JSON.stringify({ label, errors }));
`;

describe('SQLite shared by several processes (the CLI beside a running server)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'homeostat-mp-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serialises audit appends and read-modify-write transactions across processes without SQLITE_BUSY', async () => {
    const file = join(dir, 'h.db');
    const setup = openDatabase({ databaseUrl: `sqlite:${file}`, dataDir: dir });
    await migrateToLatest(setup);
    await setup.db.insertInto('login_throttle').values({ key: 'counter', failures: 0, locked_until: null, updated_at: '' }).execute();
    await setup.close();

    const perProcess = 150;
    const labels = ['p1', 'p2', 'p3'];
    const outputs = await Promise.all(
      labels.map((label) =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, file, String(perProcess), label], {
          timeout: 60_000,
        }),
      ),
    );
    const reports = outputs.map((o) => JSON.parse(o.stdout) as { label: string; errors: string[] });
    expect(reports.map((r) => ({ label: r.label, errors: r.errors.slice(0, 3) }))).toEqual(labels.map((label) => ({ label, errors: [] })));

    const database = openDatabase({ databaseUrl: `sqlite:${file}`, dataDir: dir });
    try {
      const counter = await database.db
        .selectFrom('login_throttle')
        .select('failures')
        .where('key', '=', 'counter')
        .executeTakeFirstOrThrow();
      expect(counter.failures).toBe(labels.length * perProcess);
      const verified = await new SqlAuditLog(database, systemClock).verify();
      expect(verified).toMatchObject({ ok: true, checked: labels.length * perProcess });
    } finally {
      await database.close();
    }
  });
});
