import type { Computed } from '../twin/engine/twin-engine.js';
import type { Alert, AlertService } from './alert-service.js';

/**
 * A twin `onRecomputed` listener that evaluates the person's alerts on every stored recompute and reports each newly
 * created alert. Never rejects (the engine's contract): failures go to `onError`. The engine awaits it, so a
 * recompute job ends once its alerts are evaluated.
 */
export function evaluateAlertsOnRecompute(
  alerts: AlertService,
  onCreated: (personId: string, alert: Alert) => void,
  onError: (error: unknown) => void,
): (personId: string, computed: Computed) => Promise<void> {
  return (personId, computed) =>
    alerts
      .evaluate(personId, computed.snapshot.features, computed.scores)
      .then((created) => created.forEach((alert) => onCreated(personId, alert)))
      .catch(onError);
}
