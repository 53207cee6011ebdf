import type { Clock } from '../../../platform/clock.js';
import { AppError } from '../../../platform/http/app-error.js';
import type { ReviewCase, ReviewComment, ReviewFilter, ReviewRepository } from './review.repository.js';

export interface ReviewWithComments extends ReviewCase {
  comments: ReviewComment[];
}

/** The human review queue: list, assign, comment, resolve. A resolved case takes no more changes. */
export class ReviewQueue {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly clock: Clock,
    /** Escalates overdue cases first, so a listing never shows a stale `escalated`. */
    private readonly escalate: () => Promise<number>,
    /** Told of each case resolved (the alerts it raised are resolved with it); must not reject. */
    private readonly onResolved: (review: ReviewCase) => Promise<void> = async () => undefined,
  ) {}

  async list(filter: ReviewFilter): Promise<ReviewCase[]> {
    await this.escalate();
    return this.reviews.list(filter);
  }

  async get(id: string): Promise<ReviewWithComments> {
    const review = await this.find(id);
    return { ...review, comments: await this.reviews.comments(id) };
  }

  async assign(id: string, assignee: string): Promise<ReviewWithComments> {
    await this.unresolved(id);
    await this.reviews.assign(id, assignee, this.clock.now().toISOString());
    return this.get(id);
  }

  async comment(id: string, authorId: string, body: string): Promise<ReviewComment> {
    await this.find(id);
    return this.reviews.addComment(id, authorId, body, this.clock.now().toISOString());
  }

  async resolve(id: string, by: string, resolution: string): Promise<ReviewWithComments> {
    const review = await this.unresolved(id);
    await this.reviews.resolve(id, by, resolution, this.clock.now().toISOString());
    await this.onResolved(review);
    return this.get(id);
  }

  private async find(id: string): Promise<ReviewCase> {
    const review = await this.reviews.get(id);
    if (!review) throw new AppError('not_found', `No review case ${id}`, { details: { review_id: id, resource_type: 'review' } });
    return review;
  }

  private async unresolved(id: string): Promise<ReviewCase> {
    const review = await this.find(id);
    if (review.status === 'resolved')
      throw new AppError('conflict', `Review case ${id} is already resolved`, { details: { review_id: id } });
    return review;
  }
}
