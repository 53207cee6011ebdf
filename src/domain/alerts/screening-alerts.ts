/**
 * Screening results as alerts (docs/alerts.md): a critical screening and a review case left open past its due time
 * become alerts of whoever submitted the screening. The screened subject is only a pseudonym (`anonymized_id`), so
 * the submitter (the clinician or service account that called `POST /screen`) is the one who can act on it.
 */
import type { Selectable } from 'kysely';
import type { ScreeningAlertsTable } from '../../platform/db/tables.js';
import type { AlertCandidate, AlertSeverity } from './detectors/types.js';

export const SCREENING_ALERT_KINDS = ['screening_critical_risk', 'screening_review_overdue'] as const;

type ScreeningAlertRow = Pick<
  Selectable<ScreeningAlertsTable>,
  'kind' | 'prediction_id' | 'review_id' | 'anonymized_id' | 'risk_level' | 'score' | 'model' | 'created_at'
>;

/** One active critical-risk alert per screened subject. */
export const criticalRiskKey = (anonymizedId: string) => `screening_critical_risk:${anonymizedId}`;
/** One overdue alert per review case. */
export const reviewOverdueKey = (reviewId: string) => `screening_review_overdue:${reviewId}`;

const CRISIS_ACTION = "Follow your organisation's crisis protocol if the person may be at immediate risk";

/** The alert a recorded screening alert raises; null for a kind this version does not know. */
export function screeningAlertCandidate(row: ScreeningAlertRow): AlertCandidate | null {
  const trigger = {
    type: 'mental_health_screening',
    window: { from: null, to: row.created_at.slice(0, 10), days: 1 },
    values: {
      anonymized_id: row.anonymized_id,
      prediction_id: row.prediction_id,
      review_id: row.review_id,
      risk_level: row.risk_level,
      score: row.score,
    },
    thresholds: {},
    model: row.model,
  };
  if (row.kind === 'critical_risk')
    return {
      kind: 'screening_critical_risk',
      // One active alert per subject: a second critical screening before acknowledgement merges into it.
      condition_key: criticalRiskKey(row.anonymized_id),
      severity: 'critical',
      title: 'Critical mental-health screening result',
      message: `A screening of ${row.anonymized_id} scored critical risk; a human review case is open.`,
      recommended_actions: ['Review the case in the screening review queue now', CRISIS_ACTION],
      action_required: true,
      trigger,
    };
  if (row.kind === 'review_overdue')
    return {
      kind: 'screening_review_overdue',
      condition_key: reviewOverdueKey(row.review_id ?? row.prediction_id ?? row.anonymized_id),
      severity: overdueSeverity(row.risk_level),
      title: 'Screening review overdue',
      message: `The review case for a ${row.risk_level}-risk screening of ${row.anonymized_id} is past its due time.`,
      recommended_actions: ['Assign and resolve the review case', CRISIS_ACTION],
      action_required: true,
      trigger,
    };
  return null;
}

/** An overdue critical case stays critical; any other overdue case is high. */
const overdueSeverity = (riskLevel: string): AlertSeverity => (riskLevel === 'critical' ? 'critical' : 'high');
