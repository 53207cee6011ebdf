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
import type { JobQueue } from './platform/jobs/index.js';

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
  jobs: JobQueue;
  observations: ObservationStore;
  imports: AppleHealthImports;
  uploads: UploadIngest;
  personData: PersonData;
  startedAt: Date;
  version: string;
}
