import { createHmac, timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import { AppError } from './app-error.js';

/** The specs' limits: default 50, at most 1000. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export const LimitQuery = Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE });
export const CursorQuery = Type.String({ minLength: 1, maxLength: 2048, description: 'opaque cursor from a previous page' });

/**
 * Opaque, tamper-proof cursors: base64url(JSON) + "." + HMAC. Each is bound to a `scope` (the endpoint and
 * its filters), so a cursor from one listing cannot be replayed against another.
 */
export class CursorCodec {
  constructor(private readonly key: Buffer) {}

  encode(scope: string, position: Record<string, string | number>): string {
    const body = Buffer.from(JSON.stringify({ s: scope, p: position })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(scope: string, cursor: string): Record<string, string | number> {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined || !this.verify(body, signature)) throw invalidCursor();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const value = parsed as { s?: unknown; p?: unknown };
    if (value.s !== scope || typeof value.p !== 'object' || value.p === null) throw invalidCursor();
    return value.p as Record<string, string | number>;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }

  private verify(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

const invalidCursor = (): AppError =>
  new AppError('bad_request', 'The cursor is invalid, expired or belongs to another query', {
    fields: [{ field: 'cursor', message: 'is not a cursor this endpoint issued', code: 'invalid_cursor' }],
    details: { location: 'querystring' },
  });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  totalCount: number;
  /** True when this page was requested with a cursor (Clarity's `has_previous`). */
  hasPrevious: boolean;
}

/** Twin style: `{data, pagination: {next_cursor, has_more, total_count}}`. */
export function twinPage<T>(page: Page<T>) {
  return {
    data: page.items,
    pagination: { next_cursor: page.nextCursor, has_more: page.nextCursor !== null, total_count: page.totalCount },
  };
}

export const TwinPagination = Type.Object({
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  has_more: Type.Boolean(),
  total_count: Type.Integer({ minimum: 0 }),
});

/** Clarity style: `pagination{page_size, has_next, has_previous, next_cursor, total_count}` plus HAL `links`. */
export function clarityPage<T>(page: Page<T>, selfUrl: URL, pageSize: number) {
  const link = (cursor?: string) => {
    const url = new URL(selfUrl);
    url.searchParams.set('limit', String(pageSize));
    if (cursor) url.searchParams.set('cursor', cursor);
    else url.searchParams.delete('cursor');
    return url.toString();
  };
  return {
    data: page.items,
    pagination: {
      page_size: pageSize,
      has_next: page.nextCursor !== null,
      has_previous: page.hasPrevious,
      next_cursor: page.nextCursor,
      total_count: page.totalCount,
    },
    links: {
      self: selfUrl.toString(),
      first: link(),
      ...(page.nextCursor ? { next: link(page.nextCursor) } : {}),
    },
  };
}

export const ClarityPagination = Type.Object({
  page_size: Type.Integer(),
  has_next: Type.Boolean(),
  has_previous: Type.Boolean(),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total_count: Type.Integer({ minimum: 0 }),
});

export const HalLinks = Type.Object({
  self: Type.String(),
  first: Type.String(),
  next: Type.Optional(Type.String()),
});
