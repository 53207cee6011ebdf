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

/** What GET /risk-score serves: the stored score and its provenance, without the inputs. */
export type LatestScore = Pick<StoredPrediction, 'id' | 'anonymizedId' | 'modelId' | 'modelVersion' | 'riskScore'>;

type LatestScoreRow = Pick<ScreeningPredictionsTable, 'id' | 'anonymized_id' | 'model_id' | 'model_version' | 'risk_score'>;

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

/** A row as a plain type (preparedQuery's parameters need an index signature, which an interface lacks). */
type PredictionRow = { [K in keyof ScreeningPredictionsTable]: ScreeningPredictionsTable[K] };

/** Stored screenings. Every row keeps the model id and version that produced it. */
export class PredictionRepository {
  /** On every GET /risk-score: compiled once. */
  private readonly latestQuery;
  /** On every GET /risk-score (only the columns it serves): compiled once. */
  private readonly latestScoreQuery;
  /** On every POST /screen: compiled once. */
  private readonly insertQuery;

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
    this.latestScoreQuery = preparedQuery<{ anonymizedId: string }, LatestScoreRow>(db, (param) =>
      db
        .selectFrom('screening_predictions')
        .select(['id', 'anonymized_id', 'model_id', 'model_version', 'risk_score'])
        .where('anonymized_id', '=', param('anonymizedId'))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
    this.insertQuery = preparedQuery<PredictionRow, never>(db, (param) =>
      db.insertInto('screening_predictions').values({
        id: param('id'),
        anonymized_id: param('anonymized_id'),
        created_at: param('created_at'),
        model_id: param('model_id'),
        model_version: param('model_version'),
        score: param('score'),
        risk_level: param('risk_level'),
        model_level: param('model_level'),
        confidence: param('confidence'),
        requires_review: param('requires_review'),
        alert_triggered: param('alert_triggered'),
        safety_rail: param('safety_rail'),
        inputs: param('inputs'),
        risk_score: param('risk_score'),
        actor_id: param('actor_id'),
      }),
    );
  }

  insert(row: ScreeningPredictionsTable, on: Kysely<Tables> = this.db): Promise<unknown> {
    return this.insertQuery(row, on);
  }

  async latest(anonymizedId: string): Promise<StoredPrediction | null> {
    const [row] = await this.latestQuery({ anonymizedId });
    return row ? toStored(row) : null;
  }

  /** The newest prediction's score, as `latest` finds it, without reading or parsing its inputs. */
  async latestScore(anonymizedId: string): Promise<LatestScore | null> {
    const [row] = await this.latestScoreQuery({ anonymizedId });
    return row
      ? {
          id: row.id,
          anonymizedId: row.anonymized_id,
          modelId: row.model_id,
          modelVersion: row.model_version,
          riskScore: JSON.parse(row.risk_score) as RiskScoreView,
        }
      : null;
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
