/**
 * Rollups recomputed while an import is still writing (rollup-schedule.ts) must equal a full recompute afterwards, on
 * both writing paths: the write worker (SQLite file) and the main thread (in-memory SQLite). The export is the bench
 * generator's: weeks of minute-level, type-ordered records from a watch and a phone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareExport, writeExport } from '../../../../bench/apple-health/export-writer.js';
import { insertPerson } from '../../../../test/helpers/samples.js';
import { ManualClock } from '../../../platform/clock.js';
import { migrateToLatest, openDatabase, type Database } from '../../../platform/db/index.js';
import { ObservationStore, type TypeExtents } from '../../observations/index.js';
import { runAppleHealthImport } from './import-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'import-rollups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportFile(): Promise<string> {
  const chunks: Buffer[] = [];
  const prepared = prepareExport({
    seed: 7,
    start: '2024-03-01',
    zone: 'Europe/London', // crosses the DST change of 31 March
    locale: 'en_GB',
    targetBytes: 16 * 2 ** 20,
    order: 'type',
    person: { dateOfBirth: '1988-04-12', biologicalSex: 'HKBiologicalSexFemale' },
  });
  await writeExport({ write: async (chunk) => void chunks.push(chunk) }, prepared);
  const file = join(dir, 'export.xml');
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

async function importAndCompare(database: Database, file: string): Promise<void> {
  await migrateToLatest(database);
  await insertPerson(database, 'p1');
  const store = new ObservationStore(database, new ManualClock(new Date('2024-06-01T00:00:00Z')));
  await store.batches.create({ id: 'b1', personId: 'p1', kind: 'apple_health_import', filePath: file });
  const outcome = await runAppleHealthImport({ store, personId: 'p1', batchId: 'b1', filePath: file, skipSamples: 0, detail: {} });
  expect(outcome.state).toBe('completed');
  const rollups = () =>
    database.db.selectFrom('observation_rollups').selectAll().orderBy('type').orderBy('period').orderBy('bucket').execute();
  const during = await rollups();
  expect(during.length).toBeGreaterThan(1000);
  const extents = (await store.batches.get('b1'))!.detail['extents'] as TypeExtents;
  await store.writer.recomputeRollups('p1', extents);
  expect(await rollups()).toEqual(during);
}

describe('Apple Health import: rollups recomputed during the import', () => {
  let file: string;
  it('equal a full recompute (write worker, SQLite file)', { timeout: 120_000 }, async () => {
    file = await exportFile();
    const database = openDatabase({ databaseUrl: `sqlite:${join(dir, 'homeostat.db')}`, dataDir: dir });
    try {
      await importAndCompare(database, file);
    } finally {
      await database.close();
    }
  });

  it('equal a full recompute (main thread, in-memory SQLite)', { timeout: 120_000 }, async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: dir });
    try {
      await importAndCompare(database, file);
    } finally {
      await database.close();
    }
  });
});
