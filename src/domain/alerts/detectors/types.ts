import type { TwinFeatures } from '../../twin/twin-features.js';
import type { TwinScores } from '../../twin/twin-score.js';

/** The Twin spec's alert severities (§5.1 shows `high` and `medium`), most urgent first. */
export const ALERT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** What fired an alert: the data type, the window looked at, and the numbers compared (no free text, no raw series). */
export interface AlertTrigger {
  readonly type: string;
  /** the window of data the rule looked at, e.g. `{ from: '2026-03-18', to: '2026-03-20', days: 3 }` */
  readonly window: { readonly from: string | null; readonly to: string | null; readonly days: number };
  readonly values: Readonly<Record<string, number | string | null>>;
  readonly thresholds: Readonly<Record<string, number>>;
  /** `model-id@version` when a library model made the call */
  readonly model: string | null;
}

/** One condition a detector found firing now. `condition_key` identifies the condition so repeats merge. */
export interface AlertCandidate {
  readonly kind: string;
  readonly condition_key: string;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly message: string;
  readonly recommended_actions: readonly string[];
  readonly action_required: boolean;
  readonly trigger: AlertTrigger;
}

/** A pure rule over one snapshot and its scores: the conditions firing now (empty when none). */
export type Detector = (features: TwinFeatures, scores: TwinScores) => readonly AlertCandidate[];
