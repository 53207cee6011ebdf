import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/e2e/support/server-process.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = join(ROOT, 'bin/homeostat-dev.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliRun extends Exit {
  stdout: string;
  stderr: string;
}

/**
 * A child's environment: only what the server is given, plus PATH/HOME/TMPDIR so node runs at all.
 * Nothing leaks in from the test runner's environment (DATABASE_URL, NODE_ENV, …).
 */
function childEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return { ...base, ...env };
}

export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/** Runs a CLI command to completion (killed after `timeoutMs`). */
export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 15_000): Promise<CliRun> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exitOf(child);
  clearTimeout(timer);
  return { ...exit, stdout, stderr };
}

export interface ServerProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234, from the "Server listening at" log line. */
  url: string;
  /** Log lines written so far (parsed pino JSON; non-JSON lines as `{ raw }`). */
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit & { elapsedMs: number }>;
}

/** Starts `homeostat serve` (PORT=0 unless given) and waits until it says where it listens. */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawnCli(['serve'], { PORT: '0', HOST: '127.0.0.1', ...env });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  let announce: ((url: string) => void) | undefined;
  const announced = new Promise<string>((resolveUrl) => (announce = resolveUrl));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { raw: line };
      }
      logs.push(entry);
      const match = /^Server listening at (http:\/\/\S+)$/.exec(String(entry.msg ?? ''));
      if (match?.[1]) announce?.(match[1]);
    }
  });
  const exited = exitOf(child);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    announced,
    exited.then((exit) => new Error(`server exited before listening (${JSON.stringify(exit)}): ${stderr}`)),
    new Promise<Error>((fail) => (timer = setTimeout(() => fail(new Error(`server did not listen within ${timeoutMs} ms: ${stderr}`)), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome instanceof Error) {
    child.kill('SIGKILL');
    throw outcome;
  }
  return {
    child,
    url: outcome,
    logs,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM', stopTimeoutMs = 10_000) => {
      const started = performance.now();
      const kill = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      child.kill(signal);
      const exit = await exited;
      clearTimeout(kill);
      return { ...exit, elapsedMs: performance.now() - started };
    },
  };
}

/** A fresh temporary directory and its removal. */
export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `homeostat-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

/** Registers a fresh user over real HTTP (Twin API) and logs in; returns the access token. */
export async function registerAndLogin(url: string, email: string): Promise<string> {
  const body = JSON.stringify({ email, password: STRONG_PASSWORD });
  const headers = { 'content-type': 'application/json' };
  const registered = await fetch(`${url}/v1/auth/register`, { method: 'POST', headers, body });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers, body });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  return ((await login.json()) as { access_token: string }).access_token;
}
