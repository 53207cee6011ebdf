/**
 * MHRAS benchmark: POST /screen, GET /risk-score/{id} and POST /explain with 50 concurrent clients against a real
 * `homeostat serve` (SQLite file, WAL). Goals (issue 5): p99 <= 25 ms, 10 ms and 50 ms. See bench/mhras/README.md.
 *
 *   npx tsx bench/mhras/run.ts        (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS)
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { gitCommit, ROOT } from '../http/server.js';
import { median } from '../http/stats.js';
import { startMhrasBench, type MhrasBench } from './clinician.js';
import { SCREEN_BODY } from './screen-body.js';

const intEnv = (name: string, fallback: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const settings = {
  rounds: intEnv('BENCH_ROUNDS', 3),
  seconds: intEnv('BENCH_SECONDS', 8),
  connections: intEnv('BENCH_CONNECTIONS', 50),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 3),
};
const GOALS_P99_MS: Record<string, number> = { screen: 25, risk_score: 10, explain: 50 };

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface Round {
  round: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function measure(url: string, token: string, e: Endpoint, seconds: number, round: number): Promise<Round> {
  const result = await autocannon({
    url: `${url}${e.path}`,
    method: e.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(e.body ? { body: e.body, idReplacement: true } : {}),
    connections: settings.connections,
    duration: seconds,
    timeout: 10,
  });
  return {
    round,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

let bench: MhrasBench | undefined;

async function main(): Promise<number> {
  bench = await startMhrasBench('mhras');
  const { server, token } = bench;
  const subject = 'bench-subject-0001';
  const seeded = await fetch(`${server.url}/screen`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...SCREEN_BODY, anonymized_id: subject }),
  });
  if (seeded.status !== 200) throw new Error(`seeding /screen answered ${seeded.status}: ${await seeded.text()}`);
  const endpoints: Endpoint[] = [
    { name: 'screen', method: 'POST', path: '/screen', body: JSON.stringify(SCREEN_BODY) },
    { name: 'risk_score', method: 'GET', path: `/risk-score/${subject}` },
    { name: 'explain', method: 'POST', path: '/explain', body: JSON.stringify({ anonymized_id: subject }) },
  ];
  console.log(
    `warm-up ${settings.warmupSeconds} s each; ${settings.rounds} rounds x ${settings.seconds} s, ${settings.connections} connections`,
  );
  for (const e of endpoints) await measure(server.url, token, e, settings.warmupSeconds, 0);
  const rounds = new Map<string, Round[]>(endpoints.map((e) => [e.name, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const e of round % 2 ? endpoints : [...endpoints].reverse()) {
      const sample = await measure(server.url, token, e, settings.seconds, round);
      rounds.get(e.name)!.push(sample);
      console.log(
        `round ${round}  ${e.method} ${e.path.padEnd(32)} ${sample.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${sample.p50Ms} ms  p99 ${sample.p99Ms} ms`,
      );
    }
  }
  const summary = endpoints.map((e) => {
    const samples = rounds.get(e.name)!;
    const p99 = median(samples.map((s) => s.p99Ms));
    return {
      endpoint: e.name,
      path: `${e.method} ${e.path}`,
      medianReqPerSec: median(samples.map((s) => s.reqPerSec)),
      medianP50Ms: median(samples.map((s) => s.p50Ms)),
      medianP99Ms: p99,
      goalP99Ms: GOALS_P99_MS[e.name]!,
      met: p99 <= GOALS_P99_MS[e.name]!,
      failures: samples.reduce((sum, s) => sum + s.non2xx + s.errors, 0),
    };
  });
  console.log('\nendpoint     req/s   p50 ms  p99 ms  goal  met');
  for (const s of summary)
    console.log(
      `${s.endpoint.padEnd(11)} ${s.medianReqPerSec.toFixed(0).padStart(6)}  ${String(s.medianP50Ms).padStart(6)}  ${String(s.medianP99Ms).padStart(6)}  ${String(s.goalP99Ms).padStart(4)}  ${s.met ? 'yes' : 'NO'}`,
    );
  const valid = summary.every((s) => s.failures === 0);
  if (!valid) console.log('INVALID RUN: some requests failed or answered non-2xx');
  const report = {
    benchmark: 'mhras',
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? null,
    settings,
    summary,
    rounds: Object.fromEntries(rounds),
    valid,
  };
  writeFileSync(join(ROOT, 'bench/mhras/results-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('written: bench/mhras/results-latest.json');
  return valid ? 0 : 1;
}

const budgetMs = (settings.warmupSeconds * 3 + settings.rounds * settings.seconds * 3 + 180) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench: no result after ${budgetMs / 1000} s; giving up`);
  bench?.server.child.kill('SIGKILL');
  process.exit(2);
}, budgetMs);
watchdog.unref();

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('bench failed:', error);
      process.exitCode = 1;
    },
  )
  .finally(async () => {
    clearTimeout(watchdog);
    await bench?.stop();
  });
