/** CORS_ORIGINS as the Clarity spec writes it (`["http://localhost:3000"]`) or as a comma-separated list. */
export function parseCorsOrigins(value: string): string[] {
  const text = value.trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) throw new Error('CORS_ORIGINS must be a JSON array of strings');
    return parsed;
  }
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
