/**
 * The SQL statements one MHRAS request runs, counted and timed (wall: noisy on a busy machine) in-process (better-sqlite3, SQLite file, no HTTP):
 * where the database share of a request's CPU goes. Background work (the alert relay after a critical /screen)
 * is waited for and counted.
 *
 *   npx tsx bench/mhras/queries.ts screen|risk_score|explain     (BENCH_REQUESTS, default 300)
 *
 * QUERIES_CONCURRENCY: requests in flight at once (10). QUERIES_SKIP=relay,notifications,webhooks,audit turns those off (diagnosis only: what they cost is the difference).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { buildApp } from '../../src/app.js';
import { parseRole } from '../../src/domain/identity/index.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import { testConfig } from '../../test/helpers/test-config.js';
import { STRONG_PASSWORD } from '../../test/helpers/users.js';
import { nowUs } from './profile-summary.js';
import { SCREEN_BODY } from './screen-body.js';

const endpoint = process.argv[2] ?? 'screen';
const requests = Number.parseInt(process.env.BENCH_REQUESTS ?? '', 10) || 300;

interface Tally {
  calls: number;
  us: number;
}
const tallies = new Map<string, Tally>();
let counting = false;

/** Wraps a better-sqlite3 Statement method so each call is tallied under its SQL text. */
function instrument(prototype: Record<string, unknown>, method: 'run' | 'get' | 'all'): void {
  const original = prototype[method] as (this: SQLite.Statement, ...args: unknown[]) => unknown;
  prototype[method] = function (this: SQLite.Statement, ...args: unknown[]) {
    if (!counting) return original.apply(this, args);
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const tally = tallies.get(this.source) ?? { calls: 0, us: 0 };
      tally.calls += 1;
      tally.us += (performance.now() - started) * 1000;
      tallies.set(this.source, tally);
    }
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'homeostat-queries-'));
  const database = openDatabase({ databaseUrl: `sqlite:${join(dir, 'q.db')}`, dataDir: dir });
  const probe = new SQLite(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  for (const method of ['run', 'get', 'all'] as const) instrument(prototype, method);
  await migrateToLatest(database);
  const app = await buildApp(testConfig({ ENVIRONMENT: 'production', DATA_DIR: dir }), { database });
  await app.ready();
  const skip = new Set(process.env.QUERIES_SKIP?.split(',') ?? []);
  if (skip.has('relay')) app.services.screeningAlerts.poke = () => undefined;
  if (skip.has('webhooks')) app.services.webhooks.publish = async () => ({ queued: 0 }) as never;
  if (skip.has('notifications')) app.services.jobs.enqueue = async () => 'skipped';
  if (skip.has('audit')) app.services.audit.record = async () => undefined;
  try {
    const email = `queries-${Date.now()}@example.test`;
    const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });
    const userId = registered.json<{ user_id: string }>().user_id;
    await app.services.identity.users.setRole(userId, parseRole('clinician')!, new Date().toISOString());
    const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: STRONG_PASSWORD } });
    const headers = { authorization: `Bearer ${login.json<{ access_token: string }>().access_token}` };
    const screen = (id: string) => app.inject({ method: 'POST', url: '/screen', headers, payload: { ...SCREEN_BODY, anonymized_id: id } });
    const seeded = await screen('bench-subject-0001');
    if (seeded.statusCode !== 200) throw new Error(`seed: ${seeded.statusCode} ${seeded.body}`);
    const send = (i: number) =>
      endpoint === 'screen'
        ? screen(`bench-${i}`)
        : endpoint === 'explain'
          ? app.inject({ method: 'POST', url: '/explain', headers, payload: { anonymized_id: 'bench-subject-0001' } })
          : app.inject({ method: 'GET', url: '/risk-score/bench-subject-0001', headers });
    for (let i = 0; i < 50; i++) await send(-i - 1); // warm-up
    await new Promise((settle) => setTimeout(settle, 500));
    counting = true;
    const windowFrom = nowUs();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    // QUERIES_CONCURRENCY (10) at a time, as concurrent clients would
    const concurrency = Number.parseInt(process.env.QUERIES_CONCURRENCY ?? '', 10) || 10;
    for (let i = 0; i < requests; i += concurrency) {
      const batch = await Promise.all(Array.from({ length: concurrency }, (_, j) => send(i + j)));
      for (const response of batch) if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    }
    await new Promise((settle) => setTimeout(settle, 1500));
    counting = false;
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - started - 1500;
    console.log(`window (for profile-summary.ts): ${windowFrom} ${nowUs()}`);
    const rows = [...tallies].sort((a, b) => b[1].us - a[1].us);
    const totalUs = rows.reduce((sum, [, t]) => sum + t.us, 0);
    const totalCalls = rows.reduce((sum, [, t]) => sum + t.calls, 0);
    console.log(
      `${requests} ${endpoint}: ${(totalCalls / requests).toFixed(1)} statements, ${(totalUs / requests).toFixed(0)} µs in SQLite per request; ${((wallMs * 1000) / requests).toFixed(0)} µs wall and ${((cpu.user + cpu.system) / requests).toFixed(0)} µs CPU per request (inject, no HTTP)`,
    );
    console.log(' per req   µs/req  µs/call  sql');
    for (const [text, t] of rows.slice(0, 40)) {
      console.log(
        `${(t.calls / requests).toFixed(2).padStart(8)} ${(t.us / requests).toFixed(1).padStart(8)} ${(t.us / t.calls).toFixed(1).padStart(8)}  ${text.replace(/\s+/g, ' ').slice(0, 170)}`,
      );
    }
  } finally {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('queries failed:', error);
  process.exitCode = 1;
});
