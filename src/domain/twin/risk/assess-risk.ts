import type { Scorer } from '../simulation/index.js';
import type { TwinFeatures } from '../twin-features.js';
import { TWIN_NAMES, type TwinName, type TwinScores } from '../twin-score.js';
import { driversOf, type RiskDriver } from './drivers.js';
import {
  cardiacSixMonthProbability,
  fatigueIndicators,
  metabolicTwelveMonthProbability,
  type FatigueIndicators,
  type HorizonProbability,
} from './horizon-probabilities.js';
import { recommend, type Recommendation } from './recommendations.js';
import { riskLevelOf, riskScoreOf, type RiskLevel, type RiskTrend } from './risk-level.js';

export interface RiskCategory {
  readonly twin: TwinName;
  /** 100 − the twin's score */
  readonly risk_score: number;
  readonly risk_level: RiskLevel;
  /** from stored history, supplied by the caller; null when not supplied */
  readonly trend: RiskTrend | null;
  readonly drivers: readonly RiskDriver[];
  /** cardiac: probability_6_months; metabolic: probability_12_months; other twins: null */
  readonly horizon_probability: HorizonProbability | null;
  /** fatigue only: what stands in for the spec's collapse_probability */
  readonly fatigue: FatigueIndicators | null;
}

export interface RiskAssessment {
  readonly assessment_date: string;
  /** mean of the scored twins' risk scores, rounded; null when no twin has a score */
  readonly overall_risk_score: number | null;
  readonly overall_risk_level: RiskLevel | null;
  /** one entry per twin that has a score */
  readonly risk_categories: Partial<Readonly<Record<TwinName, RiskCategory>>>;
  /** twins left out for insufficient data */
  readonly not_scored: readonly TwinName[];
  readonly recommendations: readonly Recommendation[];
}

export interface AssessRiskOptions {
  /** each twin's risk trend from stored history (../store); absent twins get trend null */
  readonly trends?: Partial<Readonly<Record<TwinName, RiskTrend>>>;
}

/** Spec 4.2 (without user_id): per-twin risk, its drivers and horizon probability, and recommendations checked by re-scoring. */
export function assessRisk(features: TwinFeatures, twins: TwinScores, score: Scorer, options: AssessRiskOptions = {}): RiskAssessment {
  const categories: Partial<Record<TwinName, RiskCategory>> = {};
  const notScored: TwinName[] = [];
  for (const name of TWIN_NAMES) {
    const twin = twins[name];
    const risk = riskScoreOf(twin);
    if (risk === null) {
      notScored.push(name);
      continue;
    }
    categories[name] = {
      twin: name,
      risk_score: risk,
      risk_level: riskLevelOf(risk),
      trend: options.trends?.[name] ?? null,
      drivers: driversOf(twin),
      horizon_probability:
        name === 'cardiac' ? cardiacSixMonthProbability(features) : name === 'metabolic' ? metabolicTwelveMonthProbability(features) : null,
      fatigue: name === 'fatigue' ? fatigueIndicators(features) : null,
    };
  }
  const risks = Object.values(categories).map((c) => c.risk_score);
  const overall = risks.length === 0 ? null : Math.round(risks.reduce((a, b) => a + b, 0) / risks.length);
  return {
    assessment_date: features.as_of,
    overall_risk_score: overall,
    overall_risk_level: overall === null ? null : riskLevelOf(overall),
    risk_categories: categories,
    not_scored: notScored,
    recommendations: recommend(features, twins, score),
  };
}
