import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAndLogin, runCli, startServer, tempDir, type ServerProcess } from './support/server-process.js';

describe('homeostat serve as a real process', () => {
  const cleanups: (() => void | Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const track = (server: ServerProcess) => {
    cleanups.push(() => (server.child.exitCode === null ? server.stop('SIGKILL') : undefined));
    return server;
  };

  it('reports its port, serves /health, keeps its development key across restarts and exits 0 on SIGTERM', async () => {
    const dir = tempDir('serve');
    cleanups.push(dir.remove);
    const env = { DATA_DIR: dir.path, ENVIRONMENT: 'development' };

    const first = track(await startServer(env));
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.url.endsWith(':0')).toBe(false);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'healthy', database: { dialect: 'sqlite', reachable: true } });

    const keyFile = join(dir.path, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    expect(key.trim().length).toBeGreaterThanOrEqual(32);
    const token = await registerAndLogin(first.url, 'restart@example.test');

    const firstExit = await first.stop('SIGTERM');
    expect(firstExit).toMatchObject({ code: 0, signal: null });
    expect(firstExit.elapsedMs).toBeLessThan(5000);
    expect(first.logs.map((line) => line.msg)).toContain('shutdown complete');

    // Second start: same key file, so the token signed by the first process is still valid (and the user still there).
    const second = track(await startServer(env));
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    const me = await fetch(`${second.url}/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'restart@example.test' });
    expect((await second.stop('SIGINT')).code).toBe(0);
  }, 60_000);

  it('refuses to start on a bad value and names the variable', async () => {
    const dir = tempDir('bad-port');
    cleanups.push(dir.remove);
    const run = await runCli(['serve'], { DATA_DIR: dir.path, PORT: 'abc' });
    expect(run.code).not.toBe(0);
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/PORT/);
    expect(run.stdout).not.toMatch(/Server listening/);
  });

  it('refuses to start in production without SECRET_KEY, naming it, and generates no key', async () => {
    const dir = tempDir('prod');
    cleanups.push(dir.remove);
    const run = await runCli(['serve'], { DATA_DIR: dir.path, ENVIRONMENT: 'production', PORT: '0' });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/SECRET_KEY/);
    expect(existsSync(join(dir.path, 'secret.key'))).toBe(false);
    expect(existsSync(join(dir.path, 'homeostat.db'))).toBe(false);
  });

  it('exits non-zero, saying why, when its port is taken', async () => {
    const dir = tempDir('port-taken');
    cleanups.push(dir.remove);
    const blocker = createServer();
    await new Promise<void>((ready) => blocker.listen(0, '127.0.0.1', ready));
    cleanups.push(() => new Promise((closed) => blocker.close(closed)));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const run = await runCli(['serve'], { DATA_DIR: dir.path, ENVIRONMENT: 'development', PORT: String(address.port), HOST: '127.0.0.1' });
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull(); // it exited by itself, it was not killed by the timeout
    expect(run.stdout + run.stderr).toMatch(/EADDRINUSE|address already in use/i);
  });
});
