import type { Kysely } from 'kysely';
import type { ScreeningReviewCommentsTable, ScreeningReviewsTable, Tables } from '../../../platform/db/tables.js';
import { newId } from '../../../platform/ids.js';
import { preparedQuery } from '../../../platform/db/prepared-query.js';

export type ReviewStatus = 'open' | 'assigned' | 'resolved';

export interface ReviewComment {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ReviewCase {
  id: string;
  predictionId: string;
  anonymizedId: string;
  reason: string;
  riskLevel: string;
  status: ReviewStatus;
  createdAt: string;
  dueAt: string;
  escalatedAt: string | null;
  assignedTo: string | null;
  assignedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

const statusOf = (row: ScreeningReviewsTable): ReviewStatus => (row.resolved_at ? 'resolved' : row.assigned_to ? 'assigned' : 'open');

const toCase = (row: ScreeningReviewsTable): ReviewCase => ({
  id: row.id,
  predictionId: row.prediction_id,
  anonymizedId: row.anonymized_id,
  reason: row.reason,
  riskLevel: row.risk_level,
  status: statusOf(row),
  createdAt: row.created_at,
  dueAt: row.due_at,
  escalatedAt: row.escalated_at,
  assignedTo: row.assigned_to,
  assignedAt: row.assigned_at,
  resolvedAt: row.resolved_at,
  resolvedBy: row.resolved_by,
  resolution: row.resolution,
});

const toComment = (row: ScreeningReviewCommentsTable): ReviewComment => ({
  id: row.id,
  authorId: row.author_id,
  body: row.body,
  createdAt: row.created_at,
});

export interface ReviewFilter {
  status: ReviewStatus | 'unresolved' | 'all';
  escalatedOnly: boolean;
  limit: number;
}

type OpenedReview = Pick<
  ScreeningReviewsTable,
  'id' | 'prediction_id' | 'anonymized_id' | 'reason' | 'risk_level' | 'created_at' | 'due_at'
>;

export class ReviewRepository {
  /** On every /screen that opens a case: compiled once. */
  private readonly openQuery;

  constructor(private readonly db: Kysely<Tables>) {
    this.openQuery = preparedQuery<OpenedReview, never>(db, (param) =>
      db.insertInto('screening_reviews').values({
        id: param('id'),
        prediction_id: param('prediction_id'),
        anonymized_id: param('anonymized_id'),
        reason: param('reason'),
        risk_level: param('risk_level'),
        created_at: param('created_at'),
        due_at: param('due_at'),
        escalated_at: null,
        assigned_to: null,
        assigned_at: null,
        resolved_at: null,
        resolved_by: null,
        resolution: null,
      }),
    );
  }

  async open(
    on: Kysely<Tables>,
    review: { predictionId: string; anonymizedId: string; reason: string; riskLevel: string; createdAt: string; dueAt: string },
  ): Promise<string> {
    const id = newId('rev');
    await this.openQuery(
      {
        id,
        prediction_id: review.predictionId,
        anonymized_id: review.anonymizedId,
        reason: review.reason,
        risk_level: review.riskLevel,
        created_at: review.createdAt,
        due_at: review.dueAt,
      },
      on,
    );
    return id;
  }

  async list(filter: ReviewFilter): Promise<ReviewCase[]> {
    let query = this.db.selectFrom('screening_reviews').selectAll();
    if (filter.status === 'resolved') query = query.where('resolved_at', 'is not', null);
    else if (filter.status !== 'all') query = query.where('resolved_at', 'is', null);
    if (filter.status === 'open') query = query.where('assigned_to', 'is', null);
    if (filter.status === 'assigned') query = query.where('assigned_to', 'is not', null);
    if (filter.escalatedOnly) query = query.where('escalated_at', 'is not', null);
    const rows = await query.orderBy('due_at', 'asc').orderBy('id', 'asc').limit(filter.limit).execute();
    return rows.map(toCase);
  }

  async get(id: string): Promise<ReviewCase | null> {
    const row = await this.db.selectFrom('screening_reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCase(row) : null;
  }

  async comments(reviewId: string): Promise<ReviewComment[]> {
    const rows = await this.db
      .selectFrom('screening_review_comments')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  async assign(id: string, assignee: string, at: string): Promise<void> {
    await this.db.updateTable('screening_reviews').set({ assigned_to: assignee, assigned_at: at }).where('id', '=', id).execute();
  }

  async addComment(reviewId: string, authorId: string, body: string, at: string): Promise<ReviewComment> {
    const row: ScreeningReviewCommentsTable = { id: newId('cmt'), review_id: reviewId, author_id: authorId, body, created_at: at };
    await this.db.insertInto('screening_review_comments').values(row).execute();
    return toComment(row);
  }

  async resolve(id: string, by: string, resolution: string, at: string): Promise<void> {
    await this.db.updateTable('screening_reviews').set({ resolved_at: at, resolved_by: by, resolution }).where('id', '=', id).execute();
  }

  /** Marks every unresolved case past its due time as escalated (once) and returns those cases. */
  async escalateOverdue(now: string): Promise<ReviewCase[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('screening_reviews')
        .selectAll()
        .where('resolved_at', 'is', null)
        .where('escalated_at', 'is', null)
        .where('due_at', '<=', now)
        .execute();
      if (due.length === 0) return [];
      await trx
        .updateTable('screening_reviews')
        .set({ escalated_at: now })
        .where(
          'id',
          'in',
          due.map((row) => row.id),
        )
        .execute();
      return due.map((row) => toCase({ ...row, escalated_at: now }));
    });
  }

  async counts(): Promise<{ unresolved: number; escalated: number; resolved: number }> {
    const rows = await this.db
      .selectFrom('screening_reviews')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('resolved_at').as('resolved'),
        eb.fn.count<number>('escalated_at').as('escalated'),
      ])
      .executeTakeFirstOrThrow();
    const total = Number(rows.total);
    const resolved = Number(rows.resolved);
    return { unresolved: total - resolved, resolved, escalated: Number(rows.escalated) };
  }
}
