import type { ResolvedConfig } from '../../services.js';

export type PublicConfig = Record<string, string | number | boolean | null>;

/** Settings whose value is never shown, only whether they are set: keys, secrets, passwords, tokens. */
const SECRET_NAME = /(^|_)(SECRET|PASSWORD|PASSWD|CREDENTIALS?|PRIVATE)(_|$)|(^|_)(KEY|TOKEN)$/i;
/** Query parameters that may carry a credential inside a URL (`?password=`, `?sslkey=`, `?token=`). */
const SECRET_PARAM = /(pass|secret|token|key|credential|auth)/i;

/**
 * The effective configuration for /api/v1/debug/config: secrets masked by name (so settings added later are
 * covered too) and URLs stripped of user, password and credential-like query parameters.
 */
export function publicConfig(config: ResolvedConfig): PublicConfig {
  const view: PublicConfig = {};
  for (const [key, value] of Object.entries(config) as [string, unknown][]) {
    if (SECRET_NAME.test(key)) view[key] = value === undefined || value === null || value === '' ? null : '[set]';
    else if (typeof value === 'string' && /_URLS?$/.test(key)) view[key] = withoutCredentials(value);
    else view[key] = (value ?? null) as string | number | boolean | null;
  }
  return view;
}

function withoutCredentials(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '[set]';
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '[redacted]');
  }
  return url.toString();
}
