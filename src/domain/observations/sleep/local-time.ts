/**
 * Local calendar time of a UTC instant, computed with Intl (full ICU in Node 20), never with the machine's zone.
 */

export interface LocalDateTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** minutes since local midnight, 0…1439 */
  readonly minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local date and minute of day of `instantMs` in the IANA zone `timeZone` (throws RangeError for an unknown zone). */
export function localInZone(instantMs: number, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    if (!p) throw new Error(`Intl did not return a ${type} part`);
    return Number(p.value);
  };
  const hour = get('hour') % 24; // defensive: some ICU versions used "24" for midnight with hour12:false
  return { date: `${pad(get('year'), 4)}-${pad(get('month'))}-${pad(get('day'))}`, minuteOfDay: hour * 60 + get('minute') };
}

/** Local date and minute of day of `instantMs` at a fixed offset from UTC (minutes east of Greenwich). */
export function localAtOffset(instantMs: number, utcOffsetMinutes: number): LocalDateTime {
  const d = new Date(instantMs + utcOffsetMinutes * 60_000);
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
  };
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO 8601 instant that carries its own zone designator (`Z` or `±HH:MM`). Anything else (a local time
 * without designator, which Date.parse would read in the machine's zone; an impossible date) gives null.
 */
export function parseInstant(value: string): number | null {
  const m = ISO_INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  // Reject roll-overs such as 2024-02-30 by checking the fields against the parsed value at the stated offset.
  const designator = m[8] ?? 'Z';
  const offset = designator === 'Z' ? 0 : (designator.startsWith('-') ? -1 : 1) * (Number(designator.slice(1, 3)) * 60 + Number(designator.slice(4, 6)));
  const local = new Date(ms + offset * 60_000);
  if (
    local.getUTCFullYear() !== Number(y) ||
    local.getUTCMonth() + 1 !== Number(mo) ||
    local.getUTCDate() !== Number(d) ||
    local.getUTCHours() !== Number(h) ||
    local.getUTCMinutes() !== Number(mi) ||
    local.getUTCSeconds() !== Number(s ?? '0')
  ) {
    return null;
  }
  return ms;
}

/** UTC ISO string, without a `.000` when the instant is a whole second (`2025-12-01T23:15:00Z`, as in the specs). */
export function formatInstant(instantMs: number): string {
  return new Date(instantMs).toISOString().replace('.000Z', 'Z');
}
