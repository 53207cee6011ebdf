/**
 * What the server tells the outside when work on a person's data ends: the person's real-time channel
 * (PersonEvents) and their webhooks. Producers (uploads, imports, the twin) take these callbacks, so the domain
 * modules stay unaware of each other. Announcing never fails the work it reports on: errors are logged (event type
 * only, never data) and dropped.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AnalysisEvents } from './domain/actigraphy/index.js';
import type { Alert } from './domain/alerts/index.js';
import type { ImportListener } from './domain/ingest/apple-health-import/index.js';
import type { IngestBatch } from './domain/observations/index.js';
import type { PersonEvents } from './domain/realtime/index.js';
import type { OpenedReview } from './domain/screening/index.js';
import { TWIN_NAMES, type Computed } from './domain/twin/index.js';
import { riskLevelOf } from './domain/twin/risk/index.js';
import type { EventPayload, EventType, Webhooks } from './domain/webhooks/index.js';
import type { Clock } from './platform/clock.js';

/** At most one progress event per import per this many ms: a 1 GB import checkpoints thousands of times. */
export const PROGRESS_EVENT_INTERVAL_MS = 1000;

export class Announcements {
  private readonly lastProgress = new Map<string, number>();

  constructor(
    private readonly events: PersonEvents,
    private readonly webhooks: Webhooks,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    /** told of each new alert too (notifications by email, push, SMS); must not throw */
    private readonly onAlert?: (personId: string, alert: Alert) => void,
  ) {}

  uploadFinished = (batch: IngestBatch): void => {
    if (batch.kind !== 'clarity_upload' && batch.kind !== 'healthkit_upload') return;
    const status = batch.state === 'completed' ? 'completed' : 'failed';
    const counts = { stored: batch.stored, duplicates: batch.duplicates, failed_items: batch.failedItems };
    void this.events.emit(batch.personId, { type: 'upload.completed', data: { upload_id: batch.id, kind: batch.kind, status, ...counts } });
    if (status !== 'completed') return;
    const hook = { records_stored: batch.stored, duplicates_skipped: batch.duplicates };
    this.webhook(batch.personId, 'upload.completed', { upload_id: batch.id, kind: batch.kind, ...hook, failed_records: batch.failedItems });
    this.webhook(batch.personId, 'device_sync', { batch_id: batch.id, source_kind: batch.kind, ...hook, synced_at: this.now() });
  };

  readonly imports: ImportListener = {
    progress: (batch, progress) => {
      const now = this.clock.now().getTime();
      if (now - (this.lastProgress.get(batch.id) ?? 0) < PROGRESS_EVENT_INTERVAL_MS) return;
      this.lastProgress.set(batch.id, now);
      void this.events.emit(batch.personId, {
        type: 'import.progress',
        data: {
          import_id: batch.id,
          bytes_done: progress.xmlBytesDone,
          bytes_total: progress.xmlBytesTotal,
          samples_done: progress.samplesDone,
        },
      });
    },
    finished: (batch, result) => {
      this.lastProgress.delete(batch.id);
      const { stored, duplicates } = result;
      void this.events.emit(batch.personId, {
        type: 'import.completed',
        data: { import_id: batch.id, status: result.state, stored, duplicates, error_code: result.errorCode },
      });
      if (result.state === 'completed') {
        const data = {
          import_id: batch.id,
          records_stored: stored,
          duplicates_skipped: duplicates,
          failed_records: 0,
          completed_at: this.now(),
        };
        this.webhook(batch.personId, 'import.completed', data);
      } else {
        this.webhook(batch.personId, 'import.failed', {
          import_id: batch.id,
          reason: result.errorCode ?? 'import_failed',
          failed_at: this.now(),
        });
      }
    },
  };

  twinRecomputed = (personId: string, { snapshot, scores }: Computed): void => {
    const twins = TWIN_NAMES.filter((twin) => scores[twin].score !== null);
    void this.events.emit(personId, {
      type: 'twin.updated',
      data: { day: snapshot.day, as_of: snapshot.asOf, engine_version: snapshot.engineVersion },
    });
    this.webhook(personId, 'twin.updated', { day: snapshot.day, twins: [...twins], as_of: snapshot.asOf });
  };

  /** A new alert (never a merged repeat): ids, kind and severity only; a twin-level alert also as the spec's `risk_alert`. */
  alertCreated = (personId: string, alert: Alert): void => {
    this.onAlert?.(personId, alert);
    void this.events.emit(personId, { type: 'alert.created', data: { alert_id: alert.id, kind: alert.kind, severity: alert.severity } });
    this.webhook(personId, 'alert.created', {
      alert_id: alert.id,
      alert_type: alert.kind,
      severity: alert.severity,
      created_at: alert.firstAt,
    });
    const { twin, risk_score: riskScore } = alert.trigger.values;
    if (alert.trigger.type === 'twin_score' && typeof twin === 'string' && typeof riskScore === 'number')
      this.webhook(personId, 'risk_alert', {
        alert_id: alert.id,
        risk_type: twin,
        risk_level: riskLevelOf(riskScore),
        risk_score: Math.round(riskScore),
      });
  };

  /** A stored screening opened a human-review case: its submitter's webhooks hear of it (ids and level only). */
  screeningReviewOpened = (actorId: string, review: OpenedReview): void => {
    this.webhook(actorId, 'screening.review_required', {
      screening_id: review.screeningId,
      review_id: review.reviewId,
      risk_level: review.riskLevel,
      reason: review.reason,
    });
  };

  /** PAT analyses report through their own port; relay them to the person's channel. */
  relayAnalyses(analyses: AnalysisEvents): void {
    analyses.on('analysis.progress', (e) => {
      void this.events.emit(e.personId, {
        type: 'pat.progress',
        data: { analysis_id: e.processingId, stage: e.stage, progress: e.progress },
      });
    });
    analyses.on('analysis.completed', (e) => {
      void this.events.emit(e.personId, { type: 'pat.completed', data: { analysis_id: e.processingId, status: e.status } });
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private webhook<E extends EventType>(personId: string, event: E, data: EventPayload<E>): void {
    this.webhooks.publish(personId, event, data).catch((error: unknown) => this.log.warn({ err: error, event }, 'webhook publish failed'));
  }
}
