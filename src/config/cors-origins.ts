/**
 * CORS_ORIGINS as the Clarity spec writes it (`["http://localhost:3000"]`) or as a comma-separated list.
 * Each entry is an origin (`scheme://host[:port]`, no path) or `*` for any origin (then without credentials).
 * Throws an Error describing the first bad entry; parseConfig reports it against CORS_ORIGINS.
 */
export function parseCorsOrigins(value: string): string[] {
  const text = value.trim();
  if (!text) return [];
  const entries = text.startsWith('[')
    ? parseJsonList(text)
    : text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  return entries.map(normalizeOrigin);
}

function parseJsonList(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('is not valid JSON (write ["https://a.example","https://b.example"] or a comma-separated list)');
  }
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === 'string')) {
    throw new Error('must be a JSON array of strings');
  }
  return parsed.map((s) => s.trim()).filter(Boolean);
}

function normalizeOrigin(entry: string): string {
  if (entry === '*') return entry;
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new Error(`"${entry}" is not an origin like https://app.example.com`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!['http:', 'https:'].includes(url.protocol) || !bare) {
    throw new Error(`"${entry}" is not an origin like https://app.example.com (scheme and host only, no path)`);
  }
  return url.origin;
}
