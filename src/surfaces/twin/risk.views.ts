/** Domain risk answers → the Twin spec's JSON (§4.2-4.4), with our explanatory extras beside the spec's fields. */
import type { FitnessToWork } from '../../domain/twin/fitness/index.js';
import type { ConditionPredictions } from '../../domain/twin/predictions/index.js';
import type { RiskAssessment, RiskCategory, RiskTrend } from '../../domain/twin/risk/index.js';
import { TWIN_NAMES, type TwinName, type TwinStatusView } from '../../domain/twin/index.js';
import { wire } from '../shared/wire.js';

/** A twin improving is its risk improving; declining is worsening. No twin trend, no risk trend. */
export function riskTrends(status: TwinStatusView): Partial<Record<TwinName, RiskTrend>> {
  const trends: Partial<Record<TwinName, RiskTrend>> = {};
  for (const twin of TWIN_NAMES) {
    const t = status.twins[twin].trend;
    if (t !== null) trends[twin] = t === 'declining' ? 'worsening' : t;
  }
  return trends;
}

function categoryView(c: RiskCategory) {
  const h = c.horizon_probability;
  return {
    risk_score: c.risk_score,
    risk_level: c.risk_level,
    trend: c.trend,
    ...(h && {
      [h.spec_field]: h.probability,
      horizon: {
        months: h.horizon_months,
        probability: h.probability,
        ten_year_probability: h.ten_year_probability,
        outcome: h.outcome,
        model: h.model,
        method: h.method,
        reason: h.reason,
        missing: [...h.missing],
      },
    }),
    ...(c.fatigue && {
      collapse_probability: null,
      collapse_probability_reason: c.fatigue.collapse_probability_reason,
      fatigue: {
        predicted_kss: c.fatigue.predicted_kss,
        sleepy: c.fatigue.sleepy,
        hours_awake: c.fatigue.hours_awake,
        bac_equivalent_percent: c.fatigue.bac_equivalent_percent,
        model: c.fatigue.model,
        reason: c.fatigue.reason,
      },
    }),
    drivers: c.drivers.map((d) => ({
      factor: d.factor,
      contribution: d.contribution,
      severity: d.severity,
      component: d.component,
      value: d.value,
      unit: d.unit,
      model: d.model,
    })),
  };
}

export function riskAssessmentView(userId: string, a: RiskAssessment) {
  const categories: Record<string, ReturnType<typeof categoryView>> = {};
  for (const twin of TWIN_NAMES) {
    const c = a.risk_categories[twin];
    if (c) categories[twin] = categoryView(c);
  }
  return {
    user_id: userId,
    assessment_date: a.assessment_date,
    overall_risk_score: a.overall_risk_score,
    overall_risk_level: a.overall_risk_level,
    risk_categories: categories,
    not_scored: [...a.not_scored],
    recommendations: a.recommendations.map((r) => ({ ...r, addresses: [...r.addresses], change: { ...r.change } })),
  };
}

export const fitnessView = (userId: string, f: FitnessToWork) => wire({ user_id: userId, ...f });

export const predictionsView = (userId: string, p: ConditionPredictions) => wire({ user_id: userId, ...p });
