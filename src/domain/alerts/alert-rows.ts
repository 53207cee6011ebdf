import { sql, type Selectable } from 'kysely';
import type { AlertsTable } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import type { Alert, AlertStatus } from './alert-service.js';
import type { AlertCandidate, AlertSeverity, AlertTrigger } from './detectors/types.js';

/** A stored `alerts` row as the domain's Alert. */
export const toAlert = (row: Selectable<AlertsTable>): Alert => ({
  id: row.id,
  personId: row.person_id,
  kind: row.kind,
  conditionKey: row.condition_key,
  severity: row.severity as AlertSeverity,
  title: row.title,
  message: row.message,
  recommendedActions: JSON.parse(row.recommended_actions) as string[],
  actionRequired: Boolean(row.action_required),
  trigger: JSON.parse(row.trigger) as AlertTrigger,
  status: row.status as AlertStatus,
  occurrences: Number(row.occurrences),
  firstAt: row.first_at,
  lastAt: row.last_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  userResponse: row.user_response,
  resolvedAt: row.resolved_at,
});

/** The columns a firing condition sets, on creation and on every merge (the latest wording wins). */
export const alertContent = (c: AlertCandidate) => ({
  kind: c.kind,
  severity: c.severity,
  title: c.title,
  message: c.message,
  recommended_actions: JSON.stringify(c.recommended_actions),
  action_required: c.action_required ? 1 : 0,
  trigger: JSON.stringify(c.trigger),
});

/** The row a condition's first raise opens: active, one occurrence, first and last seen `now`. */
export const newAlertRow = (personId: string, c: AlertCandidate, now: string): Selectable<AlertsTable> => ({
  id: newId('alert'),
  person_id: personId,
  condition_key: c.condition_key,
  ...alertContent(c),
  status: 'active',
  occurrences: 1,
  first_at: now,
  last_at: now,
  acknowledged_at: null,
  acknowledged_by: null,
  user_response: null,
  resolved_at: null,
});

/**
 * `'active'` as a literal in the SQL: it matches the partial index on active alerts (`alerts_active_condition`,
 * `where status = 'active'`) as it stands. With a bound parameter SQLite can still use that index, but only by
 * preparing the statement again for every value bound (about twice the cost of the lookup).
 */
export const ACTIVE = sql.lit('active');
