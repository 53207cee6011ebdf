/** What the screening service reports to monitoring (the platform's MHRAS metrics implement it). */
export interface ScreeningMetrics {
  observeRiskScore(score: number, level: string): void;
  observeInference(seconds: number, model: string): void;
  alertTriggered(kind: string): void;
  reviewQueued(reason: string): void;
}

export const noMetrics: ScreeningMetrics = {
  observeRiskScore: () => undefined,
  observeInference: () => undefined,
  alertTriggered: () => undefined,
  reviewQueued: () => undefined,
};
