import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/tables.js';
import { extractRules } from './explain/rule-extraction.js';
import { ScreeningModelRegistry, type ModelRegistryOptions } from './model/model-registry.js';
import { ReviewQueue } from './review/review-queue.js';
import type { ReviewCase } from './review/review.repository.js';
import type { ScreeningMetrics } from './screening-metrics.js';
import { ScreeningService, type ScreeningSettings } from './screening.service.js';

export interface Screening {
  service: ScreeningService;
  reviews: ReviewQueue;
  registry: ScreeningModelRegistry;
}

export function createScreening(
  db: Kysely<Tables>,
  clock: Clock,
  metrics: ScreeningMetrics,
  options: ScreeningSettings & ModelRegistryOptions & { onReviewResolved?: (review: ReviewCase) => Promise<void> },
): Screening {
  const registry = new ScreeningModelRegistry({ extraDirectory: options.extraDirectory, active: options.active });
  // Rule extraction fits a tree once per model version: do it now, not on the first request.
  extractRules(registry.active);
  const service = new ScreeningService(db, clock, registry, metrics, {
    locale: options.locale,
    escalationMinutes: options.escalationMinutes,
    onAlertRecorded: options.onAlertRecorded,
    onReviewOpened: options.onReviewOpened,
  });
  const reviews = new ReviewQueue(service.reviews, clock, () => service.escalateOverdue(), options.onReviewResolved);
  return { service, registry, reviews };
}
