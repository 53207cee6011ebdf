import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  observe(labels: { route: string; method: string; status: number }, seconds: number): void;
  /** The MHRAS spec's own metrics, in the same registry. */
  mhras: MhrasMetrics;
}

/** The metrics the MHRAS spec lists (its names), fed by the MHRAS surface and the screening service. */
export interface MhrasMetrics {
  observeRequest(labels: { endpoint: string; method: string; status: number }, seconds: number): void;
  observeRiskScore(score: number, level: string): void;
  observeInference(seconds: number, model: string): void;
  alertTriggered(kind: string): void;
  reviewQueued(reason: string): void;
}

function createMhrasMetrics(registry: Registry): MhrasMetrics {
  const registers = [registry];
  const requests = new Counter({ name: 'mhras_requests_total', help: 'MHRAS requests by endpoint, method and status', labelNames: ['endpoint', 'method', 'status'] as const, registers });
  const duration = new Histogram({
    name: 'mhras_request_duration_seconds',
    help: 'MHRAS request duration by endpoint and method',
    labelNames: ['endpoint', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const scores = new Histogram({
    name: 'mhras_screening_risk_scores',
    help: 'Distribution of screening risk scores (0-100) by reported risk level',
    labelNames: ['risk_level'] as const,
    buckets: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    registers,
  });
  const inference = new Histogram({
    name: 'mhras_model_inference_duration_seconds',
    help: 'Screening model inference time (score, safety rail, explanations, recommendations)',
    labelNames: ['model'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers,
  });
  const alerts = new Counter({ name: 'mhras_alerts_triggered_total', help: 'Alerts raised by screening, by kind', labelNames: ['kind'] as const, registers });
  const reviews = new Counter({ name: 'mhras_human_reviews_queued_total', help: 'Screening cases queued for human review, by reason', labelNames: ['reason'] as const, registers });
  return {
    observeRequest({ endpoint, method, status }, seconds) {
      requests.inc({ endpoint, method, status: String(status) });
      duration.observe({ endpoint, method }, seconds);
    },
    observeRiskScore: (score, level) => scores.observe({ risk_level: level }, score),
    observeInference: (seconds, model) => inference.observe({ model }, seconds),
    alertTriggered: (kind) => alerts.inc({ kind }),
    reviewQueued: (reason) => reviews.inc({ reason }),
  };
}

/** One registry per app (tests build many apps in one process). Route labels are templates, never raw URLs. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'homeostat_' });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    mhras: createMhrasMetrics(registry),
    observe({ route, method, status }, seconds) {
      const labels = { route, method, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
