import { sql, type Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables.js';
import { RISK_LEVELS } from './model/model-spec.js';

/** Counts below this are withheld (null), so a small group cannot be singled out. */
export const MIN_CELL = 5;

const suppress = (count: number): number | null => (count > 0 && count < MIN_CELL ? null : count);
const BINS = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: (i + 1) * 10 }));

export interface ScreeningAggregates {
  total_screenings: number | null;
  by_risk_level: Record<string, number | null>;
  score_histogram: { from: number; to: number; count: number | null }[];
  by_model: { model: string; count: number | null }[];
  requiring_review: number | null;
  alerts_triggered: number | null;
  suppressed_below: number;
}

/** De-identified aggregates for researchers: counts only, no ids, small cells suppressed. */
export async function screeningAggregates(db: Kysely<Tables>): Promise<ScreeningAggregates> {
  const levels = await db
    .selectFrom('screening_predictions')
    .select((eb) => ['risk_level', eb.fn.countAll<number>().as('count')])
    .groupBy('risk_level')
    .execute();
  const models = await db
    .selectFrom('screening_predictions')
    .select((eb) => ['model_id', 'model_version', eb.fn.countAll<number>().as('count')])
    .groupBy(['model_id', 'model_version'])
    .execute();
  const totals = await db
    .selectFrom('screening_predictions')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>('requires_review').as('review'),
      eb.fn.sum<number>('alert_triggered').as('alerts'),
      ...BINS.map((bin, i) =>
        sql<number>`sum(case when score >= ${bin.from} and (score < ${bin.to} or ${i === BINS.length - 1 ? 1 : 0} = 1) then 1 else 0 end)`.as(
          `bin${i}`,
        ),
      ),
    ])
    .executeTakeFirstOrThrow();
  const row = totals as unknown as Record<string, number | string | null>;
  const num = (key: string): number => Number(row[key] ?? 0);
  return {
    total_screenings: suppress(num('total')),
    by_risk_level: Object.fromEntries(
      RISK_LEVELS.map((level) => [level, suppress(Number(levels.find((l) => l.risk_level === level)?.count ?? 0))]),
    ),
    score_histogram: BINS.map((bin, i) => ({ ...bin, count: suppress(num(`bin${i}`)) })),
    by_model: models.map((m) => ({ model: `${m.model_id}@${m.model_version}`, count: suppress(Number(m.count)) })),
    requiring_review: suppress(num('review')),
    alerts_triggered: suppress(num('alerts')),
    suppressed_below: MIN_CELL,
  };
}
