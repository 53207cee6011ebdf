import { Value } from 'typebox/value';
import { ConfigSchema, type Config, type ResolvedConfig } from './config.schema.js';
import { ensureDevelopmentSecret } from './secret-key.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the known variables from `env`, converts and validates them; throws a ConfigError naming each bad one. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const known = Object.keys(ConfigSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const candidate = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw));
  const problems = [...Value.Errors(ConfigSchema, candidate)]
    .filter((e) => e.keyword !== 'anyOf' || !e.instancePath)
    .map((e) => `${e.instancePath.slice(1) || 'config'}: ${e.message}`);
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  const config = candidate as Config;
  if (Boolean(config.OIDC_ISSUER) !== Boolean(config.OIDC_JWKS_URL)) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER and OIDC_JWKS_URL must be set together');
  }
  return config;
}

/** Full start-up configuration: parse, then settle the secret key (required in production, kept on disk in development). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ResolvedConfig {
  const config = parseConfig(env);
  if (config.SECRET_KEY) return { ...config, SECRET_KEY: config.SECRET_KEY };
  if (config.ENVIRONMENT === 'production') {
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY: required when ENVIRONMENT=production (at least 32 characters)');
  }
  return { ...config, SECRET_KEY: ensureDevelopmentSecret(config.DATA_DIR) };
}
