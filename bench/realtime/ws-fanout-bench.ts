/**
 * WebSocket fan-out: 1,000 clients connected to one instance each receive a published PersonEvent; goal p99 ≤ 200 ms
 * from `emit` to the client's `message` event. The server runs in a worker thread (ws-fanout-server.ts), the clients
 * (`ws`) in this thread. Two modes:
 *   broadcast   — 1,000 sockets follow one person (/health-analysis/{id}); one emit reaches all of them;
 *   per-person  — an admin follows 1,000 different people, one socket each; 1,000 emits at once, one per socket.
 * Each run connects fresh clients, sends 2 warm-up events, then BENCH_EVENTS measured ones 100 ms apart. Prints each
 * run and the median of the runs; writes bench/results/ws-fanout-latest.json. See bench/realtime/README.md.
 *
 *   npm run bench:ws   (BENCH_CLIENTS=1000, BENCH_RUNS=3, BENCH_EVENTS=20, BENCH_MODE=both|broadcast|per-person,
 *                       BENCH_REDIS_URL=redis://… to fan out through Redis instead of in process)
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { gitCommit, ROOT } from '../http/server.js';
import type { EmitRequest, ServerReady } from './ws-fanout-server.js';

const intEnv = (name: string, fallback: number, max: number) => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
};
const settings = {
  clients: intEnv('BENCH_CLIENTS', 1000, 5000),
  runs: intEnv('BENCH_RUNS', 3, 20),
  events: intEnv('BENCH_EVENTS', 20, 200),
  modes: (process.env.BENCH_MODE === 'broadcast' || process.env.BENCH_MODE === 'per-person'
    ? [process.env.BENCH_MODE]
    : ['broadcast', 'per-person']) as Mode[],
  redisUrl: process.env.BENCH_REDIS_URL,
  warmupEvents: 2,
  gapMs: 100,
  eventTimeoutMs: 10_000,
};
const GOAL_P99_MS = 200;
const CONNECT_BATCH = 100;

type Mode = 'broadcast' | 'per-person';

interface RunResult {
  mode: Mode;
  run: number;
  connectMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per event: until the LAST client had it; median over the events. */
  lastClientMedian: number;
  samples: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const round1 = (value: number): number => Math.round(value * 10) / 10;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms))),
  ]);
}

/** One client: resolves once subscribed (the server greets with SYSTEM after subscribing); reports each event's round. */
function connect(url: string, onEvent: (round: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let greeted = false;
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; data?: { processed_items?: number } };
      if (!greeted && message.type === 'SYSTEM') {
        greeted = true;
        resolve(socket);
      } else if (message.type === 'HEALTH_INSIGHT' && typeof message.data?.processed_items === 'number') {
        onEvent(message.data.processed_items);
      }
    });
    socket.once('error', reject);
    socket.once('close', (code) => {
      if (!greeted) reject(new Error(`closed before subscribing (${code})`));
    });
  });
}

async function runOnce(worker: Worker, server: ServerReady, mode: Mode, run: number): Promise<RunResult> {
  const personIds = mode === 'broadcast' ? [server.personId] : Array.from({ length: settings.clients }, () => randomUUID());
  const token = mode === 'broadcast' ? server.personToken : server.adminToken;
  let emittedAt = 0;
  let currentRound = -1;
  let received = 0;
  let lastAt = 0;
  let done: (() => void) | undefined;
  const latencies: number[] = [];
  const lastClient: number[] = [];
  const onEvent = (round: number) => {
    if (round !== currentRound) return;
    const now = performance.now();
    if (round >= settings.warmupEvents) latencies.push(now - emittedAt);
    received += 1;
    lastAt = now;
    if (received === settings.clients) done?.();
  };

  const started = performance.now();
  const sockets: WebSocket[] = [];
  for (let i = 0; i < settings.clients; i += CONNECT_BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(i + CONNECT_BATCH, settings.clients); j++) {
      const personId = mode === 'broadcast' ? server.personId : personIds[j];
      batch.push(connect(`${server.url.replace(/^http/, 'ws')}/api/v1/ws/health-analysis/${personId}?token=${token}`, onEvent));
    }
    sockets.push(...(await withTimeout(Promise.all(batch), 30_000, 'connecting a batch of clients')));
  }
  const connectMs = performance.now() - started;

  for (let round = 0; round < settings.warmupEvents + settings.events; round++) {
    currentRound = round;
    received = 0;
    const all = new Promise<void>((resolve) => (done = resolve));
    emittedAt = performance.now();
    worker.postMessage({ round, personIds } satisfies EmitRequest);
    await withTimeout(all, settings.eventTimeoutMs, `delivering event ${round} to ${settings.clients} clients (got ${received})`);
    if (round >= settings.warmupEvents) lastClient.push(lastAt - emittedAt);
    await new Promise((resolve) => setTimeout(resolve, settings.gapMs));
  }

  await Promise.all(sockets.map((socket) => new Promise((resolve) => (socket.once('close', resolve), socket.close()))));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    mode,
    run,
    connectMs: Math.round(connectMs),
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.at(-1) ?? NaN),
    lastClientMedian: round1(median(lastClient)),
    samples: sorted.length,
  };
}

function startWorker(): Promise<{ worker: Worker; server: ServerReady }> {
  // Node 20 does not run a worker's TypeScript entry through tsx's loader: register tsx in the worker first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./ws-fanout-server.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { redisUrl: settings.redisUrl } });
  return withTimeout(
    new Promise((resolve, reject) => {
      worker.once('message', (server: ServerReady) => resolve({ worker, server }));
      worker.once('error', reject);
    }),
    60_000,
    'starting the server worker',
  );
}

async function main(): Promise<number> {
  console.log(
    `ws fan-out: ${settings.clients} clients, ${settings.runs} runs × ${settings.events} events, pub/sub ${settings.redisUrl ? 'redis' : 'in process'}`,
  );
  const { worker, server } = await startWorker();
  const results: RunResult[] = [];
  try {
    for (const mode of settings.modes) {
      for (let run = 1; run <= settings.runs; run++) {
        const result = await runOnce(worker, server, mode, run);
        results.push(result);
        console.log(
          `${mode.padEnd(10)} run ${run}: p50 ${result.p50} ms, p95 ${result.p95}, p99 ${result.p99}, max ${result.max}; last client ${result.lastClientMedian} ms; connect ${result.connectMs} ms`,
        );
      }
    }
  } finally {
    worker.postMessage('stop');
    await withTimeout(new Promise((resolve) => worker.once('message', resolve)), 10_000, 'stopping the server').catch(() => undefined);
    await worker.terminate();
  }

  let ok = true;
  const summary = settings.modes.map((mode) => {
    const runs = results.filter((r) => r.mode === mode);
    const pick = (key: 'p50' | 'p95' | 'p99' | 'max' | 'lastClientMedian' | 'connectMs') => median(runs.map((r) => r[key]));
    const row = {
      mode,
      p50: pick('p50'),
      p95: pick('p95'),
      p99: pick('p99'),
      max: pick('max'),
      lastClient: pick('lastClientMedian'),
      connectMs: pick('connectMs'),
    };
    if (row.p99 > GOAL_P99_MS) ok = false;
    return row;
  });
  console.log(`\nmedian of ${settings.runs} runs (ms)          p50    p95    p99    max   last client   connect all`);
  for (const row of summary) {
    console.log(
      `${row.mode.padEnd(32)}${String(row.p50).padStart(5)}  ${String(row.p95).padStart(5)}  ${String(row.p99).padStart(5)}  ${String(row.max).padStart(5)}  ${String(row.lastClient).padStart(11)}  ${String(row.connectMs).padStart(11)}`,
    );
  }
  console.log(`goal p99 ≤ ${GOAL_P99_MS} ms: ${ok ? 'met' : 'NOT met'}`);

  const out = join(ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'ws-fanout-latest.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: gitCommit(),
        machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? null, loadavg: loadavg(), node: process.version },
        settings: { ...settings, redisUrl: settings.redisUrl ? '[set]' : null },
        goal_p99_ms: GOAL_P99_MS,
        summary,
        runs: results,
      },
      null,
      2,
    ),
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
