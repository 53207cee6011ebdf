import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { systemClock } from '../../platform/clock.js';
import { SPEC_EXAMPLE } from '../../../test/http/mhras-helpers.js';
import { ScreeningModelRegistry } from './model/model-registry.js';
import { noMetrics } from './screening-metrics.js';
import { ScreeningService } from './screening.service.js';
import type { ScreeningInput } from './screening-input.js';
import type * as PredictionIds from './storage/prediction-id.js';

const ids = vi.hoisted(() => ({ forced: [] as string[] }));
vi.mock('./storage/prediction-id.js', async (original) => {
  const real = await original<typeof PredictionIds>();
  return { ...real, newPredictionId: (at: Date) => ids.forced.shift() ?? real.newPredictionId(at) };
});

const input = (n: number): ScreeningInput => ({ ...SPEC_EXAMPLE, anonymized_id: `subject-${n}` }) as ScreeningInput;

describe('ScreeningService storage (group commit)', () => {
  let database: Database;
  let service: ScreeningService;

  beforeEach(async () => {
    database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    service = new ScreeningService(database.db, systemClock, new ScreeningModelRegistry(), noMetrics, {
      locale: 'en-US',
      escalationMinutes: 60,
    });
  });
  afterEach(async () => {
    ids.forced.length = 0;
    await database.close();
  });

  it('stores concurrent screenings together, each with its own prediction, review case and alert', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, n) => service.screen(input(n), 'actor')));
    expect(new Set(outcomes.map((o) => o.predictionId)).size).toBe(20);
    const rows = await database.db.selectFrom('screening_predictions').select(['id', 'anonymized_id']).execute();
    expect(rows).toHaveLength(20);
    for (const [n, outcome] of outcomes.entries()) {
      expect(rows).toContainEqual({ id: outcome.predictionId, anonymized_id: `subject-${n}` });
      if (outcome.assessment.requiresHumanReview) expect(outcome.reviewId).not.toBeNull();
    }
    const reviews = await database.db.selectFrom('screening_reviews').select('prediction_id').execute();
    expect(reviews).toHaveLength(outcomes.filter((o) => o.reviewId !== null).length);
  });

  it('redraws a colliding prediction id without losing the other screenings of the batch', async () => {
    const first = await service.screen(input(0), 'actor');
    // The second screening of the next batch draws the id already taken, then a fresh one.
    ids.forced.push('pred_20250101_000000_aaaaaa', first.predictionId);
    const outcomes = await Promise.all([1, 2, 3].map((n) => service.screen(input(n), 'actor')));
    const stored = outcomes.map((o) => o.predictionId);
    expect(new Set([first.predictionId, ...stored]).size).toBe(4);
    const count = await database.db
      .selectFrom('screening_predictions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('serves /explain recomputations that match a fresh assessment', async () => {
    const screened = await service.screen(input(7), 'actor');
    const once = await service.explain('subject-7');
    const twice = await service.explain('subject-7', screened.predictionId);
    expect(once.prediction.id).toBe(screened.predictionId);
    expect(twice.assessment.explanations).toEqual(screened.assessment.explanations);
    expect(once.assessment.explanations).toEqual(screened.assessment.explanations);
  });
});
