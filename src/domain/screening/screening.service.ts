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
import { modelKey, type RiskLevel, type ScreeningModelSpec } from './model/model-spec.js';
import type { ScreeningInput } from './screening-input.js';
import type { ScreeningMetrics } from './screening-metrics.js';
import { newPredictionId } from './storage/prediction-id.js';
import { PredictionRepository, type LatestScore, type RiskScoreView, type StoredPrediction } from './storage/prediction.repository.js';
import { ScreeningAlertStore } from './storage/screening-alerts.js';
import { ReviewRepository } from './review/review.repository.js';

export interface ScreeningSettings {
  /** Locale the resource catalogue is read in (`en-US`, `en-GB`…). */
  locale: string;
  /** How long a review case may stay open before it is escalated. */
  escalationMinutes: number;
  /** Called once a screening alert is stored (`screening_alerts`), for the alerts module to pick it up. */
  onAlertRecorded?: () => void;
  /** Called once a screening that needs human review is stored, with who submitted it. */
  onReviewOpened?: (actorId: string, review: OpenedReview) => void;
}

export interface OpenedReview {
  screeningId: string;
  reviewId: string;
  riskLevel: RiskLevel;
  /** `safety_rail` or `risk_<level>` */
  reason: string;
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

interface StoredIds {
  predictionId: string;
  reviewId: string | null;
}

interface PendingWrite {
  input: ScreeningInput;
  assessment: Assessment;
  riskScore: RiskScoreView;
  actorId: string;
  now: Date;
  resolve(ids: StoredIds): void;
  reject(error: unknown): void;
}

const reviewReason = (assessment: Assessment): string => (assessment.rail.triggered ? 'safety_rail' : `risk_${assessment.level}`);

/** How many /explain recomputations are kept. */
const EXPLAINED_CACHE_SIZE = 256;

/** The most screenings stored in one transaction. */
const MAX_WRITE_BATCH = 128;

/** Screening: consent, the model, the safety rail, storage, the review case and the alert, in one place. */
export class ScreeningService {
  readonly consents: ConsentRepository;
  readonly predictions: PredictionRepository;
  readonly reviews: ReviewRepository;
  private readonly alerts: ScreeningAlertStore;
  private readonly pendingWrites: PendingWrite[] = [];
  private draining = false;
  /** The running (or last) drain of `pendingWrites`: `close` waits for it. */
  private drained: Promise<void> = Promise.resolve();
  private closed = false;
  /**
   * Recomputed explanations by prediction id (bounded, least recently used out). A stored prediction never changes
   * and `assess` is pure over its stored input and model version, so the recomputation is the same every time.
   */
  private readonly explained = new Map<string, Assessment>();

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
    this.alerts = new ScreeningAlertStore(db);
  }

  async screen(input: ScreeningInput, actorId: string): Promise<ScreeningOutcome> {
    if (this.closed) throw closedError();
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
    if (reviewId) {
      const reason = reviewReason(assessment);
      this.metrics.reviewQueued(reason);
      this.settings.onReviewOpened?.(actorId, { screeningId: predictionId, reviewId, riskLevel: assessment.level, reason });
    }
    if (assessment.alertTriggered) {
      this.metrics.alertTriggered('critical_risk');
      this.settings.onAlertRecorded?.();
    }
    return { predictionId, reviewId, riskScore, assessment };
  }

  /**
   * Prediction, review case and alert in one transaction. Group commit, as the audit log: screenings stored in the
   * same event-loop turn share one transaction (each resolves only once committed). If that transaction fails,
   * each screening is stored again on its own, so one bad row or a prediction-id collision affects only itself.
   */
  private store(input: ScreeningInput, assessment: Assessment, riskScore: RiskScoreView, actorId: string, now: Date): Promise<StoredIds> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise<StoredIds>((resolve, reject) => {
      this.pendingWrites.push({ input, assessment, riskScore, actorId, now, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        this.drained = new Promise<void>((start) => setImmediate(start)).then(() => this.drainWrites());
      }
    });
  }

  /** Stores the screenings already queued, then refuses new ones: on shutdown, before the database closes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drained;
  }

  private async drainWrites(): Promise<void> {
    try {
      while (this.pendingWrites.length > 0) {
        const batch = this.pendingWrites.splice(0, MAX_WRITE_BATCH);
        let stored: StoredIds[];
        try {
          stored = await this.db.transaction().execute(async (trx) => {
            const out: StoredIds[] = [];
            for (const w of batch) {
              const predictionId = newPredictionId(w.now);
              const reviewId = await this.insertAll(predictionId, w.input, w.assessment, w.riskScore, w.actorId, w.now, trx);
              out.push({ predictionId, reviewId });
            }
            return out;
          });
        } catch (error) {
          // A constraint (an id collision, a bad row) is one screening's problem: store each on its own. Anything
          // else (the database busy or gone) is everyone's: fail the batch rather than wait it out once per row.
          if (!isConstraintViolation(error)) {
            for (const w of batch) w.reject(error);
            continue;
          }
          for (const w of batch) await this.storeAlone(w).then(w.resolve, w.reject);
          continue;
        }
        batch.forEach((w, i) => w.resolve(stored[i]!));
      }
    } finally {
      this.draining = false;
    }
  }

  /** One screening in its own transaction; a prediction id taken in the same second is drawn again. */
  private async storeAlone(w: PendingWrite): Promise<StoredIds> {
    for (let attempt = 1; ; attempt++) {
      const predictionId = newPredictionId(w.now);
      try {
        const reviewId = await this.db
          .transaction()
          .execute((trx) => this.insertAll(predictionId, w.input, w.assessment, w.riskScore, w.actorId, w.now, trx));
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
    trx: Kysely<Tables>,
  ): Promise<string | null> {
    const spec = assessment.spec;
    const createdAt = now.toISOString();
    await this.predictions.insert(
      {
        id: predictionId,
        anonymized_id: input.anonymized_id,
        created_at: createdAt,
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
          reason: reviewReason(assessment),
          riskLevel: assessment.level,
          createdAt,
          dueAt: new Date(now.getTime() + this.settings.escalationMinutes * 60_000).toISOString(),
        })
      : null;
    if (assessment.alertTriggered) {
      await this.alerts.record(trx, {
        kind: 'critical_risk',
        prediction_id: predictionId,
        review_id: review,
        anonymized_id: input.anonymized_id,
        risk_level: assessment.level,
        score: assessment.modelScore.score,
        model: modelKey(spec),
        created_at: createdAt,
      });
    }
    return review;
  }

  async latest(anonymizedId: string): Promise<LatestScore> {
    const found = await this.predictions.latestScore(anonymizedId);
    if (!found) throw notFound(anonymizedId);
    return found;
  }

  /** Recomputes the explanations of a stored prediction with the model version that made it. */
  async explain(anonymizedId: string, predictionId?: string): Promise<ExplainedPrediction> {
    const prediction = predictionId ? await this.predictions.byId(anonymizedId, predictionId) : await this.predictions.latest(anonymizedId);
    if (!prediction) throw notFound(anonymizedId, predictionId);
    let assessment = this.explained.get(prediction.id);
    if (assessment) {
      // Most recently used last.
      this.explained.delete(prediction.id);
    } else {
      assessment = assess(this.modelFor(prediction), prediction.input, { locale: this.settings.locale });
      if (this.explained.size >= EXPLAINED_CACHE_SIZE) this.explained.delete(this.explained.keys().next().value!);
    }
    this.explained.set(prediction.id, assessment);
    return { prediction, assessment };
  }

  /** Escalates review cases open past their due time, recording an alert for each (the alerts issue delivers them). */
  async escalateOverdue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const escalated = await this.reviews.escalateOverdue(now);
    for (const review of escalated) {
      const prediction = await this.predictions.byId(review.anonymizedId, review.predictionId);
      await this.alerts.record(this.db, {
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
    if (escalated.length > 0) this.settings.onAlertRecorded?.();
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

/** SQLite `SQLITE_CONSTRAINT_*`, PostgreSQL class 23 (integrity constraint violation). */
function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isUniqueViolation(error) || (typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code)));
}

const closedError = (): Error => new Error('screening service is closed (shutting down): the screening was not stored');

function notFound(anonymizedId: string, predictionId?: string): AppError {
  return predictionId
    ? new AppError('not_found', `No prediction ${predictionId} found for ${anonymizedId}`, {
        details: { anonymized_id: anonymizedId, prediction_id: predictionId, resource_type: 'prediction' },
      })
    : new AppError('not_found', `No risk score found for ${anonymizedId}`, {
        details: { anonymized_id: anonymizedId, resource_type: 'risk_score' },
      });
}
