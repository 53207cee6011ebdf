import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAndLogin, startServer, tempDir, type ServerProcess } from './support/server-process.js';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL;
const FREE = 6;
const ANONYMOUS = 4;

/**
 * Two API nodes sharing one Redis (REDIS_URL) and one SQLite file: requests split across both count against one
 * limit. The window is long (about 11.5 days, aligned to the epoch) so a run never straddles a window boundary.
 */
describe.skipIf(!TEST_REDIS_URL)('two server processes sharing rate-limit counters in Redis (TEST_REDIS_URL)', () => {
  const redisUrl = TEST_REDIS_URL ?? '';
  // A prefix per run: parallel runs against one Redis never share counters.
  const prefix = `homeostat-test:${randomBytes(6).toString('hex')}:`;
  const dir = tempDir('ratelimit');
  let nodes: ServerProcess[] = [];

  beforeAll(async () => {
    const env = {
      DATA_DIR: dir.path,
      ENVIRONMENT: 'development',
      REDIS_URL: redisUrl,
      RATE_LIMIT_REDIS_PREFIX: prefix,
      RATE_LIMIT_WINDOW_SECONDS: '1000000',
      RATE_LIMIT_FREE_PER_WINDOW: String(FREE),
      RATE_LIMIT_ANONYMOUS_PER_WINDOW: String(ANONYMOUS),
    };
    // One after the other: the first creates the secret key file and runs the migrations.
    nodes.push(await startServer(env));
    nodes.push(await startServer(env));
  }, 90_000);
  afterAll(async () => {
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    for (const node of nodes) expect((await node.stop('SIGTERM')).code).toBe(0);
    nodes = [];
    dir.remove();
  }, 30_000);

  it("one user's requests alternating between the nodes count against one allowance", async () => {
    const token = await registerAndLogin(nodes[0]!.url, `limit-${randomBytes(4).toString('hex')}@example.test`);
    const me = (node: ServerProcess) => fetch(`${node.url}/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    const resets = new Set<string | null>();
    for (let i = 1; i <= FREE; i++) {
      const response = await me(nodes[i % 2]!);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(FREE - i));
      expect(response.headers.get('ratelimit-policy')).toBe(`"free";q=${FREE};w=1000000`);
      resets.add(response.headers.get('x-ratelimit-reset'));
    }
    expect(resets.size).toBe(1); // both nodes see the same window
    for (const node of nodes) {
      const refused = await me(node);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMIT_EXCEEDED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 60_000);

  it('requests without a token count per address across the nodes', async () => {
    const hello = (node: ServerProcess) => fetch(`${node.url}/api/v1/test/hello`);
    for (let i = 1; i <= ANONYMOUS; i++) expect((await hello(nodes[i % 2]!)).status).toBe(200);
    const refused = await hello(nodes[0]!);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await hello(nodes[1]!)).status).toBe(429);
  }, 60_000);
});

describe.skipIf(TEST_REDIS_URL)('two server processes sharing rate-limit counters in Redis', () => {
  it.skip('needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379): two-process Redis rate-limit test skipped', () => undefined);
});
