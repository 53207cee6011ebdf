import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './load-config.js';

const GOOD_SECRET = 'k'.repeat(40);

/** The ConfigError `fn` throws (fails the test if it returns). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(parseConfig({})).toMatchObject({
      ENVIRONMENT: 'development',
      HOST: '127.0.0.1',
      PORT: 8000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1_048_576,
      REQUEST_TIMEOUT_MS: 30_000,
      MHRAS_TIMEOUT_MS: 10_000,
      LOCKOUT_THRESHOLD: 5,
      LOCKOUT_MINUTES: 15,
      TRUST_PROXY: false,
      CORS_ORIGINS: '',
    });
  });

  it('converts numbers and booleans from text', () => {
    expect(parseConfig({ PORT: '9001', TRUST_PROXY: 'true', REQUIRE_EMAIL_VERIFICATION: 'false' })).toMatchObject({
      PORT: 9001,
      TRUST_PROXY: true,
      REQUIRE_EMAIL_VERIFICATION: false,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ PORT: '', SECRET_KEY: '' })).toMatchObject({ PORT: 8000 });
    expect(parseConfig({ SECRET_KEY: '' }).SECRET_KEY).toBeUndefined();
  });

  it('ignores variables it does not know', () => {
    expect(parseConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
  });

  it.each([['abc'], ['80.5'], ['-1'], ['70000']])('names PORT when it is %s', (port) => {
    const error = configError(() => parseConfig({ PORT: port }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^PORT: /);
    expect(error.message).toMatch(/^Invalid configuration:\n {2}PORT: /);
  });

  it('names every bad variable at once', () => {
    const error = configError(() =>
      parseConfig({
        PORT: 'x',
        LOG_LEVEL: 'loud',
        BODY_LIMIT_BYTES: '10',
        ENVIRONMENT: 'prod',
        TRUST_PROXY: 'maybe',
        DATABASE_URL: 'mysql://x',
      }),
    );
    const named = error.problems.map((p) => p.split(':')[0]).sort();
    expect(named).toEqual(['BODY_LIMIT_BYTES', 'DATABASE_URL', 'ENVIRONMENT', 'LOG_LEVEL', 'PORT', 'TRUST_PROXY']);
  });

  it('lists the allowed values of an enumerated setting', () => {
    expect(configError(() => parseConfig({ LOG_LEVEL: 'loud' })).problems).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('rejects a SECRET_KEY shorter than 32 characters without printing it', () => {
    const error = configError(() => parseConfig({ SECRET_KEY: 'short-secret-value' }));
    expect(error.problems[0]).toMatch(/^SECRET_KEY: /);
    expect(error.message).not.toContain('short-secret-value');
  });

  it('accepts a SECRET_KEY of 32 characters', () => {
    expect(parseConfig({ SECRET_KEY: 's'.repeat(32) }).SECRET_KEY).toHaveLength(32);
  });

  it('requires OIDC_JWKS_URL with OIDC_ISSUER, and the reverse', () => {
    expect(configError(() => parseConfig({ OIDC_ISSUER: 'https://idp.example/' })).problems).toEqual([
      'OIDC_JWKS_URL: required when OIDC_ISSUER is set',
    ]);
    expect(configError(() => parseConfig({ OIDC_JWKS_URL: 'https://idp.example/jwks' })).problems).toEqual([
      'OIDC_ISSUER: required when OIDC_JWKS_URL is set',
    ]);
    expect(parseConfig({ OIDC_ISSUER: 'https://idp.example/', OIDC_JWKS_URL: 'https://idp.example/jwks' }).OIDC_ISSUER).toBe(
      'https://idp.example/',
    );
  });

  it('reports a bad CORS_ORIGINS together with the other problems', () => {
    const error = configError(() => parseConfig({ CORS_ORIGINS: 'https://a.example/app', PORT: 'x' }));
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['CORS_ORIGINS', 'PORT']);
  });

  it('accepts CORS_ORIGINS in both forms', () => {
    expect(parseConfig({ CORS_ORIGINS: '["http://localhost:3000"]' }).CORS_ORIGINS).toBe('["http://localhost:3000"]');
    expect(parseConfig({ CORS_ORIGINS: 'http://localhost:3000,https://app.example' }).CORS_ORIGINS).toBe(
      'http://localhost:3000,https://app.example',
    );
  });
});

describe('loadConfig', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'homeostat-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('requires SECRET_KEY in production and names it', () => {
    const error = configError(() => loadConfig({ ENVIRONMENT: 'production', DATA_DIR: tempDir() }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^SECRET_KEY: required when ENVIRONMENT=production/);
  });

  it('never generates a key in production', () => {
    const dir = tempDir();
    expect(() => loadConfig({ ENVIRONMENT: 'production', DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('uses the given SECRET_KEY in any environment', () => {
    expect(loadConfig({ ENVIRONMENT: 'production', SECRET_KEY: GOOD_SECRET }).SECRET_KEY).toBe(GOOD_SECRET);
  });

  it('in development generates a key into DATA_DIR/secret.key (mode 0600) and reuses it', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = loadConfig({ ENVIRONMENT: 'development', DATA_DIR: dir });
    expect(first.SECRET_KEY.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'secret.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.SECRET_KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadConfig({ ENVIRONMENT: 'development', DATA_DIR: dir });
    expect(second.SECRET_KEY).toBe(first.SECRET_KEY);
  });

  it('in testing too, a missing key is generated rather than refused', () => {
    const dir = tempDir();
    expect(loadConfig({ ENVIRONMENT: 'testing', DATA_DIR: dir }).SECRET_KEY.length).toBeGreaterThanOrEqual(32);
  });

  it('replaces a key file too short to be a key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.key'), 'tiny\n');
    const config = loadConfig({ ENVIRONMENT: 'development', DATA_DIR: dir });
    expect(config.SECRET_KEY).not.toBe('tiny');
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(config.SECRET_KEY);
  });

  it('reads a key file written by someone else', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.key'), `${GOOD_SECRET}\n`, { mode: 0o600 });
    expect(loadConfig({ ENVIRONMENT: 'development', DATA_DIR: dir }).SECRET_KEY).toBe(GOOD_SECRET);
  });
});
