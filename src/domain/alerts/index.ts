/** Alerts raised from the twin's recomputed snapshots (docs/alerts.md). */
export { ALERT_STATUSES, AlertService, type Alert, type AlertPage, type AlertStatus } from './alert-service.js';
export * from './detectors/index.js';
export { evaluateAlertsOnRecompute } from './on-recomputed.js';
