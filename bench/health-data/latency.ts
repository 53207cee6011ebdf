/**
 * A closed-loop latency probe: `connections` keep-alive connections, each sending the next request as soon as the
 * previous answer has been read in full, every latency timed with the monotonic clock (microsecond resolution, unlike
 * autocannon's whole milliseconds, and with the p95 autocannon does not report). Every answer's status is checked, and
 * its length too when the body is known to be the same on every request.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

export interface Target {
  readonly name: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Body length every answer must have (bytes), or null when it may vary (/health). */
  readonly expectedBytes: number | null;
}

export interface RoundResult {
  readonly round: number;
  readonly requests: number;
  readonly seconds: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** Answers that were not 200 or not of the expected length, and transport errors. */
  readonly failures: number;
  readonly firstFailure: string | null;
  /** Server CPU time per request (user + system, from /proc), ms; null off Linux. */
  readonly serverCpuMsPerRequest: number | null;
  /** 1-minute load average when the round started. */
  readonly load1: number;
  /** Latencies in ms, for pooled percentiles (not written to the report). */
  readonly latencies: Float64Array;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** utime + stime of a process in ms (Linux /proc; the clock tick is 100 Hz on every mainstream kernel), or null. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

interface Answer {
  status: number;
  bytes: number;
}

function send(agent: Agent, base: URL, target: Target, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, path: target.path, method: 'GET', headers: target.headers, timeout: timeoutMs },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export interface LoopOptions {
  readonly baseUrl: string;
  readonly connections: number;
  readonly seconds: number;
  /** Stop a connection's loop after this many requests in all (bounds rounds of slow endpoints' memory, not time). */
  readonly maxRequests: number;
  readonly serverPid?: number | undefined;
  readonly round: number;
  readonly load1: number;
}

/** Runs `target` for `seconds` on `connections` connections and returns the round's numbers. */
export async function measure(target: Target, o: LoopOptions): Promise<RoundResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const base = new URL(o.baseUrl);
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const cpuBefore = processCpuMs(o.serverPid);
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  const fail = (why: string) => {
    failures++;
    firstFailure ??= why;
  };
  const loop = async () => {
    while (performance.now() < deadline && latencies.length + failures < o.maxRequests) {
      const t0 = performance.now();
      try {
        const answer = await send(agent, base, target, 10_000);
        const ms = performance.now() - t0;
        if (answer.status !== 200) fail(`status ${answer.status}`);
        else if (target.expectedBytes !== null && answer.bytes !== target.expectedBytes)
          fail(`${answer.bytes} bytes, expected ${target.expectedBytes}`);
        else latencies.push(ms);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = processCpuMs(o.serverPid);
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const requests = latencies.length + failures;
  return {
    round: o.round,
    requests,
    seconds,
    reqPerSec: requests / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    meanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    failures,
    firstFailure,
    serverCpuMsPerRequest: cpuBefore === null || cpuAfter === null || requests === 0 ? null : (cpuAfter - cpuBefore) / requests,
    load1: o.load1,
    latencies: sorted,
  };
}
