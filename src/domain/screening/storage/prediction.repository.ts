import type { Kysely } from 'kysely';
import { preparedQuery } from '../../../platform/db/prepared-query.js';
import type { ScreeningPredictionsTable, Tables } from '../../../platform/db/tables.js';
import type { RiskLevel } from '../model/model-spec.js';
import type { ScreeningInput } from '../screening-input.js';

/** The spec's `risk_score` object, as stored and served by GET /risk-score. */
export interface RiskScoreView {
  anonymized_id: string;
  score: number;
  risk_level: RiskLevel;
  confidence: number;
  contributing_factors: string[];
  timestamp: string;
}

export interface StoredPrediction {
  id: string;
  anonymizedId: string;
  createdAt: string;
  modelId: string;
  modelVersion: string;
  riskScore: RiskScoreView;
  /** The request as received (survey, wearable and EMR data): what /explain recomputes from. */
  input: ScreeningInput;
  requiresReview: boolean;
  alertTriggered: boolean;
}

const toStored = (row: ScreeningPredictionsTable): StoredPrediction => ({
  id: row.id,
  anonymizedId: row.anonymized_id,
  createdAt: row.created_at,
  modelId: row.model_id,
  modelVersion: row.model_version,
  riskScore: JSON.parse(row.risk_score) as RiskScoreView,
  input: JSON.parse(row.inputs) as ScreeningInput,
  requiresReview: row.requires_review === 1,
  alertTriggered: row.alert_triggered === 1,
});

/** Stored screenings. Every row keeps the model id and version that produced it. */
export class PredictionRepository {
  /** On every GET /risk-score: compiled once. */
  private readonly latestQuery;

  constructor(private readonly db: Kysely<Tables>) {
    this.latestQuery = preparedQuery<{ anonymizedId: string }, ScreeningPredictionsTable>(db, (param) =>
      db
        .selectFrom('screening_predictions')
        .selectAll()
        .where('anonymized_id', '=', param('anonymizedId'))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
  }

  insert(row: ScreeningPredictionsTable, on: Kysely<Tables> = this.db): Promise<unknown> {
    return on.insertInto('screening_predictions').values(row).execute();
  }

  async latest(anonymizedId: string): Promise<StoredPrediction | null> {
    const [row] = await this.latestQuery({ anonymizedId });
    return row ? toStored(row) : null;
  }

  async byId(anonymizedId: string, predictionId: string): Promise<StoredPrediction | null> {
    const row = await this.db
      .selectFrom('screening_predictions')
      .selectAll()
      .where('id', '=', predictionId)
      .where('anonymized_id', '=', anonymizedId)
      .executeTakeFirst();
    return row ? toStored(row) : null;
  }
}
