import { describe, expect, it } from 'vitest';
import { sanitizeDetails } from './sanitize-details.js';

describe('sanitizeDetails', () => {
  it('keeps ordinary details as they are', () => {
    const details = {
      reason: 'bad_credentials',
      locked: false,
      attempts: 3,
      fields: 'heightCm,weightKg',
      sha256: 'ab'.repeat(32),
      none: null,
    };
    expect(sanitizeDetails(details)).toEqual(details);
    expect(sanitizeDetails(undefined)).toEqual({});
  });

  it('redacts email addresses and credentials wherever they appear in a value', () => {
    expect(
      sanitizeDetails({
        to: 'Ada.Lovelace+x@example.org',
        note: 'sent to ada@example.org today',
        jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3IifQ.c2lnbmF0dXJl',
        refresh: 'rt_0123456789abcdefghijABCDEFGHIJ',
        header: 'Bearer abcdefghijklmnopqrstuvwxyz',
      }),
    ).toEqual({
      to: '[redacted: email address]',
      note: '[redacted: email address]',
      jwt: '[redacted: credential]',
      refresh: '[redacted: credential]',
      header: '[redacted: credential]',
    });
  });

  it('cuts long text short', () => {
    const long = 'word '.repeat(100);
    const clean = sanitizeDetails({ long }).long as string;
    expect(clean).toHaveLength(201);
    expect(clean.endsWith('…')).toBe(true);
  });
});
