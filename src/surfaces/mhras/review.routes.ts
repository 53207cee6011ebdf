import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ReviewCase, ReviewComment, ReviewWithComments } from '../../domain/screening/index.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditScreening, MHRAS_ROLES } from './screening-audit.js';

const Comment = Type.Object({
  comment_id: Type.String(),
  author_id: Type.String(),
  comment: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const ReviewFields = {
  review_id: Type.String(),
  prediction_id: Type.String(),
  anonymized_id: Type.String(),
  reason: Type.String({ description: 'safety_rail, risk_high or risk_critical' }),
  risk_level: Type.String(),
  status: Type.Enum(['open', 'assigned', 'resolved']),
  created_at: Type.String({ format: 'date-time' }),
  due_at: Type.String({ format: 'date-time', description: 'escalated when still unresolved at this time' }),
  escalated: Type.Boolean(),
  escalated_at: NullableTime,
  assigned_to: Type.Union([Type.String(), Type.Null()]),
  assigned_at: NullableTime,
  resolved_at: NullableTime,
  resolved_by: Type.Union([Type.String(), Type.Null()]),
  resolution: Type.Union([Type.String(), Type.Null()]),
};
const Review = Type.Object(ReviewFields);
const ReviewDetail = Type.Object({ ...ReviewFields, comments: Type.Array(Comment) });
const ReviewList = Type.Object({ reviews: Type.Array(Review), count: Type.Integer() });
const Params = Type.Object({ review_id: Type.String({ minLength: 1, maxLength: 64 }) });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Enum(['unresolved', 'open', 'assigned', 'resolved', 'all'], { default: 'unresolved' })),
  escalated: Type.Optional(Type.Boolean({ default: false })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
const AssignBody = Type.Object(
  { assignee_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
const CommentBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
const ResolveBody = Type.Object({ resolution: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });

const reviewView = (r: ReviewCase) => ({
  review_id: r.id,
  prediction_id: r.predictionId,
  anonymized_id: r.anonymizedId,
  reason: r.reason,
  risk_level: r.riskLevel,
  status: r.status,
  created_at: r.createdAt,
  due_at: r.dueAt,
  escalated: r.escalatedAt !== null,
  escalated_at: r.escalatedAt,
  assigned_to: r.assignedTo,
  assigned_at: r.assignedAt,
  resolved_at: r.resolvedAt,
  resolved_by: r.resolvedBy,
  resolution: r.resolution,
});
const commentView = (c: ReviewComment) => ({ comment_id: c.id, author_id: c.authorId, comment: c.body, created_at: c.createdAt });
const detailView = (r: ReviewWithComments) => ({ ...reviewView(r), comments: r.comments.map(commentView) });

/** The human review queue: cases opened by the safety rail or a high/critical result. */
export const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { reviews } = app.services.screening;
  const reviewer = { auth: { roles: MHRAS_ROLES.review } };

  app.get(
    '/reviews',
    {
      schema: {
        summary: 'Review cases (unresolved by default), most overdue first',
        querystring: ListQuery,
        response: { 200: ReviewList },
      },
      config: { auth: { roles: MHRAS_ROLES.read } },
    },
    async (request) => {
      const { status = 'unresolved', escalated = false, limit = 100 } = request.query;
      const list = await reviews.list({ status, escalatedOnly: escalated, limit });
      await auditScreening(request, 'screening.review.list', { type: 'screening_review' }, { status, count: list.length });
      return { reviews: list.map(reviewView), count: list.length };
    },
  );

  app.get(
    '/reviews/:review_id',
    {
      schema: { summary: 'One review case with its comments', params: Params, response: { 200: ReviewDetail } },
      config: { auth: { roles: MHRAS_ROLES.read } },
    },
    async (request) => {
      const review = await reviews.get(request.params.review_id);
      await auditScreening(
        request,
        'screening.review.read',
        { type: 'screening_review', id: review.id },
        { anonymized_id: review.anonymizedId },
      );
      return detailView(review);
    },
  );

  app.post(
    '/reviews/:review_id/assign',
    {
      schema: { summary: 'Assign a case (to yourself by default)', params: Params, body: AssignBody, response: { 200: ReviewDetail } },
      config: reviewer,
    },
    async (request) => {
      const assignee = request.body.assignee_id ?? principalOf(request).userId;
      const review = await reviews.assign(request.params.review_id, assignee);
      await auditScreening(
        request,
        'screening.review.assign',
        { type: 'screening_review', id: review.id },
        { anonymized_id: review.anonymizedId, assignee },
      );
      return detailView(review);
    },
  );

  app.post(
    '/reviews/:review_id/comments',
    { schema: { summary: 'Comment on a case', params: Params, body: CommentBody, response: { 201: Comment } }, config: reviewer },
    async (request, reply) => {
      const comment = await reviews.comment(request.params.review_id, principalOf(request).userId, request.body.comment);
      await auditScreening(
        request,
        'screening.review.comment',
        { type: 'screening_review', id: request.params.review_id },
        { comment_id: comment.id },
      );
      return reply.code(201).send(commentView(comment));
    },
  );

  app.post(
    '/reviews/:review_id/resolve',
    { schema: { summary: 'Resolve a case', params: Params, body: ResolveBody, response: { 200: ReviewDetail } }, config: reviewer },
    async (request) => {
      const review = await reviews.resolve(request.params.review_id, principalOf(request).userId, request.body.resolution);
      await auditScreening(
        request,
        'screening.review.resolve',
        { type: 'screening_review', id: review.id },
        { anonymized_id: review.anonymizedId },
      );
      return detailView(review);
    },
  );
};
