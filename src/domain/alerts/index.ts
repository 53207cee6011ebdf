/** Alerts raised from the twin's recomputed snapshots and from screenings (docs/alerts.md). */
export { ALERT_STATUSES, AlertService, type Alert, type AlertPage, type AlertStatus } from './alert-service.js';
export * from './detectors/index.js';
export { evaluateAlertsOnRecompute } from './on-recomputed.js';
export { ScreeningAlertRelay } from './screening-alert-relay.js';
export { SCREENING_ALERT_KINDS, screeningAlertCandidate } from './screening-alerts.js';
