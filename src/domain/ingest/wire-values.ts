/**
 * Small wire-value helpers shared by the ingest paths (Clarity upload, HealthKit JSON upload). Pure.
 *
 * Strict ISO 8601 date-time parsing: no clock, and never the machine's time zone (`Date.parse` reads a string
 * without designator in local time, so it is not used).
 *
 * Accepted: `YYYY-MM-DD(T| )HH:MM[:SS[.fraction]][designator]`, fraction 1–9 digits (kept to the millisecond,
 * truncated), designator `Z`, `±HH:MM`, `±HHMM` or `±HH`, offsets within ±18:00. Impossible dates (2024-02-30,
 * 24:00, 23:59:60) are refused rather than rolled over.
 *
 * The offset: a non-zero offset is the local offset the sender recorded, kept as `utcOffsetMinutes`. A zero offset
 * (`Z`, `+00:00`, `-00:00`) is how UTC is written by serialisers (Swift's ISO8601DateFormatter, Python's
 * `isoformat()` of an aware UTC datetime), not evidence that the person was at UTC+0, so it gives `null` ("not
 * recorded"); local-date computations then fall back to the person's zone, as they do for a sample without offset.
 */
import { daysFromCivil, daysInMonth } from './civil-date.js';
import { isValidTimeZone } from '../observations/index.js';
import type { MetadataValue } from '../observations/index.js';

export interface ParsedDateTime {
  /** The instant, epoch milliseconds (UTC). */
  readonly epochMs: number;
  /** Minutes east of UTC as written; null when there is none or it is zero (see above). */
  readonly utcOffsetMinutes: number | null;
  /** Whether the text carried a zone designator at all. */
  readonly hasDesignator: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * Parses `text`; null when it is not a valid date-time. `requireDesignator`: refuse a string without `Z`/offset
 * (HealthKit instants are absolute); otherwise such a string is read as UTC (Clarity documents its timestamps as UTC).
 */
export function parseIsoDateTime(text: string, options: { readonly requireDesignator: boolean }): ParsedDateTime | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const m = ISO.exec(text);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, frac, zulu, sign, ohs, oms] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;

  const hasDesignator = zulu !== undefined || sign !== undefined;
  if (!hasDesignator && options.requireDesignator) return null;
  let offset = 0;
  if (sign !== undefined) {
    const oh = Number(ohs);
    const om = oms === undefined ? 0 : Number(oms);
    if (om > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (oh * 60 + om);
    if (Math.abs(offset) > MAX_OFFSET_MINUTES) return null;
  }

  if (day > daysInMonth(year, month)) return null; // 2024-02-30 is refused, not rolled over to March
  const epochMs = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 + millis;
  return { epochMs, utcOffsetMinutes: offset === 0 ? null : offset, hasDesignator };
}


/** Instants before 1900-01-01T00:00Z are refused: no sensor or app recorded them. */
export const EARLIEST_INSTANT_MS = Date.UTC(1900, 0, 1);
/** Default tolerance for instants after the server's `now` (a phone clock a little ahead, not a date slip). */
export const DEFAULT_MAX_FUTURE_MS = 86_400_000;

/** Why an instant is refused, or null when it is within [1900, now + maxFutureMs]. */
export function instantProblem(epochMs: number, now: number, maxFutureMs: number = DEFAULT_MAX_FUTURE_MS): string | null {
  if (epochMs > now + maxFutureMs) return 'is in the future';
  if (epochMs < EARLIEST_INSTANT_MS) return 'is before 1900';
  return null;
}

/** The metadata's scalar values (strings, finite numbers, booleans); nested values are left out; null when none. */
export function scalarMetadata(metadata: unknown): Readonly<Record<string, MetadataValue>> | null {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return null;
  // fromEntries defines own properties, so a `__proto__` key stays an ordinary key.
  const entries = Object.entries(metadata).filter(
    (entry): entry is [string, MetadataValue] =>
      typeof entry[1] === 'string' || typeof entry[1] === 'boolean' || (typeof entry[1] === 'number' && Number.isFinite(entry[1])),
  );
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

/** The IANA zone named by the first of `keys` that holds a zone Intl knows (HealthKit's `HKTimeZone`), else null. */
export function timeZoneIn(metadata: unknown, keys: readonly string[]): string | null {
  if (typeof metadata !== 'object' || metadata === null) return null;
  for (const key of keys) {
    const zone = (metadata as Record<string, unknown>)[key];
    if (typeof zone === 'string' && zone.length <= 64 && isValidTimeZone(zone)) return zone;
  }
  return null;
}
