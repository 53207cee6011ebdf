import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from './app-error.js';
import { CursorCodec, DEFAULT_PAGE_SIZE, LimitQuery, MAX_PAGE_SIZE, clarityPage, twinPage } from './pagination.js';

const KEY = Buffer.from('cursor-test-key-0123456789abcdef');
const codec = new CursorCodec(KEY);
const SCOPE = 'audit:user=42';

/** Decodes and reports whether the codec refused the cursor the way endpoints expect (400 naming `cursor`). */
function refused(cursor: string, scope = SCOPE): boolean {
  try {
    codec.decode(scope, cursor);
    return false;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.status).toBe(400);
    expect(error.fields[0]?.field).toBe('cursor');
    return true;
  }
}

/** A cursor signed with the right key around any body: lets tests reach the checks behind the signature. */
function signedWith(body: string): string {
  const encoded = Buffer.from(body).toString('base64url');
  return `${encoded}.${createHmac('sha256', KEY).update(encoded).digest().subarray(0, 16).toString('base64url')}`;
}

const position = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  ),
  { minKeys: 1, maxKeys: 5 },
);

describe('CursorCodec', () => {
  it('round-trips a position', () => {
    const cursor = codec.encode(SCOPE, { at: '2025-01-02T03:04:05Z', id: 981 });
    expect(codec.decode(SCOPE, cursor)).toEqual({ at: '2025-01-02T03:04:05Z', id: 981 });
  });

  it('is URL-safe text with no padding', () => {
    expect(codec.encode(SCOPE, { id: 'ÿÿÿ???' })).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor whose body was changed', () => {
    const [, signature] = codec.encode(SCOPE, { id: 1 }).split('.');
    const forged = `${Buffer.from(JSON.stringify({ s: SCOPE, p: { id: 2 } })).toString('base64url')}.${signature}`;
    expect(refused(forged)).toBe(true);
  });

  it('refuses a cursor whose signature was changed', () => {
    const [body, signature] = codec.encode(SCOPE, { id: 1 }).split('.');
    expect(refused(`${body}.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`)).toBe(true);
    expect(refused(`${body}.`)).toBe(true);
    expect(refused(`${body}`)).toBe(true);
  });

  it('refuses a cursor issued for another scope', () => {
    const cursor = codec.encode(SCOPE, { id: 1 });
    expect(refused(cursor, 'audit:user=43')).toBe(true);
  });

  it('refuses a cursor signed with another key', () => {
    const cursor = new CursorCodec(Buffer.from('another-key-entirely-0123456789ab')).encode(SCOPE, { id: 1 });
    expect(refused(cursor)).toBe(true);
  });

  it.each(['', '.', '..', 'garbage', 'a.b.c', 'eyJpZCI6MTIzNDU2fQ==', '%%%.%%%', 'x'.repeat(3000)])('refuses garbage %#', (cursor) => {
    expect(refused(cursor)).toBe(true);
  });

  it('refuses a correctly signed body that is not a cursor', () => {
    expect(refused(signedWith('not json'))).toBe(true);
    expect(refused(signedWith(JSON.stringify({ s: SCOPE, p: null })))).toBe(true);
    expect(refused(signedWith(JSON.stringify({ s: SCOPE, p: 'id=1' })))).toBe(true);
    expect(refused(signedWith(JSON.stringify({ s: SCOPE })))).toBe(true);
    expect(refused(signedWith(JSON.stringify({ s: SCOPE, p: { id: 1 } })))).toBe(false);
  });

  it('round-trips any position (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), position, (scope, at) => {
        expect(codec.decode(scope, codec.encode(scope, at))).toEqual(at);
      }),
    );
  });

  it('refuses any single-character change (property)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    fc.assert(
      fc.property(position, fc.nat(), fc.nat(), (at, where, replacement) => {
        const cursor = codec.encode(SCOPE, at);
        const index = where % cursor.length;
        const candidates = [...alphabet].filter((c) => c !== cursor[index]);
        const changed = `${cursor.slice(0, index)}${candidates[replacement % candidates.length]}${cursor.slice(index + 1)}`;
        expect(refused(changed)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('limits', () => {
  it('default to 50 and cap at 1000, as both specs say', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(MAX_PAGE_SIZE).toBe(1000);
    expect(LimitQuery).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000, default: 50 });
  });
});

describe('twinPage', () => {
  it('has data and pagination{next_cursor, has_more, total_count}', () => {
    expect(twinPage({ items: [1, 2], nextCursor: 'abc.def', totalCount: 7, hasPrevious: false })).toEqual({
      data: [1, 2],
      pagination: { next_cursor: 'abc.def', has_more: true, total_count: 7 },
    });
  });

  it('says there is no more on the last page', () => {
    expect(twinPage({ items: [], nextCursor: null, totalCount: 0, hasPrevious: true }).pagination).toEqual({
      next_cursor: null,
      has_more: false,
      total_count: 0,
    });
  });
});

describe('clarityPage', () => {
  const self = new URL('https://api.example.test/api/v1/health-data?limit=2&type=steps');

  it('has data, pagination{page_size, has_next, has_previous, next_cursor, total_count} and HAL links', () => {
    const page = clarityPage({ items: ['a', 'b'], nextCursor: 'n.xt', totalCount: 5, hasPrevious: false }, self, 2);
    expect(page.data).toEqual(['a', 'b']);
    expect(page.pagination).toEqual({ page_size: 2, has_next: true, has_previous: false, next_cursor: 'n.xt', total_count: 5 });
    expect(page.links.self).toBe(self.toString());
    const next = new URL(page.links.next!);
    expect(next.searchParams.get('cursor')).toBe('n.xt');
    expect(next.searchParams.get('limit')).toBe('2');
    expect(next.searchParams.get('type')).toBe('steps');
    const first = new URL(page.links.first);
    expect(first.searchParams.has('cursor')).toBe(false);
    expect(first.searchParams.get('type')).toBe('steps');
  });

  it('drops the cursor from `first` and omits `next` on the last page', () => {
    const current = new URL('https://api.example.test/api/v1/health-data?limit=2&cursor=prev.sig');
    const page = clarityPage({ items: ['e'], nextCursor: null, totalCount: 5, hasPrevious: true }, current, 2);
    expect(page.pagination).toMatchObject({ has_next: false, has_previous: true, next_cursor: null });
    expect(page.links).not.toHaveProperty('next');
    expect(page.links.first).toBe('https://api.example.test/api/v1/health-data?limit=2');
    expect(page.links.self).toBe(current.toString());
  });
});
