import type { Migration } from 'kysely';
import { identityAndAudit } from './0001-identity-and-audit.js';
import { auditQueryIndexes } from './0002-audit-query-indexes.js';
import { observations } from './0003-observations.js';
import { healthProfile } from './0004-health-profile.js';
import { twinScores } from './0005-twin-scores.js';
import { screening } from './0006-screening.js';
import { actigraphy } from './0007-actigraphy.js';
import { webhooks } from './0008-webhooks.js';
import { alerts } from './0009-alerts.js';
import { notifications } from './0010-notifications.js';
import { alertSeverities } from './0011-alert-severities.js';

/** Ordered by name; never edit a shipped migration, add the next one. */
export const migrations: Record<string, Migration> = {
  '0001-identity-and-audit': identityAndAudit,
  '0002-audit-query-indexes': auditQueryIndexes,
  '0003-observations': observations,
  '0004-health-profile': healthProfile,
  '0005-twin-scores': twinScores,
  '0006-screening': screening,
  '0007-actigraphy': actigraphy,
  '0008-webhooks': webhooks,
  '0009-alerts': alerts,
  '0010-notifications': notifications,
  '0011-alert-severities': alertSeverities,
};
