/**
 * The server side of ws-fanout-bench.ts, run in a worker thread so that the server and the 1,000 clients have an
 * event loop (and a core) each. Builds the whole app on an in-memory SQLite database, registers a person and an
 * admin, listens on 127.0.0.1, and emits PersonEvents when the main thread asks.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { parseRole } from '../../src/domain/identity/index.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';

export interface ServerReady {
  url: string;
  personId: string;
  personToken: string;
  adminToken: string;
}

/** Main → worker: emit one event to `personIds` (all at once), tagged with the round. */
export interface EmitRequest {
  round: number;
  personIds: string[];
}

const PASSWORD = 'correct horse battery staple 42';
const port = parentPort;
if (!port) throw new Error('ws-fanout-server.ts runs as a worker thread');
const settings = workerData as { redisUrl?: string };

const config = parseConfig({
  ENVIRONMENT: 'testing',
  SECRET_KEY: 'bench-secret-key-0123456789abcdef-0123456789',
  DATABASE_URL: 'sqlite::memory:',
  DATA_DIR: '/nonexistent-homeostat-bench-dir',
  AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  ...(settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {}),
});
const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
await migrateToLatest(database);
const app = await buildApp({ ...config, SECRET_KEY: config.SECRET_KEY ?? '' }, { database, logger: pino({ level: 'warn' }) });
await app.ready();

async function account(email: string, role?: string): Promise<{ id: string; token: string }> {
  const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: PASSWORD } });
  const id = registered.json<{ user_id: string }>().user_id;
  const parsed = role ? parseRole(role) : undefined;
  if (parsed) await app.services.identity.users.setRole(id, parsed, new Date().toISOString());
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: PASSWORD } });
  return { id, token: login.json<{ access_token: string }>().access_token };
}

const person = await account('bench-person@example.test');
const admin = await account('bench-admin@example.test', 'admin');
const url = await app.listen({ host: '127.0.0.1', port: 0 });

port.on('message', (message: EmitRequest | 'stop') => {
  if (message === 'stop') {
    void app
      .close()
      .then(() => database.close())
      .then(() => port.postMessage('stopped'));
    return;
  }
  for (const personId of message.personIds) {
    void app.services.personEvents.emit(personId, {
      type: 'upload.progress',
      data: { upload_id: `round_${message.round}`, kind: 'healthkit_upload', processed_items: message.round, total_items: null },
    });
  }
});
port.postMessage({ url, personId: person.id, personToken: person.token, adminToken: admin.token } satisfies ServerReady);
