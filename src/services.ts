import type { ResolvedConfig } from './config/index.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/index.js';
import type { SqlAuditLog } from './platform/audit/index.js';
import type { Mailer } from './platform/mail/index.js';
import type { HttpMetrics } from './platform/metrics.js';
import type { Identity } from './domain/identity/index.js';
import type { ObservationStore } from './domain/observations/index.js';
import type { AppleHealthImports } from './domain/ingest/apple-health-import/index.js';
import type { UploadIngest } from './domain/ingest/upload-ingest.js';
import type { PersonData } from './domain/privacy/index.js';
import type { TwinEngine } from './domain/twin/index.js';
import type { FitnessRules } from './domain/twin/fitness/index.js';
import type { JobQueue } from './platform/jobs/index.js';
import type { Screening } from './domain/screening/index.js';
import type { Webhooks } from './domain/webhooks/index.js';
import type { PubSub } from './platform/pubsub/index.js';
import type { PersonEvents } from './domain/realtime/index.js';
import type { ActigraphyService } from './domain/actigraphy/index.js';
import type { Notifications } from './domain/notifications/index.js';
import type { AlertService, ScreeningAlertRelay } from './domain/alerts/index.js';

export type { ResolvedConfig };

/** Everything the surfaces call into, built once per app. */
export interface AppServices {
  config: ResolvedConfig;
  clock: Clock;
  database: Database;
  audit: SqlAuditLog;
  mailer: Mailer;
  metrics: HttpMetrics;
  identity: Identity;
  /** The job-queue port: embedded or BullMQ (JOB_QUEUE); `jobs.idle()` in tests. */
  jobs: JobQueue;
  observations: ObservationStore;
  imports: AppleHealthImports;
  uploads: UploadIngest;
  personData: PersonData;
  twin: TwinEngine;
  /** Alerts raised from each twin recompute (docs/alerts.md). */
  alerts: AlertService;
  /** Notification preferences, push subscriptions and delivery by email, push and SMS (docs/notifications.md). */
  notifications: Notifications;
  /** Raises the screening module's recorded alerts as alerts of the screening's submitter. */
  screeningAlerts: ScreeningAlertRelay;
  /** fitness-to-work rules: FITNESS_RULES_FILE or the documented defaults */
  fitnessRules: FitnessRules;
  screening: Screening;
  /** Webhook endpoints and `webhooks.publish(personId, event, data)` for producers. */
  webhooks: Webhooks;
  /** Messages between API nodes (in process, or Redis when REDIS_URL is set). */
  pubsub: PubSub;
  /** Each person's real-time feed: producers emit, WebSocket sessions subscribe. */
  personEvents: PersonEvents;
  /** Clarity `/pat` analyses (jobs), their progress events (`actigraphy.events`) and the PAT runtime. */
  actigraphy: ActigraphyService;
  startedAt: Date;
  version: string;
}
