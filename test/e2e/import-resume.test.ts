import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { heartRateExport } from '../helpers/export-xml.js';
import { runCli, spawnCli, STRONG_PASSWORD, tempDir } from './support/server-process.js';

const SAMPLES = 120_000;

/**
 * Kill `homeostat import` with SIGKILL mid-import, run it again: the result must equal a clean import — same rows, same
 * rollups, and counts that add up exactly (stored = samples, no phantom duplicates from the re-run).
 */
describe('homeostat import: killed and resumed', () => {
  const dir = tempDir('import-resume');
  afterAll(() => dir.remove());
  const env = { DATA_DIR: dir.path, SECRET_KEY: 'k'.repeat(40), LOG_LEVEL: 'silent' };
  const file = join(dir.path, 'export.xml');

  it('ends exactly like a clean import', { timeout: 180_000 }, async () => {
    writeFileSync(file, heartRateExport(SAMPLES));
    for (const email of ['killed@example.test', 'clean@example.test']) {
      expect((await runCli(['user', 'create', '--email', email, '--password', STRONG_PASSWORD], env)).code).toBe(0);
    }
    const db = new SQLite(join(dir.path, 'homeostat.db'), { readonly: true });
    const progress = () =>
      db.prepare("select state, processed_items from ingest_batches where kind = 'apple_health_import'").get() as
        { state: string; processed_items: number } | undefined;

    const child = spawnCli(['import', file, '--user', 'killed@example.test'], env);
    let killedAt = 0;
    for (let i = 0; i < 3000 && killedAt === 0; i++) {
      const p = progress();
      if (p?.state === 'processing' && p.processed_items > 0) {
        child.kill('SIGKILL');
        killedAt = p.processed_items;
      } else await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => child.once('exit', r));
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(SAMPLES);

    const resumed = await runCli(['import', file, '--user', 'killed@example.test'], env, 120_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming import');
    expect((await runCli(['import', file, '--user', 'clean@example.test'], env, 120_000)).code).toBe(0);

    const people = db.prepare('select id, email from users').all() as { id: string; email: string }[];
    const id = (email: string) => people.find((p) => p.email === email)!.id;
    const batch = (email: string) =>
      db.prepare('select state, stored, duplicates, processed_items from ingest_batches where person_id = ?').get(id(email));
    expect(batch('killed@example.test')).toEqual({ state: 'completed', stored: SAMPLES, duplicates: 0, processed_items: SAMPLES });
    expect(batch('clean@example.test')).toEqual(batch('killed@example.test'));
    const rows = (email: string) =>
      db.prepare('select type, start_ms, dedup, value from observations where person_id = ? order by 1, 2, 3').all(id(email));
    expect(rows('killed@example.test')).toEqual(rows('clean@example.test'));
    const rollups = (email: string) =>
      db
        .prepare('select type, period, bucket, count, sum, min, max from observation_rollups where person_id = ? order by 1, 2, 3')
        .all(id(email));
    expect(rollups('killed@example.test')).toEqual(rollups('clean@example.test'));
    db.close();
  });
});
