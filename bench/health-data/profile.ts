/**
 * Where the time of one vitals request goes, stage by stage, in this process (no sockets), on the dataset seed.ts
 * made: the rollup query's plan, then p50/p95 of each stage for the daily-365 and hourly-30 windows that
 * `npm run bench:vitals` measures over HTTP. See bench/README.md ("Profiling").
 *
 *   npx tsx bench/health-data/profile.ts      (the same BENCH_* settings as the benchmark; BENCH_ITERATIONS, 300)
 *
 * Stages: the rollup SQL alone (better-sqlite3, prepared once) and through Kysely (ObservationReader.rollups), the
 * domain query (vitalsSeries: window + baseline rollups, summary, per-point quality), the view (vitalsView: ISO
 * strings, rounding), serialisation (JSON.stringify, and Fastify with the route's response schema, i.e.
 * fast-json-stringify), and the whole route in-process (app.inject: auth, audit, validation, serialisation).
 * The full app writes an audit entry per request into the dataset's database, as the benchmark's server does.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import Fastify from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { ObservationStore } from '../../src/domain/observations/index.js';
import { dateWindow, VITALS_MAX_DAYS, vitalsSeries, type VitalsSeries } from '../../src/domain/observations/queries/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { VitalsResponse } from '../../src/surfaces/twin/health.schemas.js';
import { vitalsView } from '../../src/surfaces/twin/health.views.js';
import { percentile } from './latency.js';
import { BENCH_PASSWORD, readManifest, seedSettingsFromEnv } from './seed.js';

const DAY_MS = 86_400_000;
const iterations = Math.max(20, Number.parseInt(process.env.BENCH_ITERATIONS ?? '300', 10) || 300);
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);

interface Stage {
  name: string;
  p50: number;
  p95: number;
  mean: number;
}

async function time(name: string, work: () => unknown): Promise<Stage> {
  for (let i = 0; i < Math.min(50, iterations); i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  const sorted = Float64Array.from(ms).sort();
  return { name, p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

async function main(): Promise<void> {
  const settings = seedSettingsFromEnv();
  const manifest = readManifest(settings.dataDir);
  if (!manifest)
    throw new Error(`no seeded dataset in ${settings.dataDir}: run npx tsx bench/health-data/seed.ts (or npm run bench:vitals) first`);
  const database = openDatabase({ dataDir: settings.dataDir });
  const config = loadConfig({
    ENVIRONMENT: 'production',
    SECRET_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: settings.dataDir,
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp(config, { database });
  await app.ready();
  try {
    const store = new ObservationStore(database, systemClock);
    const personId = manifest.personId;
    const last = manifest.lastDate;
    const windows = [
      { name: 'daily 365 d', granularity: 'daily' as const, from: addDays(last, -(Math.min(365, manifest.settings.days) - 1)), to: last },
      { name: 'hourly 30 d', granularity: 'hourly' as const, from: addDays(last, -30), to: addDays(last, -1) },
    ];

    const rollupSql = (period: 'hour' | 'day', from: number, to: number) =>
      database.db
        .selectFrom('observation_rollups')
        .select(['bucket', 'count', 'sum', 'min', 'max'])
        .where('person_id', '=', personId)
        .where('type', '=', 'heart_rate')
        .where('period', '=', period)
        .where('bucket', '>=', from)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .compile();

    const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: manifest.email, password: BENCH_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const token = login.json<{ access_token: string }>().access_token;

    // Fastify with nothing but the route's response schema, to isolate serialisation.
    const bare = Fastify();
    let payload: unknown = null;
    bare.get('/schema', { schema: { response: { 200: VitalsResponse } } }, async () => payload);
    bare.get('/plain', async () => payload);
    await bare.ready();

    console.log(
      `dataset ${settings.dataDir}: ${manifest.samples.total.toLocaleString('en')} samples, ${manifest.database.rollups.toLocaleString('en')} rollup rows; ` +
        `${iterations} iterations per stage; load ${loadavg()[0]!.toFixed(2)}`,
    );
    for (const w of windows) {
      const window = dateWindow(w.from, w.to, VITALS_MAX_DAYS[w.granularity], w.granularity);
      const period = w.granularity === 'daily' ? 'day' : 'hour';
      const compiled = rollupSql(period, window.fromKey, window.toKey);
      const params = compiled.parameters as unknown[];
      const plan = await database.exclusiveSqlite!((raw) =>
        (raw.prepare(`explain query plan ${compiled.sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail),
      );
      const rows = await database.exclusiveSqlite!((raw) => raw.prepare(compiled.sql).all(...params).length);
      const query = {
        personId,
        metric: 'heart_rate' as const,
        granularity: w.granularity,
        window,
        limit: 1000,
        after: null,
        nowMs: Date.now(),
      };
      const series: VitalsSeries = await vitalsSeries(store.reader, query);
      const view = vitalsView(personId, 'heart_rate', w.granularity, window, series, null);
      payload = view;
      const json = JSON.stringify(view);
      const url = `/v1/health/vitals?start_date=${w.from}&end_date=${w.to}&metric=heart_rate&granularity=${w.granularity}&limit=1000`;
      const headers = { authorization: `Bearer ${token}` };
      const check = await app.inject({ method: 'GET', url, headers });
      if (check.statusCode !== 200) throw new Error(`${url}: ${check.statusCode} ${check.body.slice(0, 300)}`);

      console.log(`\n${w.name} (${w.from} … ${w.to}): ${rows} rollup rows, ${series.points.length} points, ${json.length} bytes of JSON`);
      console.log(`  plan: ${plan.join(' | ')}`);
      const statement = await database.exclusiveSqlite!((raw) => raw.prepare(compiled.sql));
      const stages = [
        await time('SQL: rollup rows (better-sqlite3)', () => statement.all(...params)),
        await time('ObservationReader.rollups (Kysely)', () =>
          store.reader.rollups(personId, 'heart_rate', period, window.fromKey, window.toKey),
        ),
        await time('vitalsSeries (domain, 2 reads)', () => vitalsSeries(store.reader, query)),
        await time('vitalsView (ISO strings, rounding)', () => vitalsView(personId, 'heart_rate', w.granularity, window, series, null)),
        await time('JSON.stringify(view)', () => JSON.stringify(view)),
        await time('Fastify inject, no schema', () => bare.inject({ method: 'GET', url: '/plain' })),
        await time('Fastify inject, response schema', () => bare.inject({ method: 'GET', url: '/schema' })),
        await time('full route in-process (app.inject)', () => app.inject({ method: 'GET', url, headers })),
        await time('GET /health in-process (app.inject)', () => app.inject({ method: 'GET', url: '/health' })),
      ];
      const width = Math.max(...stages.map((s) => s.name.length));
      console.log(`  ${'stage'.padEnd(width)}  p50 ms   p95 ms   mean ms`);
      for (const s of stages)
        console.log(
          `  ${s.name.padEnd(width)}  ${s.p50.toFixed(3).padStart(6)}   ${s.p95.toFixed(3).padStart(6)}   ${s.mean.toFixed(3).padStart(6)}`,
        );
    }
    await bare.close();
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error('profile failed:', error);
  process.exitCode = 1;
});
