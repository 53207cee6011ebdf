import { parseConfig, type ResolvedConfig } from '../../src/config/index.js';

export const TEST_SECRET = 'test-secret-key-0123456789abcdef-0123456789';

/** A valid config for tests: in-memory SQLite, quiet logs, generous rate limits. */
export function testConfig(overrides: Record<string, string> = {}): ResolvedConfig {
  const config = parseConfig({
    ENVIRONMENT: 'testing',
    SECRET_KEY: TEST_SECRET,
    DATABASE_URL: 'sqlite::memory:',
    DATA_DIR: '/nonexistent-homeostat-test-dir',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    // Suites make many requests as one user or address: tests of the limits set low ones themselves.
    RATE_LIMIT_FREE_PER_WINDOW: '1000000',
    RATE_LIMIT_PREMIUM_PER_WINDOW: '1000000',
    RATE_LIMIT_CORPORATE_PER_WINDOW: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_WINDOW: '1000000',
    ...overrides,
  });
  return { ...config, SECRET_KEY: config.SECRET_KEY ?? TEST_SECRET };
}
