/**
 * Webhook fan-out: one person with BENCH_ENDPOINTS endpoints (default 10) on a local receiver, BENCH_EVENTS events
 * (default 100) published to all of them, so 1,000 deliveries per round. Each delivery goes the whole way: a row and a
 * job per delivery, the 'webhooks' lane's workers claim them, sign, POST over a keep-alive connection, log the attempt.
 * The receiver verifies every signature with the `standardwebhooks` library and the round only counts when all 1,000
 * arrived verified. Reports deliveries/s (median of BENCH_ROUNDS rounds, default 5, after one warm-up round) and the
 * attempt latency the server logged.
 *
 *   npm run bench:webhooks   (BENCH_ROUNDS, BENCH_EVENTS, BENCH_ENDPOINTS; DATABASE_URL=postgres://… to bench PostgreSQL)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import { gitCommit } from '../http/server.js';

const intEnv = (name: string, fallback: number, max: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
};
const settings = {
  rounds: intEnv('BENCH_ROUNDS', 5, 50),
  events: intEnv('BENCH_EVENTS', 100, 10_000),
  endpoints: intEnv('BENCH_ENDPOINTS', 10, 20),
};
const ROUND_TIMEOUT_MS = 120_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Counts verified deliveries; any bad signature fails the run. */
function startReceiver() {
  const verifiers = new Map<string, Webhook>();
  let verified = 0;
  let rejected = 0;
  let onCount: (() => void) | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        verifiers.get(req.url ?? '')!.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        verified += 1;
        res.writeHead(204).end();
      } catch {
        rejected += 1;
        res.writeHead(400).end();
      }
      onCount?.();
    });
  });
  return {
    server,
    verifiers,
    counts: () => ({ verified, rejected }),
    reset: () => {
      verified = 0;
      rejected = 0;
    },
    waitFor: (total: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`round timed out: ${verified}/${total} verified`)), ROUND_TIMEOUT_MS);
        onCount = () => {
          if (verified + rejected < total) return;
          clearTimeout(timer);
          onCount = null;
          if (rejected > 0) reject(new Error(`${rejected} deliveries failed verification`));
          else resolve();
        };
      }),
  };
}

async function round(
  app: App,
  personId: string,
  receiver: ReturnType<typeof startReceiver>,
): Promise<{ seconds: number; latencies: number[] }> {
  const total = settings.events * settings.endpoints;
  receiver.reset();
  const done = receiver.waitFor(total);
  const started = performance.now();
  const deliveryIds: string[] = [];
  for (let n = 0; n < settings.events; n += 1) {
    const data = { alert_id: `alert_${n}`, risk_type: 'cardiac', risk_level: 'yellow' as const, risk_score: 40 + (n % 50) };
    deliveryIds.push(...(await app.services.webhooks.publish(personId, 'risk_alert', data)).deliveryIds);
  }
  await done;
  const seconds = (performance.now() - started) / 1000;
  await app.services.jobs.idle();
  const rows = await app.services.database.db
    .selectFrom('webhook_attempts')
    .select('latency_ms')
    .where('delivery_id', 'in', deliveryIds)
    .execute();
  if (rows.length !== total) throw new Error(`expected ${total} logged attempts, found ${rows.length}`);
  return { seconds, latencies: rows.map((r) => r.latency_ms) };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeostat-webhook-bench-'));
  const config = parseConfig({
    ENVIRONMENT: 'testing',
    SECRET_KEY: 'bench-secret-key-0123456789abcdef-0123456789',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  // On PostgreSQL the run gets a schema of its own, dropped afterwards: the bench never touches anyone's data.
  const schema = config.DATABASE_URL?.startsWith('postgres') ? `bench_webhooks_${randomBytes(4).toString('hex')}` : undefined;
  if (schema) await adminQuery(config.DATABASE_URL!, `create schema ${schema}`);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, ...(schema ? { schema } : {}) });
  await migrateToLatest(database);
  const app = await buildApp({ ...config, SECRET_KEY: config.SECRET_KEY! }, { database, logger: pino({ level: 'silent' }) });
  await app.ready();
  const receiver = startReceiver();
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  const port = (receiver.server.address() as AddressInfo).port;
  try {
    const email = `bench-${Date.now()}@example.test`;
    const password = 'correct horse battery staple 42';
    const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password } });
    const personId = registered.json<{ user_id: string }>().user_id;
    const token = (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } })).json<{
      access_token: string;
    }>().access_token;
    for (let n = 0; n < settings.endpoints; n += 1) {
      const path = `/hook/${n}`;
      const res = await app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: { authorization: `Bearer ${token}` },
        payload: { url: `http://127.0.0.1:${port}${path}`, events: ['risk_alert'] },
      });
      if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
      receiver.verifiers.set(path, new Webhook(res.json<{ secret: string }>().secret));
    }
    const total = settings.events * settings.endpoints;
    console.log(
      `${total} deliveries per round (${settings.events} events × ${settings.endpoints} endpoints), ${database.dialect}, 1 warm-up + ${settings.rounds} rounds`,
    );
    await round(app, personId, receiver);
    const rates: number[] = [];
    const latencies: number[] = [];
    for (let r = 1; r <= settings.rounds; r += 1) {
      const result = await round(app, personId, receiver);
      rates.push(total / result.seconds);
      latencies.push(...result.latencies);
      console.log(
        `round ${r}: ${(total / result.seconds).toFixed(0)} deliveries/s (${result.seconds.toFixed(2)} s), all ${receiver.counts().verified} verified`,
      );
    }
    latencies.sort((a, b) => a - b);
    const summary = {
      deliveries_per_second_median: Math.round(median(rates)),
      deliveries_per_second_min_max: [Math.round(Math.min(...rates)), Math.round(Math.max(...rates))],
      attempt_latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      dialect: database.dialect,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      node: process.version,
      commit: gitCommit(),
    };
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await app.close();
    receiver.server.closeAllConnections();
    receiver.server.close();
    await database.close();
    if (schema) await adminQuery(config.DATABASE_URL!, `drop schema ${schema} cascade`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
