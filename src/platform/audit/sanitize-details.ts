import type { AuditEvent } from './audit.port.js';

type Details = NonNullable<AuditEvent['details']>;

const MAX_TEXT = 200;
const EMAIL = /[^\s@"]+@[^\s@"]+\.[^\s@"]+/;
/** A JWT, one of our refresh tokens or a bearer header: a credential, never audit material. */
const TOKEN = /eyJ[\w-]{8,}\.[\w-]{8,}|\brt_[\w-]{16,}|\bbearer\s+\S{16,}/i;

/**
 * Defence in depth for the rule on `AuditEvent.details` (no contact details, secrets or health values):
 * text that looks like an email address or a credential is replaced before it is chained into the log,
 * where it could never be removed again, and long text is cut short. Numbers and flags pass unchanged.
 */
export function sanitizeDetails(details: Details | undefined): Details {
  const clean: Details = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value !== 'string') clean[key] = value;
    else if (EMAIL.test(value)) clean[key] = '[redacted: email address]';
    else if (TOKEN.test(value)) clean[key] = '[redacted: credential]';
    else clean[key] = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  }
  return clean;
}
