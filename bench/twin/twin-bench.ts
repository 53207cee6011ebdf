/**
 * The twin on a year of minute-level data for one person (~7 M samples, the vitals bench's dataset; seeded on first
 * use): a full recompute (features snapshot from the store + scoring of the eight twins + storing; issue goal ≤ 1 s)
 * timed in-process, then `GET /v1/twin/status` (served from the stored scores; goal p95 ≤ 50 ms) beside `GET /health`
 * against `homeostat serve` on the same data, alternating rounds. See bench/README.md.
 *
 *   npm run bench:twin   (BENCH_RECOMPUTES, BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS and the vitals seed's settings)
 */
import { loadavg } from 'node:os';
import { ObservationReader } from '../../src/domain/observations/index.js';
import { buildTwinFeatures } from '../../src/domain/twin/inputs/index.js';
import { TwinEngine, TwinStore } from '../../src/domain/twin/index.js';
import { scoreTwins } from '../../src/domain/twin/scoring/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import { JobQueue } from '../../src/platform/jobs/index.js';
import { gitCommit, startBenchServer } from '../http/server.js';
import { measure, median, percentile, type RoundResult, type Target } from '../health-data/latency.js';
import { BENCH_PASSWORD, manifestMatches, readManifest, seedDataset, seedSettingsFromEnv, type SeedManifest } from '../health-data/seed.js';

const intEnv = (name: string, fallback: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const settings = {
  recomputes: intEnv('BENCH_RECOMPUTES', 15),
  rounds: intEnv('BENCH_ROUNDS', 5),
  seconds: intEnv('BENCH_SECONDS', 3),
  connections: intEnv('BENCH_CONNECTIONS', 1),
};
const seedSettings = seedSettingsFromEnv();

async function dataset(): Promise<SeedManifest> {
  const existing = readManifest(seedSettings.dataDir);
  if (existing && manifestMatches(existing, seedSettings)) return existing;
  return seedDataset(seedSettings);
}

/** Recomputes the person's twins `count` times as of the evening of the dataset's last day; ms per recompute. */
async function timeRecomputes(manifest: SeedManifest, count: number): Promise<{ ms: number[]; statuses: Record<string, string> }> {
  const database = openDatabase({ dataDir: seedSettings.dataDir });
  await migrateToLatest(database);
  try {
    const clock = new ManualClock(new Date(`${manifest.lastDate}T21:00:00Z`));
    const reader = new ObservationReader(database.db);
    const engine = new TwinEngine({
      store: new TwinStore(database.db),
      features: (personId, asOf) => buildTwinFeatures({ db: database.db, reader }, personId, asOf),
      score: scoreTwins,
      clock,
      jobs: new JobQueue(database.db, clock),
    });
    const ms: number[] = [];
    let last = await engine.recompute(manifest.personId); // warm-up: statement cache, page cache, the week-earlier day
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      last = await engine.recompute(manifest.personId);
      ms.push(performance.now() - t0);
    }
    return {
      ms,
      statuses: Object.fromEntries(Object.entries(last.scores).map(([k, v]) => [k, `${v.status}${v.score === null ? '' : ` ${v.score}`}`])),
    };
  } finally {
    await database.close();
  }
}

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function main(): Promise<void> {
  const manifest = await dataset();
  console.log(
    `dataset: ${manifest.samples.stored} samples, ${manifest.settings.days} days to ${manifest.lastDate}; commit ${gitCommit() ?? '?'}`,
  );
  const recompute = await timeRecomputes(manifest, settings.recomputes);
  const sorted = [...recompute.ms].sort((a, b) => a - b);
  console.log(
    `full recompute ×${settings.recomputes}: median ${median(recompute.ms).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (goal ≤ 1000 ms)`,
  );
  console.log('twins:', JSON.stringify(recompute.statuses));

  const server = await startBenchServer({ DATA_DIR: seedSettings.dataDir });
  try {
    const token = await login(server.url, manifest.email);
    const targets: Target[] = [
      { name: 'health', path: '/health', headers: {}, expectedBytes: null },
      { name: 'twin-status', path: '/v1/twin/status', headers: { authorization: `Bearer ${token}` }, expectedBytes: null },
    ];
    const first = await fetch(`${server.url}/v1/twin/status`, { headers: targets[1]!.headers });
    if (first.status !== 200) throw new Error(`twin status: ${first.status}`);
    const results = new Map<string, RoundResult[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round <= settings.rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const r = await measure(target, {
          baseUrl: server.url,
          connections: settings.connections,
          seconds: round === 0 ? 1 : settings.seconds,
          maxRequests: 20_000,
          serverPid: server.child.pid,
          round,
          load1: loadavg()[0]!,
        });
        if (r.failures) throw new Error(`${target.name}: ${r.failures} failures (${r.firstFailure})`);
        if (round > 0) results.get(target.name)!.push(r);
      }
    }
    const p = (name: string, key: 'p50Ms' | 'p95Ms' | 'p99Ms') => median(results.get(name)!.map((r) => r[key]));
    console.log(`\n${settings.rounds} rounds × ${settings.seconds} s, ${settings.connections} connection(s); medians of the rounds:`);
    console.log('endpoint        p50 ms   p95 ms   p99 ms');
    for (const t of targets)
      console.log(
        `${t.name.padEnd(14)} ${p(t.name, 'p50Ms').toFixed(2).padStart(7)} ${p(t.name, 'p95Ms').toFixed(2).padStart(8)} ${p(t.name, 'p99Ms').toFixed(2).padStart(8)}`,
      );
    console.log(
      `twin-status p95 / health p95 = ${(p('twin-status', 'p95Ms') / p('health', 'p95Ms')).toFixed(2)} (goal: twin-status p95 ≤ 50 ms)`,
    );
  } finally {
    await server.stop();
  }
}

await main();
