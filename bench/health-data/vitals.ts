/**
 * Twin vitals on a year of minute-level data: `GET /v1/health/vitals` daily over 365 days and hourly over 30 days
 * (issue goal: p95 ≤ 15 ms each), beside `GET /health` as the reference and, for context, one day of
 * `/v1/health/activity` and a week of `/v1/health/sleep`. Seeds the data first when no matching seeded directory
 * exists (see seed.ts), then starts `homeostat serve` on it as a child process and measures the endpoints in
 * alternating rounds with a closed-loop client (latency.ts). See bench/README.md.
 *
 *   npm run bench:vitals   (BENCH_ROUNDS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_RESEED, and
 *                           the seed's BENCH_DAYS, BENCH_SCALE, BENCH_START, BENCH_BATCH, BENCH_DATA_DIR)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gitCommit, ROOT, startBenchServer, type BenchServer } from '../http/server.js';
import { endpoints, type Endpoint } from './endpoints.js';
import { measure, median, type RoundResult, type Target } from './latency.js';
import { BENCH_PASSWORD, manifestMatches, readManifest, seedDataset, seedSettingsFromEnv, type SeedManifest } from './seed.js';
import { GOAL_P95_MS, summarise, table } from './summary.js';

const intEnv = (name: string, fallback: number, max: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
};
const settings = {
  rounds: intEnv('BENCH_ROUNDS', 5, 50),
  seconds: intEnv('BENCH_SECONDS', 3, 60),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2, 60),
  connections: intEnv('BENCH_CONNECTIONS', 1, 64),
  maxRequestsPerRound: 20_000,
};
const seedSettings = seedSettingsFromEnv();

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

let server: BenchServer | undefined;

async function dataset(): Promise<SeedManifest> {
  const existing = readManifest(seedSettings.dataDir);
  if (existing && manifestMatches(existing, seedSettings) && process.env.BENCH_RESEED !== '1') {
    console.log(`reusing ${seedSettings.dataDir} (seeded ${existing.date}; BENCH_RESEED=1 to seed again)`);
    return existing;
  }
  return seedDataset(seedSettings);
}

async function main(): Promise<number> {
  const manifest = await dataset();
  if (manifest.settings.days < 31) throw new Error('BENCH_DAYS must be at least 31 (the hourly window is 30 days before the last day)');
  server = await startBenchServer({ DATA_DIR: seedSettings.dataDir });
  try {
    const token = await login(server.url, manifest.email);
    const list = endpoints(manifest);
    const targets = new Map<string, Target>();
    const firstMs = new Map<string, number>();
    let valid = true;
    // The first request of each endpoint: checked in full, and timed (a cold statement cache and page cache).
    for (const e of list) {
      const headers: Record<string, string> = e.auth ? { authorization: `Bearer ${token}` } : {};
      const t0 = performance.now();
      const res = await fetch(`${server.url}${e.path}`, { headers });
      const text = await res.text();
      firstMs.set(e.name, performance.now() - t0);
      const problem = res.status !== 200 ? `status ${res.status}: ${text.slice(0, 300)}` : e.check(JSON.parse(text));
      if (problem !== null) {
        console.error(`CHECK FAILED ${e.name} (${e.path}): ${problem}`);
        valid = false;
      }
      targets.set(e.name, { name: e.name, path: e.path, headers, expectedBytes: e.stableBody ? Buffer.byteLength(text) : null });
    }
    if (!valid) return 1;

    const run = (e: Endpoint, seconds: number, round: number) =>
      measure(targets.get(e.name)!, {
        baseUrl: server!.url,
        connections: settings.connections,
        seconds,
        maxRequests: settings.maxRequestsPerRound,
        serverPid: server!.child.pid,
        round,
        load1: loadavg()[0]!,
      });
    console.log(
      `warm-up ${settings.warmupSeconds} s per endpoint; then ${settings.rounds} rounds × ${settings.seconds} s per endpoint, ` +
        `${settings.connections} connection(s), closed loop`,
    );
    for (const e of list) await run(e, settings.warmupSeconds, 0);

    const rounds = new Map<string, RoundResult[]>(list.map((e) => [e.name, []]));
    const loads: number[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      // Rotate the order each round and reverse it every other round: no endpoint always follows the same one.
      const shift = (round - 1) % list.length;
      let order = [...list.slice(shift), ...list.slice(0, shift)];
      if (round % 2 === 0) order = order.reverse();
      for (const e of order) {
        const r = await run(e, settings.seconds, round);
        loads.push(r.load1);
        rounds.get(e.name)!.push(r);
        console.log(
          `round ${round}  ${e.name.padEnd(18)} n=${String(r.requests).padStart(5)}  p50 ${r.p50Ms.toFixed(2).padStart(6)}  ` +
            `p95 ${r.p95Ms.toFixed(2).padStart(6)}  p99 ${r.p99Ms.toFixed(2).padStart(6)} ms  load ${r.load1.toFixed(2)}` +
            (r.failures ? `  FAILURES ${r.failures} (${r.firstFailure})` : ''),
        );
      }
    }

    const health = rounds.get('health')!;
    const healthP95 = median(health.map((r) => r.p95Ms));
    const summaries = list.map((e) =>
      summarise(e, rounds.get(e.name)!, firstMs.get(e.name)!, targets.get(e.name)!.expectedBytes, healthP95),
    );
    const failures = summaries.reduce((s, x) => s + x.failures, 0);
    valid = failures === 0;
    const load = { min: Math.min(...loads), median: median(loads), max: Math.max(...loads) };
    console.log(`\n${table(summaries)}\n`);
    console.log(
      `latency in ms: median over ${settings.rounds} rounds of each round's percentile (pooled over all rounds in the JSON); ` +
        `load average (1 min) during the rounds ${load.min.toFixed(2)}–${load.max.toFixed(2)} (median ${load.median.toFixed(2)}) on ${availableParallelism()} CPUs`,
    );
    for (const s of summaries.filter((x) => x.goalMet !== null)) {
      console.log(`goal p95 ≤ ${GOAL_P95_MS} ms, ${s.name}: ${s.medianP95Ms.toFixed(2)} ms — ${s.goalMet ? 'met' : 'NOT met'}`);
    }
    if (!valid) console.log('INVALID RUN: some requests failed or answered with another body length (see the table)');

    const report = {
      benchmark: 'health-vitals',
      date: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? null,
      memoryBytes: totalmem(),
      database: 'sqlite (file, WAL)',
      settings,
      dataset: {
        dataDir: seedSettings.dataDir,
        ...manifest,
      },
      loadAverageDuringRounds: load,
      goal: { p95Ms: GOAL_P95_MS, endpoints: summaries.filter((s) => s.goalMet !== null).map((s) => ({ name: s.name, met: s.goalMet })) },
      endpoints: Object.fromEntries(summaries.map((s) => [s.name, s])),
      valid,
      rounds: Object.fromEntries([...rounds].map(([name, results]) => [name, results.map(({ latencies: _latencies, ...rest }) => rest)])),
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/vitals-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('written: bench/results/vitals-latest.json');
    return valid ? 0 : 1;
  } finally {
    await server.stop();
    if (process.env.BENCH_CLEANUP === '1') rmSync(seedSettings.dataDir, { recursive: true, force: true });
    else console.log(`data kept in ${seedSettings.dataDir} (BENCH_CLEANUP=1 removes it after the run)`);
  }
}

// Everything is bounded: a stuck server or client ends the run instead of hanging it. Seeding a year takes minutes,
// so its budget is generous (~1,000 samples/s at the very least).
const seedBudgetS = readManifest(seedSettings.dataDir) ? 0 : 600 + (seedSettings.days * 20_000 * seedSettings.scale) / 1000;
const budgetMs = (seedBudgetS + (settings.warmupSeconds + settings.rounds * settings.seconds) * 5 * 1.5 + 180) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench: no result after ${(budgetMs / 1000).toFixed(0)} s; giving up`);
  server?.child.kill('SIGKILL');
  process.exit(2);
}, budgetMs);
watchdog.unref();

main().then(
  (code) => {
    clearTimeout(watchdog);
    process.exitCode = code;
  },
  (error: unknown) => {
    clearTimeout(watchdog);
    console.error('bench failed:', error);
    process.exitCode = 1;
    void server?.stop();
  },
);
