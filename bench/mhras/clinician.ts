import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, STRONG_PASSWORD } from '../../test/e2e/support/server-process.js';
import { startBenchServer, type BenchServer } from '../http/server.js';

export interface MhrasBench {
  readonly server: BenchServer;
  /** a clinician's access token */
  readonly token: string;
  /** stops the server and removes its data */
  stop(): Promise<void>;
}

/** A fresh server on its own SQLite file, with a clinician signed in (rate limits far above a run: http/server.ts). */
export async function startMhrasBench(label: string): Promise<MhrasBench> {
  const dataDir = mkdtempSync(join(tmpdir(), `homeostat-bench-${label}-`));
  const env = {
    DATABASE_URL: `sqlite:${join(dataDir, 'bench.db')}`,
    DATA_DIR: dataDir,
    ENVIRONMENT: 'production',
    SECRET_KEY: randomBytes(32).toString('hex'),
  };
  const server = await startBenchServer({ DATABASE_URL: env.DATABASE_URL });
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return { server, token: await clinicianToken(server.url, env), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Registers a user, makes it a clinician with `homeostat user set-role` and returns an access token for it. */
export async function clinicianToken(url: string, env: Record<string, string>): Promise<string> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.test`;
  const body = JSON.stringify({ email, password: STRONG_PASSWORD });
  const headers = { 'content-type': 'application/json' };
  const registered = await fetch(`${url}/v1/auth/register`, { method: 'POST', headers, body });
  if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
  const role = await runCli(['user', 'set-role', '--user', email, '--role', 'clinician'], env, 60_000);
  if (role.code !== 0) throw new Error(`set-role failed: ${role.stderr}`);
  const login = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers, body });
  return ((await login.json()) as { access_token: string }).access_token;
}
