import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { registerAndLogin } from '../../test/e2e/support/server-process.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** SIGTERM, SIGKILL after 5 s; removes the data directory. Safe to call twice. */
  stop(): Promise<number | null>;
}

/** A port that was free a moment ago (the server logs at warn, so it cannot announce a port it chose itself). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ready, fail) => probe.once('error', fail).listen(0, '127.0.0.1', ready));
  const address = probe.address();
  await new Promise((closed) => probe.close(closed));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `homeostat serve` on a fresh SQLite file in a temp dir and waits until /health answers 200. */
/**
 * What a script's `#!/usr/bin/env -S NAME=value … node --flag …` line gives it: environment variables and node flags.
 * The benchmarks start the server that way, as installed.
 */
export function launchOf(script: string): { env: Record<string, string>; flags: string[] } {
  const words = readFileSync(script, 'utf8').split('\n', 1)[0]!.split(/\s+/);
  const env = Object.fromEntries(
    words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  return { env, flags: words.filter((word) => word.startsWith('--')) };
}

export async function startBenchServer(extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeostat-bench-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    ENVIRONMENT: 'production',
    SECRET_KEY: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Per-user and per-IP limits (docs/rate-limits.md) stay on, as in production, but far above what a run sends:
    // a free account's 100 per hour would otherwise turn the run into a measure of 429s.
    ...Object.fromEntries(['FREE', 'PREMIUM', 'CORPORATE', 'ANONYMOUS'].map((tier) => [`RATE_LIMIT_${tier}_PER_WINDOW`, '1000000000'])),
    ...extraEnv,
  };
  // BENCH_DIST=1 runs the built package (`npm run build` first), as `npm start` does: no TypeScript loader in memory.
  // Either way with the installed command's node flags: the server's memory is measured as it runs in production.
  // BENCH_NODE_ARGS adds flags (later ones win), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
  const launch = launchOf(join(ROOT, 'bin/homeostat.js'));
  Object.assign(env, launch.env, extraEnv);
  const flags = [...launch.flags, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const entry = process.env.BENCH_DIST === '1' ? [join(ROOT, 'bin/homeostat.js')] : ['--import', 'tsx', join(ROOT, 'bin/homeostat-dev.js')];
  const child = spawn(process.execPath, [...flags, ...entry, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stopped: Promise<number | null> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(kill);
      }
      rmSync(dataDir, { recursive: true, force: true });
      return child.exitCode;
    })());
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /health within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Registers a user over the Twin API and returns an access token for it. */
export const benchUserToken = (url: string): Promise<string> =>
  registerAndLogin(url, `bench-${randomBytes(4).toString('hex')}@example.test`);

/** The commit being measured, for the results file (null outside a git checkout). */
export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
