/** Per-endpoint summary of the rounds (medians of round percentiles, pooled percentiles, ratio to /health) and its table. */
import type { Endpoint } from './endpoints.js';
import { median, percentile, type RoundResult } from './latency.js';

export const GOAL_P95_MS = 15;

export interface Summary {
  name: string;
  path: string;
  requests: number;
  failures: number;
  firstRequestMs: number;
  medianReqPerSec: number;
  medianP50Ms: number;
  medianP95Ms: number;
  medianP99Ms: number;
  minP95Ms: number;
  maxP95Ms: number;
  pooledP50Ms: number;
  pooledP95Ms: number;
  pooledP99Ms: number;
  maxMs: number;
  medianServerCpuMsPerRequest: number | null;
  p95OverHealth: number;
  responseBytes: number | null;
  goalMet: boolean | null;
}

export function summarise(e: Endpoint, rounds: RoundResult[], firstRequestMs: number, bytes: number | null, healthP95: number): Summary {
  const pooled = Float64Array.from(rounds.flatMap((r) => [...r.latencies])).sort();
  const cpu = rounds.map((r) => r.serverCpuMsPerRequest).filter((v): v is number => v !== null);
  const p95s = rounds.map((r) => r.p95Ms);
  const medianP95Ms = median(p95s);
  return {
    name: e.name,
    path: e.path,
    requests: rounds.reduce((s, r) => s + r.requests, 0),
    failures: rounds.reduce((s, r) => s + r.failures, 0),
    firstRequestMs: firstRequestMs,
    medianReqPerSec: median(rounds.map((r) => r.reqPerSec)),
    medianP50Ms: median(rounds.map((r) => r.p50Ms)),
    medianP95Ms,
    medianP99Ms: median(rounds.map((r) => r.p99Ms)),
    minP95Ms: Math.min(...p95s),
    maxP95Ms: Math.max(...p95s),
    pooledP50Ms: percentile(pooled, 50),
    pooledP95Ms: percentile(pooled, 95),
    pooledP99Ms: percentile(pooled, 99),
    maxMs: pooled.length ? pooled[pooled.length - 1]! : Number.NaN,
    medianServerCpuMsPerRequest: cpu.length ? median(cpu) : null,
    p95OverHealth: medianP95Ms / healthP95,
    responseBytes: bytes,
    goalMet: e.goal ? medianP95Ms <= GOAL_P95_MS : null,
  };
}

export function table(rows: Summary[]): string {
  const f = (n: number | null, d = 2) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(d));
  const head = [
    'endpoint',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'p95 range',
    'p95 ÷ health',
    'req/s',
    'cpu ms/req',
    'first ms',
    'bytes',
    'n',
    'fail',
  ];
  const body = rows.map((r) => [
    r.name,
    f(r.medianP50Ms),
    f(r.medianP95Ms),
    f(r.medianP99Ms),
    `${f(r.minP95Ms)}–${f(r.maxP95Ms)}`,
    `${f(r.p95OverHealth, 1)}×`,
    f(r.medianReqPerSec, 0),
    f(r.medianServerCpuMsPerRequest),
    f(r.firstRequestMs, 1),
    r.responseBytes === null ? '–' : String(r.responseBytes),
    String(r.requests),
    String(r.failures),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
