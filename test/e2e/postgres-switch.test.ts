import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAndLogin, startServer, tempDir } from './support/server-process.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `options=-c search_path=<schema>` in the URL query: libpq's way, which node-postgres also reads. */
function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

describe.skipIf(!TEST_DATABASE_URL)('DATABASE_URL=postgres://… switches a real server to PostgreSQL', () => {
  const url = TEST_DATABASE_URL ?? '';
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  const dir = tempDir('pg');

  beforeAll(async () => {
    await admin(url, (client) => client.query(`create schema ${schema}`));
  });
  afterAll(async () => {
    await admin(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
    dir.remove();
  });

  it('migrates, registers, logs in and reads /v1/users/me with no other setting changed', async () => {
    const server = await startServer({ DATA_DIR: dir.path, ENVIRONMENT: 'development', DATABASE_URL: withSearchPath(url, schema) });
    try {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'healthy', database: { dialect: 'postgres', reachable: true } });

      const token = await registerAndLogin(server.url, 'pg-switch@example.test');
      const me = await fetch(`${server.url}/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: 'pg-switch@example.test' });

      // The data really is in PostgreSQL, in the schema named by the URL.
      const rows = await admin(url, (client) => client.query<{ email: string }>(`select email from ${schema}.users`));
      expect(rows.rows.map((row) => row.email)).toEqual(['pg-switch@example.test']);
      const logs = JSON.stringify(server.logs);
      expect(logs).toContain('"database":"postgres ');
    } finally {
      expect((await server.stop('SIGTERM')).code).toBe(0);
    }
  }, 60_000);
});
