/**
 * HTTP benchmark: GET /health against an authenticated, database-backed GET /v1/users/me, measured in
 * alternating rounds on the same server process so machine noise hits both alike. See bench/README.md.
 *
 *   npm run bench:http        (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS to change)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { benchUserToken, gitCommit, ROOT, startBenchServer, type BenchServer } from './server.js';
import { median, summarise, table, type RoundSample } from './stats.js';

const GOAL_RATIO = 0.4;
const intEnv = (name: string, fallback: number, max: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
};
const settings = {
  rounds: intEnv('BENCH_ROUNDS', 5, 50),
  seconds: intEnv('BENCH_SECONDS', 5, 60),
  connections: intEnv('BENCH_CONNECTIONS', 10, 256),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 3, 60),
};

async function measure(url: string, headers: Record<string, string>, seconds: number, round: number): Promise<RoundSample> {
  const result = await autocannon({ url, headers, connections: settings.connections, duration: seconds, timeout: 10 });
  return {
    round,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

let server: BenchServer | undefined;

async function main(): Promise<number> {
  server = await startBenchServer();
  try {
    const token = await benchUserToken(server.url);
    const endpoints = [
      { name: 'health', path: '/health', headers: {} as Record<string, string> },
      { name: 'users_me', path: '/v1/users/me', headers: { authorization: `Bearer ${token}` } },
    ];
    for (const e of endpoints) {
      const check = await fetch(`${server.url}${e.path}`, { headers: e.headers });
      if (check.status !== 200) throw new Error(`GET ${e.path} answered ${check.status} before the run`);
    }
    console.log(`warm-up: ${settings.warmupSeconds} s per endpoint; then ${settings.rounds} rounds × ${settings.seconds} s, ${settings.connections} connections`);
    for (const e of endpoints) await measure(`${server.url}${e.path}`, e.headers, settings.warmupSeconds, 0);

    const samples = new Map<string, RoundSample[]>(endpoints.map((e) => [e.name, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      // Alternate which endpoint goes first, so neither always runs on a warmer (or more tired) process.
      const order = round % 2 ? endpoints : [...endpoints].reverse();
      for (const e of order) {
        const sample = await measure(`${server.url}${e.path}`, e.headers, settings.seconds, round);
        samples.get(e.name)!.push(sample);
        console.log(`round ${round}  ${e.path.padEnd(13)} ${sample.reqPerSec.toFixed(0).padStart(7)} req/s  p99 ${sample.p99Ms.toFixed(0)} ms`);
      }
    }

    const [health, me] = endpoints.map((e) => summarise(e.name, e.path, samples.get(e.name)!)) as [ReturnType<typeof summarise>, ReturnType<typeof summarise>];
    const ratio = me.medianReqPerSec / health.medianReqPerSec;
    const perRound = samples.get('users_me')!.map((s, i) => s.reqPerSec / samples.get('health')![i]!.reqPerSec);
    const valid = health.non2xx + health.errors + me.non2xx + me.errors === 0;
    console.log(`\n${table([health, me])}\n`);
    console.log(`ratio users/me ÷ health: ${(ratio * 100).toFixed(1)} % (per round ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}; goal ≥ ${GOAL_RATIO * 100} %: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'})`);
    if (!valid) console.log('INVALID RUN: some requests failed or answered non-2xx (see the table)');

    const report = {
      benchmark: 'http',
      date: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? null,
      database: 'sqlite (file, WAL)',
      settings,
      endpoints: { health, users_me: me },
      ratio: { usersMeOverHealth: ratio, medianPerRound: median(perRound), goal: GOAL_RATIO, met: ratio >= GOAL_RATIO },
      valid,
      rounds: Object.fromEntries(samples),
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/http-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('written: bench/results/http-latest.json');
    return valid ? 0 : 1;
  } finally {
    await server.stop();
  }
}

// Everything is bounded: a stuck server or load generator ends the run instead of hanging it.
const budgetMs = (settings.warmupSeconds * 2 + settings.rounds * settings.seconds * 2 + 120) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench: no result after ${budgetMs / 1000} s; giving up`);
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
    console.error('bench failed:', error);
    process.exitCode = 1;
  },
);
