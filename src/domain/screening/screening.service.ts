import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/tables.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { AppError } from '../../platform/http/app-error.js';
import { assess, type Assessment } from './assessment.js';
import { checkConsent } from './consent/consent-check.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { checkConsistency } from './input-consistency.js';
import type { ScreeningModelRegistry } from './model/model-registry.js';
import { modelKey, type ScreeningModelSpec } from './model/model-spec.js';
import type { ScreeningInput } from './screening-input.js';
import type { ScreeningMetrics } from './screening-metrics.js';
import { newPredictionId } from './storage/prediction-id.js';
import { PredictionRepository, type RiskScoreView, type StoredPrediction } from './storage/prediction.repository.js';
import { recordAlert } from './storage/screening-alerts.js';
import { ReviewRepository } from './review/review.repository.js';

export interface ScreeningSettings {
  /** Locale the resource catalogue is read in (`en-US`, `en-GB`…). */
  locale: string;
  /** How long a review case may stay open before it is escalated. */
  escalationMinutes: number;
}

export interface ScreeningOutcome {
  predictionId: string;
  reviewId: string | null;
  riskScore: RiskScoreView;
  assessment: Assessment;
}

export interface ExplainedPrediction {
  prediction: StoredPrediction;
  assessment: Assessment;
}

/** Screening: consent, the model, the safety rail, storage, the review case and the alert, in one place. */
export class ScreeningService {
  readonly consents: ConsentRepository;
  readonly predictions: PredictionRepository;
  readonly reviews: ReviewRepository;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    readonly registry: ScreeningModelRegistry,
    private readonly metrics: ScreeningMetrics,
    private readonly settings: ScreeningSettings,
  ) {
    this.consents = new ConsentRepository(db);
    this.predictions = new PredictionRepository(db);
    this.reviews = new ReviewRepository(db);
  }

  async screen(input: ScreeningInput, actorId: string): Promise<ScreeningOutcome> {
    checkConsistency(input);
    checkConsent(input, await this.consents.current(input.anonymized_id), this.clock.now());
    const spec = this.registry.active;
    const started = performance.now();
    const assessment = assess(spec, input, { locale: this.settings.locale });
    this.metrics.observeInference((performance.now() - started) / 1000, modelKey(spec));

    const now = this.clock.now();
    const riskScore = this.riskScoreView(input.anonymized_id, assessment, now);
    const { predictionId, reviewId } = await this.store(input, assessment, riskScore, actorId, now);
    this.metrics.observeRiskScore(assessment.modelScore.score, assessment.level);
    if (reviewId) this.metrics.reviewQueued(assessment.rail.triggered ? 'safety_rail' : `risk_${assessment.level}`);
    if (assessment.alertTriggered) this.metrics.alertTriggered('critical_risk');
    return { predictionId, reviewId, riskScore, assessment };
  }

  /** Prediction, review case and alert in one transaction; a prediction id taken in the same second is drawn again. */
  private async store(
    input: ScreeningInput,
    assessment: Assessment,
    riskScore: RiskScoreView,
    actorId: string,
    now: Date,
  ): Promise<{ predictionId: string; reviewId: string | null }> {
    const spec = assessment.spec;
    for (let attempt = 1; ; attempt++) {
      const predictionId = newPredictionId(now);
      try {
        const reviewId = await this.insertAll(predictionId, input, assessment, riskScore, actorId, now, spec);
        return { predictionId, reviewId };
      } catch (error) {
        if (attempt >= 3 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  private async insertAll(
    predictionId: string,
    input: ScreeningInput,
    assessment: Assessment,
    riskScore: RiskScoreView,
    actorId: string,
    now: Date,
    spec: ScreeningModelSpec,
  ): Promise<string | null> {
    return await this.db.transaction().execute(async (trx) => {
      await this.predictions.insert(
        {
          id: predictionId,
          anonymized_id: input.anonymized_id,
          created_at: now.toISOString(),
          model_id: spec.id,
          model_version: spec.version,
          score: assessment.modelScore.score,
          risk_level: assessment.level,
          model_level: assessment.modelScore.level,
          confidence: assessment.modelScore.confidence,
          requires_review: Number(assessment.requiresHumanReview),
          alert_triggered: Number(assessment.alertTriggered),
          safety_rail: Number(assessment.rail.triggered),
          inputs: JSON.stringify(input),
          risk_score: JSON.stringify(riskScore),
          actor_id: actorId,
        },
        trx,
      );
      const review = assessment.requiresHumanReview
        ? await this.reviews.open(trx, {
            predictionId,
            anonymizedId: input.anonymized_id,
            reason: assessment.rail.triggered ? 'safety_rail' : `risk_${assessment.level}`,
            riskLevel: assessment.level,
            createdAt: now.toISOString(),
            dueAt: new Date(now.getTime() + this.settings.escalationMinutes * 60_000).toISOString(),
          })
        : null;
      if (assessment.alertTriggered) {
        await recordAlert(trx, {
          kind: 'critical_risk',
          prediction_id: predictionId,
          review_id: review,
          anonymized_id: input.anonymized_id,
          risk_level: assessment.level,
          score: assessment.modelScore.score,
          model: modelKey(spec),
          created_at: now.toISOString(),
        });
      }
      return review;
    });
  }

  async latest(anonymizedId: string): Promise<StoredPrediction> {
    const found = await this.predictions.latest(anonymizedId);
    if (!found) throw notFound(anonymizedId);
    return found;
  }

  /** Recomputes the explanations of a stored prediction with the model version that made it. */
  async explain(anonymizedId: string, predictionId?: string): Promise<ExplainedPrediction> {
    const prediction = predictionId ? await this.predictions.byId(anonymizedId, predictionId) : await this.predictions.latest(anonymizedId);
    if (!prediction) throw notFound(anonymizedId, predictionId);
    const spec = this.modelFor(prediction);
    return { prediction, assessment: assess(spec, prediction.input, { locale: this.settings.locale }) };
  }

  /** Escalates review cases open past their due time, recording an alert for each (the alerts issue delivers them). */
  async escalateOverdue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const escalated = await this.reviews.escalateOverdue(now);
    for (const review of escalated) {
      const prediction = await this.predictions.byId(review.anonymizedId, review.predictionId);
      await recordAlert(this.db, {
        kind: 'review_overdue',
        prediction_id: review.predictionId,
        review_id: review.id,
        anonymized_id: review.anonymizedId,
        risk_level: review.riskLevel,
        score: prediction?.riskScore.score ?? null,
        model: prediction ? `${prediction.modelId}@${prediction.modelVersion}` : 'unknown',
        created_at: now,
      });
      this.metrics.alertTriggered('review_overdue');
    }
    return escalated.length;
  }

  private modelFor(prediction: StoredPrediction): ScreeningModelSpec {
    const spec = this.registry.get(prediction.modelId, prediction.modelVersion);
    if (!spec) {
      throw new AppError(
        'unavailable',
        `Model inference error: model ${prediction.modelId} version ${prediction.modelVersion} is not loaded`,
        {
          details: {
            model_id: `${prediction.modelId}_v${prediction.modelVersion}`,
            reason: 'Model version not registered',
            fallback_attempted: false,
          },
        },
      );
    }
    return spec;
  }

  private riskScoreView(anonymizedId: string, assessment: Assessment, now: Date): RiskScoreView {
    return {
      anonymized_id: anonymizedId,
      score: assessment.modelScore.score,
      risk_level: assessment.level,
      confidence: assessment.modelScore.confidence,
      contributing_factors: assessment.contributingFactors,
      timestamp: now.toISOString(),
    };
  }
}

function notFound(anonymizedId: string, predictionId?: string): AppError {
  return predictionId
    ? new AppError('not_found', `No prediction ${predictionId} found for ${anonymizedId}`, {
        details: { anonymized_id: anonymizedId, prediction_id: predictionId, resource_type: 'prediction' },
      })
    : new AppError('not_found', `No risk score found for ${anonymizedId}`, {
        details: { anonymized_id: anonymizedId, resource_type: 'risk_score' },
      });
}
