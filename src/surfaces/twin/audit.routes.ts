import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/app-error.js';
import { deriveKey } from '../../platform/keys.js';
import { CursorCodec, CursorQuery, LimitQuery, TwinPagination, twinPage } from '../../platform/http/pagination.js';
import { principalOf, requestMeta } from '../shared/auth-hook.js';

const AuditQuery = Type.Object({
  limit: LimitQuery,
  cursor: Type.Optional(CursorQuery),
  actor_id: Type.Optional(Type.String({ maxLength: 64 })),
  user_id: Type.Optional(Type.String({ maxLength: 64, description: 'whose data the entry concerns' })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const AuditEntryView = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  action: Type.String(),
  outcome: Type.String(),
  actor_id: Nullable(Type.String()),
  actor_role: Nullable(Type.String()),
  subject_user_id: Nullable(Type.String()),
  resource_type: Nullable(Type.String()),
  resource_id: Nullable(Type.String()),
  request_id: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  details: Type.Object({}, { additionalProperties: true }),
  prev_hash: Type.String(),
  hash: Type.String(),
});

/** A position this endpoint signed; a signed cursor of the wrong shape is still refused. */
function cursorPosition(position: Record<string, string | number>): { before: number; top: number } {
  const { seq, top } = position;
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(top)) {
    throw new AppError('bad_request', 'The cursor is invalid, expired or belongs to another query', {
      fields: [{ field: 'cursor', message: 'is not a cursor this endpoint issued', code: 'invalid_cursor' }],
      details: { location: 'querystring' },
    });
  }
  return { before: seq as number, top: top as number };
}

/** Twin `/v1/audit`: the hash-chained audit trail, for auditors and admins; reading it is itself audited. */
export const twinAuditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { audit, config } = app.services;
  const cursors = new CursorCodec(deriveKey(config.SECRET_KEY, 'cursor'));

  app.get(
    '',
    {
      schema: {
        summary: 'Audit log, newest first',
        querystring: AuditQuery,
        response: { 200: Type.Object({ data: Type.Array(AuditEntryView), pagination: TwinPagination }) },
      },
      config: { auth: { roles: ['auditor', 'admin'] } },
    },
    async (request) => {
      const { limit, cursor, actor_id, user_id, action, since, until } = request.query;
      const filter = { actorId: actor_id, subjectUserId: user_id, action, since, until };
      // The cursor is bound to the filters and carries the listing's ceiling, so later pages neither
      // repeat nor skip entries and total_count stays the same while new entries are appended.
      const scope = `audit:${JSON.stringify(filter)}`;
      const position = cursor ? cursorPosition(cursors.decode(scope, cursor)) : undefined;
      const principal = principalOf(request);
      const { entries, total, upToSeq } = await audit.list(filter, {
        limit: limit + 1,
        beforeSeq: position?.before,
        upToSeq: position?.top,
      });
      const items = entries.slice(0, limit);
      const last = items.at(-1);
      await audit.record({
        action: 'audit.read',
        outcome: 'success',
        actorId: principal.userId,
        actorRole: principal.role,
        subjectUserId: user_id ?? null,
        resourceType: 'audit_log',
        requestId: request.id,
        ip: requestMeta(request).ip,
        details: { returned: items.length, page: cursor ? 'next' : 'first', filtered: Object.values(filter).some((v) => v !== undefined) },
      });
      return twinPage({
        items: items.map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> })),
        nextCursor: entries.length > limit && last ? cursors.encode(scope, { seq: last.seq, top: upToSeq }) : null,
        totalCount: total,
        hasPrevious: cursor !== undefined,
      });
    },
  );
};
