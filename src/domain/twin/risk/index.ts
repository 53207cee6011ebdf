export { assessRisk, type AssessRiskOptions, type RiskAssessment, type RiskCategory } from './assess-risk.js';
export { deficitOf, driversOf, severityOf, type DriverSeverity, type RiskDriver } from './drivers.js';
export { COLLAPSE_PROBABILITY_REASON, type FatigueIndicators, type HorizonProbability } from './horizon-probabilities.js';
export { constantHazardMethod, constantHazardProbability, TIMEFRAME_MONTHS, TIMEFRAMES, type Timeframe } from './horizon.js';
export { largestRemainder } from './largest-remainder.js';
export { recommend, type Recommendation, type RecommendationPriority } from './recommendations.js';
export type { RecommendationCategory } from './recommendation-candidates.js';
export { RISK_LEVEL_CUTOFFS, riskLevelOf, riskScoreOf, type RiskLevel, type RiskTrend } from './risk-level.js';
