import { Value } from 'typebox/value';
import { ConfigSchema, type Config, type ResolvedConfig } from './config.schema.js';
import { parseCorsOrigins } from './cors-origins.js';
import { ensureDevelopmentSecret } from './secret-key.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  /** One line per bad variable, each starting with the variable's name. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(`Invalid configuration:\n  ${list.join('\n  ')}`);
    this.problems = list;
  }
}

const NUMBER_TEXT: Record<string, RegExp> = { integer: /^[+-]?\d+$/, number: /^[+-]?(\d+(\.\d*)?|\.\d+)$/ };

/**
 * Reads the known variables from `env`, converts and validates them (schema, then the rules a schema cannot
 * express); throws ONE ConfigError naming every bad variable. Messages never echo a value.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const raw: Record<string, unknown> = {};
  const problems = new Set<string>();
  for (const [key, schema] of Object.entries(ConfigSchema.properties) as [string, { type?: unknown }][]) {
    const value = env[key]?.trim();
    if (value === undefined || value === '') continue;
    // TypeBox's conversion would quietly turn PORT=80.5 into 80 and 0x1F into 31: numbers must be plain decimals.
    const pattern = typeof schema.type === 'string' ? NUMBER_TEXT[schema.type] : undefined;
    if (pattern && !pattern.test(value)) problems.add(`${key}: must be ${schema.type === 'integer' ? 'a whole number' : 'a number'}`);
    else raw[key] = value;
  }
  const candidate = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw)) as Config;
  // A value refused above was left out, so the schema sees its default (or nothing) and does not report it twice.
  for (const problem of [...schemaProblems(candidate), ...crossFieldProblems(candidate)]) problems.add(problem);
  if (problems.size > 0) throw new ConfigError([...problems]);
  return candidate;
}

function schemaProblems(candidate: unknown): string[] {
  return [...Value.Errors(ConfigSchema, candidate)]
    .filter((e) => e.keyword !== 'anyOf' || !e.instancePath)
    .map((e) => {
      const name = e.instancePath.slice(1) || 'config';
      const allowed = e.keyword === 'enum' ? (e.params as { allowedValues?: unknown[] }).allowedValues : undefined;
      return allowed ? `${name}: must be one of ${allowed.join(', ')}` : `${name}: ${e.message}`;
    });
}

function crossFieldProblems(config: Config): string[] {
  const problems: string[] = [];
  if (typeof config.CORS_ORIGINS === 'string') {
    try {
      parseCorsOrigins(config.CORS_ORIGINS);
    } catch (error) {
      problems.push(`CORS_ORIGINS: ${(error as Error).message}`);
    }
  }
  if (config.OIDC_ISSUER && !config.OIDC_JWKS_URL) problems.push('OIDC_JWKS_URL: required when OIDC_ISSUER is set');
  if (config.OIDC_JWKS_URL && !config.OIDC_ISSUER) problems.push('OIDC_ISSUER: required when OIDC_JWKS_URL is set');
  const vapid = ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const;
  if (vapid.some((k) => config[k]) && !vapid.every((k) => config[k])) problems.push(`${vapid.join(', ')}: set all three or none`);
  return problems;
}

/** Full start-up configuration: parse, then settle the secret key (required in production, kept on disk in development). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ResolvedConfig {
  const config = parseConfig(env);
  if (config.SECRET_KEY) return { ...config, SECRET_KEY: config.SECRET_KEY };
  if (config.ENVIRONMENT === 'production') {
    throw new ConfigError(['SECRET_KEY: required when ENVIRONMENT=production (at least 32 characters)']);
  }
  return { ...config, SECRET_KEY: ensureDevelopmentSecret(config.DATA_DIR) };
}
