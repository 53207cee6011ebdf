/**
 * Import benchmark: a generated export.zip imported through the real HTTP endpoint into SQLite, against the raw
 * read + unzip speed of the same file measured in the same run, while GET /health is probed for latency.
 *
 *   npm run bench:import                 # 1 GiB of XML (generated once into $BENCH_CACHE, default /tmp)
 *   BENCH_IMPORT_SIZE=200MB npm run bench:import
 *
 * Reports: XML MB/s end to end (bytes of XML ÷ time from upload start to `completed`), the unzip-only MB/s, their
 * ratio, the server's peak RSS (VmHWM: all threads), and GET /health p50/p99 during the import.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openZipExportXml } from '../../src/platform/archive/zip-export-reader.js';
import { ROOT, benchUserToken, gitCommit, startBenchServer } from '../http/server.js';
import { median } from '../http/stats.js';

const size = process.env.BENCH_IMPORT_SIZE ?? '1GB';
const cache = process.env.BENCH_CACHE ?? '/tmp';
const zip = join(cache, `homeostat-bench-export-${size}.zip`);

function generate(): void {
  if (existsSync(zip)) return;
  console.log(`generating ${zip} (${size} of XML) …`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/apple-health/generate.ts'), '--out', zip, '--size', size, '--no-routes'],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error('the generator failed');
}

/** Reads and inflates the export's XML, discarding it: the floor any importer of this file must pay. */
async function unzipOnly(): Promise<{ bytes: number; seconds: number }> {
  const started = performance.now();
  const entry = await openZipExportXml(zip);
  let bytes = 0;
  for await (const chunk of entry.stream) bytes += (chunk as Buffer).length;
  return { bytes, seconds: (performance.now() - started) / 1000 };
}

/** CPU seconds (user + system, all threads) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/**
 * CPU seconds of each busy thread, named as the kernel knows it: `node` (the event loop), the import's workers (named
 * after their entry file), `libuv-worker` (inflate, file reads), `V8 DefaultWorke` (V8's garbage-collector helpers).
 */
function threadCpu(pid: number): string[] {
  const dir = `/proc/${pid}/task`;
  return readdirSync(dir)
    .map((tid) => {
      try {
        const fields = readFileSync(`${dir}/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        const name = readFileSync(`${dir}/${tid}/comm`, 'utf8').trim();
        return { name, seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
      } catch {
        return { name: '', seconds: 0 }; // the thread ended meanwhile
      }
    })
    .filter((t) => t.seconds >= 0.5)
    .sort((a, b) => b.seconds - a.seconds)
    .map((t) => `${t.name} ${t.seconds.toFixed(2)}`);
}

const threadSeconds = (threads: string[]): number => threads.reduce((sum, t) => sum + Number(t.split(' ').at(-1)), 0);

/** Resident memory now, split as the kernel counts it (kB): anonymous (heaps, SQLite caches), file-backed, shared. */
function rssParts(pid: number): Record<string, number> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function upload(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/imports/apple-health`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip', 'content-length': statSync(zip).size },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        res.statusCode === 202
          ? resolve((JSON.parse(body) as { import_id: string }).import_id)
          : reject(new Error(`${res.statusCode} ${body}`)),
      );
    });
    req.on('error', reject);
    createReadStream(zip).pipe(req);
  });
}

async function main(): Promise<void> {
  generate();
  const unzip = await unzipOnly();
  // The status poll (4/s) would exhaust a free-tier user's 100 requests/hour and loop on 429s forever.
  const server = await startBenchServer({ RATE_LIMIT_ENABLED: 'false' });
  try {
    const token = await benchUserToken(server.url);
    const cpuBefore = cpuSeconds(server.child.pid!);
    const started = performance.now();
    // Per-thread CPU, sampled while the import's workers are alive (they end with it).
    let threads: string[] = [];
    let rssAtPeak = rssParts(server.child.pid!);
    const rssBefore = rssAtPeak;
    const rssTimeline: number[] = [];
    const sampler = setInterval(() => {
      const rss = rssParts(server.child.pid!);
      rssTimeline.push(Math.round(rss.rss! / 1024));
      if (rss.rss! > rssAtPeak.rss!) rssAtPeak = { ...rss, at_seconds: Math.round(performance.now() - started) / 1000 };
      const now = threadCpu(server.child.pid!);
      if (threadSeconds(now) >= threadSeconds(threads)) threads = now;
    }, 500);
    const latencies: number[] = [];
    /** Probes slower than 50 ms: when (seconds since the upload started) and how slow, to see which phase they fall in. */
    const slow: { at: number; ms: number }[] = [];
    let importing = true;
    const probe = (async () => {
      while (importing) {
        const t = performance.now();
        await fetch(`${server.url}/health`);
        const ms = performance.now() - t;
        latencies.push(ms);
        if (ms > 50 && slow.length < 200) slow.push({ at: Math.round(t - started) / 1000, ms: Math.round(ms) });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const id = await upload(server.url, token);
    const uploadedAfter = (performance.now() - started) / 1000;
    let status: {
      state: string;
      bytes_total: number | null;
      stored: number;
      duplicates_skipped: number;
      records_processed: number;
      errors: unknown[];
    };
    // When the last row was written (the rollup pass follows): the last poll at which the count still moved.
    let rowsDoneAfter = 0;
    let lastProcessed = -1;
    for (;;) {
      const res = await fetch(`${server.url}/v1/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET /v1/imports/${id}: ${res.status} ${await res.text()}`);
      status = (await res.json()) as typeof status;
      if (status.records_processed !== lastProcessed) {
        lastProcessed = status.records_processed;
        rowsDoneAfter = (performance.now() - started) / 1000;
      }
      if (status.state === 'completed' || status.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
    clearInterval(sampler);
    importing = false;
    await probe;
    if (status.state !== 'completed') throw new Error(`import ${status.state}: ${JSON.stringify(status.errors.slice(0, 3))}`);
    const xmlBytes = status.bytes_total ?? unzip.bytes;
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    const result = {
      commit: gitCommit(),
      size,
      zip_bytes: statSync(zip).size,
      xml_bytes: xmlBytes,
      unzip_only: { seconds: unzip.seconds, mb_per_s: unzip.bytes / 1e6 / unzip.seconds },
      import: {
        seconds,
        upload_seconds: uploadedAfter,
        rows_written_after_seconds: rowsDoneAfter,
        mb_per_s: xmlBytes / 1e6 / seconds,
        samples: status.records_processed,
        stored: status.stored,
        samples_per_s: status.records_processed / seconds,
        server_cpu_seconds: cpu,
        threads_cpu_seconds_over_half_a_second: threads,
      },
      load_average: loadavg(),
      ratio_to_unzip: xmlBytes / 1e6 / seconds / (unzip.bytes / 1e6 / unzip.seconds),
      peak_rss_bytes: peakRss(server.child.pid!),
      rss_kb: { before: rssBefore, largest_sampled: rssAtPeak },
      // Twenty evenly spaced samples (MB, every 0.5 s): growth with the file's size shows here.
      rss_mb_timeline: rssTimeline.filter((_, i) => i % Math.max(1, Math.floor(rssTimeline.length / 20)) === 0),
      health_during_import_ms: { probes: latencies.length, p50: median(latencies), p99: p(0.99), max: latencies.at(-1), slow },
    };
    console.table({
      'unzip only': { 'MB/s XML': result.unzip_only.mb_per_s.toFixed(1), seconds: unzip.seconds.toFixed(1) },
      'import end to end': { 'MB/s XML': result.import.mb_per_s.toFixed(1), seconds: seconds.toFixed(1) },
    });
    console.log(JSON.stringify(result, null, 2));
    writeFileSync(
      join(ROOT, 'bench/results/import-latest.json'),
      `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`,
    );
  } finally {
    await server.stop();
  }
}

await main();
