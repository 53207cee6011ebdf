import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/context.js';
import { SqlAuditLog } from '../../src/platform/audit/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';
import { TEST_SECRET } from '../helpers/test-config.js';

function capture(): CliIo & { lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) };
}

describe('homeostat audit verify', () => {
  let dir: string;
  let env: Record<string, string>;
  let database: Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'homeostat-cli-'));
    env = {
      ENVIRONMENT: 'testing',
      SECRET_KEY: TEST_SECRET,
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, 'h.db')}`,
      LOG_LEVEL: 'silent',
    };
    database = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: dir });
    await migrateToLatest(database);
    const log = new SqlAuditLog(database, new ManualClock(new Date('2024-05-01T12:00:00.000Z')));
    for (let i = 1; i <= 7; i += 1) await log.record({ action: 'profile.read', outcome: 'success', actorId: `usr_${i}`, details: { i } });
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = async () => {
    const io = capture();
    const code = await runCli(['audit', 'verify'], env, io);
    return { code, ...io.lines };
  };

  it('exits 0 on an intact chain and says how many entries it checked', async () => {
    expect(await verify()).toEqual({ code: 0, out: ['audit chain intact: 7 entries verified'], err: [] });
  });

  it('exits 0 on an empty log', async () => {
    await database.db.deleteFrom('audit_log').execute();
    await database.db
      .updateTable('audit_head')
      .set({ seq: 0, hash: '0'.repeat(64) })
      .execute();
    expect(await verify()).toMatchObject({ code: 0, out: ['audit chain intact: 0 entries verified'] });
  });

  it('exits 1 naming the entry whose contents were changed', async () => {
    const target = await database.db.selectFrom('audit_log').select('id').where('seq', '=', 4).executeTakeFirstOrThrow();
    await database.db.updateTable('audit_log').set({ actor_id: 'usr_someone_else' }).where('seq', '=', 4).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toContain('audit chain BROKEN at entry 4');
    expect(result.err[0]).toContain(`entry 4 (${target.id}) was altered`);
    expect(result.err[0]).toContain('3 entries verified before it');
  });

  it('lists every problem, not only the first: an edit and a later deletion are both named', async () => {
    await database.db.updateTable('audit_log').set({ action: 'profile.update' }).where('seq', '=', 3).execute();
    await database.db.deleteFrom('audit_log').where('seq', '=', 5).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err[0]).toContain('BROKEN at entry 3');
    expect(result.err.slice(1).join('\n')).toMatch(/also at entry 5: entry 5 is missing/);
  });

  it('exits 1 naming a deleted middle entry', async () => {
    await database.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/BROKEN at entry 2: entry 2 is missing/);
  });

  it('exits 1 when the newest entries were deleted', async () => {
    await database.db.deleteFrom('audit_log').where('seq', '>=', 6).execute();
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/BROKEN at entry 6: entries 6–7 were removed from the end/);
  });
});
