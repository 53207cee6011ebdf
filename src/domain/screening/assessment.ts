import { explain, type Explanations } from './explain/explanations.js';
import { fmtValue } from './explain/format.js';
import { toModelInputs, type ModelInputs } from './model/model-inputs.js';
import type { RiskLevel, ScreeningModelSpec } from './model/model-spec.js';
import { atLeast, levelRank, scoreInputs, type ModelScore } from './model/scoring.js';
import { recommend, type Recommendation } from './recommendations/recommend.js';
import { checkSafetyRail, SAFETY_RAIL_FLOOR, type SafetyRailResult } from './safety-rail.js';
import type { ScreeningInput } from './screening-input.js';

export interface Assessment {
  spec: ScreeningModelSpec;
  inputs: ModelInputs;
  modelScore: ModelScore;
  /** The reported level: the model's, raised to the safety rail's floor when it fires. */
  level: RiskLevel;
  rail: SafetyRailResult;
  requiresHumanReview: boolean;
  alertTriggered: boolean;
  contributingFactors: string[];
  recommendations: Recommendation[];
  explanations: Explanations;
}

/** `{value}` is the feature's first input, `{name}` any input by name; a missing one reads "not provided". */
function factorText(template: string, firstInput: string, inputs: ModelInputs): string {
  const show = (name: string) => {
    const value = inputs[name];
    return value === undefined ? 'not provided' : fmtValue(value);
  };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => show(name === 'value' ? firstInput : name));
}

function contributingFactors(spec: ScreeningModelSpec, score: ModelScore, inputs: ModelInputs, rail: SafetyRailResult): string[] {
  const fromModel = score.contributions
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .map((c) => {
      const feature = spec.features.find((f) => f.name === c.name)!;
      return factorText(feature.factor_text, feature.parts[0]!.input, inputs);
    });
  return [...rail.reasons.map((reason) => `Safety rail: ${reason}`), ...fromModel];
}

export interface AssessOptions {
  locale: string;
}

/**
 * One screening, pure: model score, safety rail (independent of the model), review and alert decisions,
 * recommendations and explanations. No I/O, no clock.
 */
export function assess(spec: ScreeningModelSpec, input: ScreeningInput, options: AssessOptions): Assessment {
  const inputs = toModelInputs(input);
  const modelScore = scoreInputs(spec, inputs);
  const rail = checkSafetyRail(input);
  const level = rail.triggered ? atLeast(modelScore.level, SAFETY_RAIL_FLOOR) : modelScore.level;
  const factors = new Set(modelScore.contributions.filter((c) => c.points > 0).map((c) => c.name));
  return {
    spec,
    inputs,
    modelScore,
    level,
    rail,
    requiresHumanReview: rail.triggered || levelRank(level) >= levelRank('high'),
    alertTriggered: level === 'critical',
    contributingFactors: contributingFactors(spec, modelScore, inputs, rail),
    recommendations: recommend({
      level,
      railTriggered: rail.triggered,
      factors,
      therapyAdherence: inputs.therapy_adherence,
      locale: options.locale,
    }),
    explanations: explain({ spec, input, inputs, score: modelScore, level, rail }),
  };
}
