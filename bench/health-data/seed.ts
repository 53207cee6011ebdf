/**
 * Seeds a DATA_DIR with one person's year of minute-level health data (~7 M samples by default), written through the
 * observation store exactly as an import writes it: batches of ~20,000 samples, each one transaction that inserts the
 * rows (dedup by primary key) and recomputes the hourly/daily rollups they touch. See bench/README.md.
 *
 *   npx tsx bench/health-data/seed.ts        (BENCH_DAYS, BENCH_SCALE, BENCH_START, BENCH_BATCH, BENCH_DATA_DIR)
 *
 * The directory is kept (seeding a year takes minutes): `npm run bench:vitals` reuses it while its manifest
 * (bench-vitals.json) matches the settings.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashPassword, UserRepository } from '../../src/domain/identity/index.js';
import { ObservationStore, type SampleInput } from '../../src/domain/observations/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import { newUserId } from '../../src/platform/ids.js';
import { STRONG_PASSWORD } from '../../test/e2e/support/server-process.js';
import { YearGenerator } from './generator.js';
import { ZONE } from './sources.js';

/** Bump when the generator changes what it writes: a manifest of another version is seeded again. */
export const GENERATOR_VERSION = 1;
export const MANIFEST = 'bench-vitals.json';
const SEEDING_MARKER = 'bench-vitals.seeding';
export const BENCH_EMAIL = 'anna.bench@example.test';
export const BENCH_PASSWORD = STRONG_PASSWORD;

export interface SeedSettings {
  readonly dataDir: string;
  /** First local date (Europe/London), YYYY-MM-DD. */
  readonly start: string;
  readonly days: number;
  readonly scale: number;
  readonly seed: number;
  readonly batchSize: number;
}

export interface SeedManifest {
  readonly generatorVersion: number;
  readonly settings: Omit<SeedSettings, 'dataDir'>;
  readonly zone: string;
  readonly personId: string;
  readonly email: string;
  /** Last local date with data. */
  readonly lastDate: string;
  readonly samples: {
    readonly total: number;
    readonly stored: number;
    readonly duplicates: number;
    readonly byType: Record<string, number>;
  };
  readonly seeding: {
    readonly seconds: number;
    readonly samplesPerSecond: number;
    /** Time inside ObservationWriter.write (rows + rollups + commit), without generating the samples. */
    readonly writeSeconds: number;
    readonly writeSamplesPerSecond: number;
    readonly batches: number;
    readonly batchMs: { readonly median: number; readonly max: number };
    readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  };
  readonly database: { readonly bytes: number; readonly observations: number; readonly rollups: number };
  readonly date: string;
}

const intEnv = (name: string, fallback: number, min: number, max: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer in [${min}, ${max}]; got "${raw}"`);
  return value;
};

export function seedSettingsFromEnv(): SeedSettings {
  const days = intEnv('BENCH_DAYS', 365, 2, 1096);
  const scaleText = process.env.BENCH_SCALE ?? '1';
  const scale = Number(scaleText);
  if (!(scale >= 0.01 && scale <= 10)) throw new Error(`BENCH_SCALE must be a number in [0.01, 10]; got "${scaleText}"`);
  const start = process.env.BENCH_START ?? '2025-01-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start)))
    throw new Error(`BENCH_START must be YYYY-MM-DD; got "${start}"`);
  return {
    dataDir: process.env.BENCH_DATA_DIR ?? join(tmpdir(), `homeostat-bench-vitals-${start}-${days}d-x${scale}`),
    start,
    days,
    scale,
    seed: intEnv('BENCH_SEED', 1, 0, 2 ** 31 - 1),
    batchSize: intEnv('BENCH_BATCH', 20_000, 100, 200_000),
  };
}

export function readManifest(dataDir: string): SeedManifest | null {
  const file = join(dataDir, MANIFEST);
  if (!existsSync(file) || !existsSync(join(dataDir, 'homeostat.db')) || existsSync(join(dataDir, SEEDING_MARKER))) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SeedManifest;
  } catch {
    return null;
  }
}

/** Whether a seeded directory holds what `settings` would seed (the batch size does not change the data). */
export function manifestMatches(manifest: SeedManifest, s: SeedSettings): boolean {
  const m = manifest.settings;
  return (
    manifest.generatorVersion === GENERATOR_VERSION && m.start === s.start && m.days === s.days && m.scale === s.scale && m.seed === s.seed
  );
}

/** Empties `dir` for a fresh seed, refusing to touch a directory this script did not create. */
function prepareDirectory(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    const ours = entries.includes(MANIFEST) || entries.includes(SEEDING_MARKER);
    if (entries.length > 0 && !ours)
      throw new Error(`${dir} is not empty and was not made by this benchmark; set BENCH_DATA_DIR to another path`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, SEEDING_MARKER), `seeding started ${new Date().toISOString()}\n`);
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

export async function seedDataset(settings: SeedSettings, log: (line: string) => void = console.log): Promise<SeedManifest> {
  prepareDirectory(settings.dataDir);
  const database = openDatabase({ dataDir: settings.dataDir });
  try {
    await migrateToLatest(database);
    const now = systemClock.now().toISOString();
    const user = await new UserRepository(database.db).insert({
      id: newUserId(),
      email: BENCH_EMAIL,
      passwordHash: await hashPassword(BENCH_PASSWORD),
      role: 'patient',
      emailVerified: true,
      profile: { firstName: 'Anna', lastName: 'Bench', dateOfBirth: '1988-04-12', gender: 'female', heightCm: 168, weightKg: 67.5 },
      now,
    });

    const generator = new YearGenerator({ start: settings.start, days: settings.days, scale: settings.scale, seed: settings.seed });
    const store = new ObservationStore(database, systemClock);
    const byType: Record<string, number> = {};
    const batchMs: number[] = [];
    let total = 0;
    let stored = 0;
    let duplicates = 0;
    let writeMs = 0;
    let buffer: SampleInput[] = [];
    const loadStart = loadavg().map((l) => Number(l.toFixed(2)));
    const started = performance.now();
    let lastLog = started;

    const write = async (samples: SampleInput[]) => {
      const t0 = performance.now();
      const result = await store.writer.write({
        personId: user.id,
        batchId: `bench_seed_${String(batchMs.length).padStart(5, '0')}`,
        samples,
      });
      const ms = performance.now() - t0;
      if (result.rejected.length > 0)
        throw new Error(`the store refused ${result.rejected.length} samples: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      batchMs.push(ms);
      writeMs += ms;
      stored += result.stored;
      duplicates += result.duplicates;
    };

    log(
      `seeding ${settings.days} days from ${settings.start} (scale ${settings.scale}) into ${settings.dataDir}, batches of ${settings.batchSize}`,
    );
    for (let day = 0; day < settings.days; day++) {
      for (const sample of generator.day(day)) {
        buffer.push(sample);
        byType[sample.type] = (byType[sample.type] ?? 0) + 1;
      }
      while (buffer.length >= settings.batchSize) {
        const batch = buffer.slice(0, settings.batchSize);
        buffer = buffer.slice(settings.batchSize);
        total += batch.length;
        await write(batch);
      }
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        const seconds = (lastLog - started) / 1000;
        const eta = (seconds / (day + 1)) * (settings.days - day - 1);
        log(
          `  day ${day + 1}/${settings.days}: ${total.toLocaleString('en')} samples in ${seconds.toFixed(0)} s ` +
            `(${Math.round(total / seconds).toLocaleString('en')}/s; load ${loadavg()[0]!.toFixed(1)}); ~${eta.toFixed(0)} s to go`,
        );
      }
    }
    if (buffer.length > 0) {
      total += buffer.length;
      await write(buffer);
    }
    const seconds = (performance.now() - started) / 1000;
    const loadEnd = loadavg().map((l) => Number(l.toFixed(2)));

    const counts = await database.exclusiveSqlite!((raw) => {
      raw.pragma('wal_checkpoint(TRUNCATE)');
      const count = (table: string) => (raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      return { observations: count('observations'), rollups: count('observation_rollups') };
    });
    const dbFile = join(settings.dataDir, 'homeostat.db');
    const manifest: SeedManifest = {
      generatorVersion: GENERATOR_VERSION,
      settings: { start: settings.start, days: settings.days, scale: settings.scale, seed: settings.seed, batchSize: settings.batchSize },
      zone: ZONE,
      personId: user.id,
      email: BENCH_EMAIL,
      lastDate: isoDate(Date.parse(settings.start) + (settings.days - 1) * 86_400_000),
      samples: { total, stored, duplicates, byType: Object.fromEntries(Object.entries(byType).sort((a, b) => b[1] - a[1])) },
      seeding: {
        seconds: Number(seconds.toFixed(1)),
        samplesPerSecond: Math.round(total / seconds),
        writeSeconds: Number((writeMs / 1000).toFixed(1)),
        writeSamplesPerSecond: Math.round(total / (writeMs / 1000)),
        batches: batchMs.length,
        batchMs: { median: Math.round(median(batchMs)), max: Math.round(Math.max(...batchMs)) },
        loadAverage: { start: loadStart, end: loadEnd },
      },
      database: { bytes: fileSize(dbFile) + fileSize(`${dbFile}-wal`), ...counts },
      date: new Date().toISOString(),
    };
    writeFileSync(join(settings.dataDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(join(settings.dataDir, SEEDING_MARKER), { force: true });
    log(
      `seeded ${total.toLocaleString('en')} samples (${stored.toLocaleString('en')} stored, ${duplicates} duplicates) in ${seconds.toFixed(1)} s: ` +
        `${manifest.seeding.samplesPerSecond.toLocaleString('en')} samples/s overall, ${manifest.seeding.writeSamplesPerSecond.toLocaleString('en')}/s inside the writer ` +
        `(${batchMs.length} batches, median ${manifest.seeding.batchMs.median} ms); database ${(manifest.database.bytes / 2 ** 20).toFixed(0)} MiB, ` +
        `${counts.observations.toLocaleString('en')} observation rows, ${counts.rollups.toLocaleString('en')} rollup rows; load ${loadStart[0]} → ${loadEnd[0]}`,
    );
    return manifest;
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  seedDataset(seedSettingsFromEnv()).then(
    (manifest) => {
      console.log(`manifest: ${join(seedSettingsFromEnv().dataDir, MANIFEST)}`);
      console.log(JSON.stringify(manifest.samples.byType));
    },
    (error: unknown) => {
      console.error('seed failed:', error);
      process.exitCode = 1;
    },
  );
}
