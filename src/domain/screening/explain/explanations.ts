import type { ModelInputs } from '../model/model-inputs.js';
import type { RiskLevel, ScreeningModelSpec } from '../model/model-spec.js';
import { REFERENCE_SCORE, type ModelScore } from '../model/scoring.js';
import type { SafetyRailResult } from '../safety-rail.js';
import type { ScreeningInput } from '../screening-input.js';
import { clinicalInterpretation } from './clinical-interpretation.js';
import { findCounterfactual } from './counterfactual.js';
import { counterfactualText, ruleText } from './explanation-texts.js';
import { extractRules } from './rule-extraction.js';

export interface Explanations {
  /** [feature, points]: exact additive (Shapley) contributions; they sum to score − reference_score. */
  top_features: [string, number][];
  counterfactual: string;
  rule_approximation: string;
  clinical_interpretation: string;
  reference_score: number;
  rule_fidelity: number;
}

/**
 * For an additive model each feature's Shapley value (relative to the reference person) is its own term, exactly:
 * no sampling, no approximation. Features that add nothing are left out; the order is by size.
 */
export function topFeatures(score: ModelScore): [string, number][] {
  return score.contributions
    .filter((c) => c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .map((c) => [c.name, c.points]);
}

export interface ExplanationFacts {
  spec: ScreeningModelSpec;
  input: ScreeningInput;
  inputs: ModelInputs;
  score: ModelScore;
  level: RiskLevel;
  rail: SafetyRailResult;
}

export function explain(facts: ExplanationFacts): Explanations {
  const { spec, inputs, score, rail } = facts;
  const rules = extractRules(spec);
  return {
    top_features: topFeatures(score),
    counterfactual: counterfactualText(spec, score, findCounterfactual(spec, inputs), rail),
    rule_approximation: ruleText(spec, rules, inputs, score),
    clinical_interpretation: clinicalInterpretation(facts),
    reference_score: REFERENCE_SCORE,
    rule_fidelity: rules.fidelity,
  };
}
