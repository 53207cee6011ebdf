import type { ModelInputs } from './model-inputs.js';
import { RISK_LEVELS, type FeatureSpec, type RiskLevel, type ScreeningModelSpec } from './model-spec.js';

export interface FeatureContribution {
  name: string;
  /** Severity 0..cap from the feature's ramps; 0 when its inputs are missing. */
  severity: number;
  /** Log odds added: weight x severity. */
  logOdds: number;
  /** The same on the score's 0-100 scale: exactly this feature's Shapley value (the model is additive). */
  points: number;
  /** Share of this feature's inputs that were provided (0..1). */
  coverage: number;
}

export interface ModelScore {
  /** 0-100: total log odds as a percentage of the most the model can add. Not a probability. */
  score: number;
  logOdds: number;
  level: RiskLevel;
  /** Share of the model's maximum evidence whose inputs were provided: input completeness, not calibration. */
  confidence: number;
  contributions: FeatureContribution[];
  /** Weighted inputs that were not provided. */
  missingInputs: string[];
}

/** The reference person every explanation is relative to: no risk evidence at all (score 0). */
export const REFERENCE_SCORE = 0;

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

interface CompiledPart {
  input: string;
  zeroAt: number;
  span: number;
  cap: number;
}
interface CompiledFeature {
  weight: number;
  takeMin: boolean;
  parts: CompiledPart[];
  maximum: number;
}
interface CompiledModel {
  features: CompiledFeature[];
  maximum: number;
}

/** A spec turned into plain arrays once: scoring runs on every request and a counterfactual search re-scores often. */
const compiled = new WeakMap<ScreeningModelSpec, CompiledModel>();
function compile(spec: ScreeningModelSpec): CompiledModel {
  let model = compiled.get(spec);
  if (model) return model;
  const features = spec.features.map((feature) => {
    const parts = feature.parts.map((p) => ({ input: p.input, zeroAt: p.zero_at, span: p.one_at - p.zero_at, cap: p.cap ?? 1 }));
    return {
      weight: feature.log_odds_per_unit,
      takeMin: feature.combine === 'min',
      parts,
      maximum: feature.log_odds_per_unit * Math.max(...parts.map((p) => p.cap)),
    };
  });
  model = { features, maximum: features.reduce((sum, f) => sum + f.maximum, 0) };
  compiled.set(spec, model);
  return model;
}

/**
 * Severity of one feature: the max or min of its ramps, a missing input counting as severity 0 (no evidence). So a
 * `min` feature (activity: the more favourable measure counts) needs all its inputs to carry any risk: a missing
 * measure might have been the favourable one, and a missing input must never add risk.
 */
function severityOf(feature: CompiledFeature, inputs: ModelInputs): { severity: number; present: number } {
  let severity = feature.takeMin ? Infinity : 0;
  let present = 0;
  for (const part of feature.parts) {
    const value = inputs[part.input];
    const ramp = value === undefined || !Number.isFinite(value) ? 0 : clamp((value - part.zeroAt) / part.span, 0, part.cap);
    if (value !== undefined && Number.isFinite(value)) present++;
    severity = feature.takeMin ? Math.min(severity, ramp) : Math.max(severity, ramp);
  }
  return { severity, present };
}

/** The most log odds a feature can add. */
export const featureMaximum = (feature: FeatureSpec): number =>
  feature.log_odds_per_unit * Math.max(...feature.parts.map((p) => p.cap ?? 1));

/** The most log odds the whole model can add: the score's 100. */
export const modelMaximum = (spec: ScreeningModelSpec): number => compile(spec).maximum;

/** Just the score, for searches that re-score many variants of one case. */
export function scoreOnly(spec: ScreeningModelSpec, inputs: ModelInputs): { score: number; level: RiskLevel } {
  const model = compile(spec);
  let logOdds = 0;
  for (const feature of model.features) logOdds += feature.weight * severityOf(feature, inputs).severity;
  return { score: (100 * logOdds) / model.maximum, level: levelFor(logOdds, spec) };
}

/** Sums of floating-point products may land a hair under a cut-off they equal (2 x 1.99243 vs 3.98486). */
const EPSILON = 1e-9;

export function levelFor(logOdds: number, spec: ScreeningModelSpec): RiskLevel {
  const cut = spec.cutoffs_log_odds;
  const value = logOdds + EPSILON;
  if (value >= cut.critical) return 'critical';
  if (value >= cut.high) return 'high';
  if (value >= cut.moderate) return 'moderate';
  return 'low';
}

/** Cut-offs on the 0-100 score scale, for the model card and for clients. */
export function scoreCutoffs(spec: ScreeningModelSpec): Record<Exclude<RiskLevel, 'low'>, number> {
  const max = modelMaximum(spec);
  const cut = spec.cutoffs_log_odds;
  return { moderate: (100 * cut.moderate) / max, high: (100 * cut.high) / max, critical: (100 * cut.critical) / max };
}

export const levelRank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);
export const atLeast = (level: RiskLevel, floor: RiskLevel): RiskLevel => (levelRank(level) >= levelRank(floor) ? level : floor);

/** Pure: the same inputs and model always give the same score. */
export function scoreInputs(spec: ScreeningModelSpec, inputs: ModelInputs): ModelScore {
  const model = compile(spec);
  let logOdds = 0;
  let coveredEvidence = 0;
  const missingInputs: string[] = [];
  const contributions = model.features.map((feature, i): FeatureContribution => {
    const { severity, present } = severityOf(feature, inputs);
    const featureLogOdds = feature.weight * severity;
    logOdds += featureLogOdds;
    coveredEvidence += (feature.maximum * present) / feature.parts.length;
    for (const part of feature.parts) if (inputs[part.input] === undefined) missingInputs.push(part.input);
    return {
      name: spec.features[i]!.name,
      severity,
      logOdds: featureLogOdds,
      points: (100 * featureLogOdds) / model.maximum,
      coverage: present / feature.parts.length,
    };
  });
  return {
    score: (100 * logOdds) / model.maximum,
    logOdds,
    level: levelFor(logOdds, spec),
    confidence: coveredEvidence / model.maximum,
    contributions,
    missingInputs,
  };
}
