import type { ModelInputs } from '../model/model-inputs.js';
import type { ScreeningModelSpec } from '../model/model-spec.js';
import type { ModelScore } from '../model/scoring.js';
import { SAFETY_RAIL_FLOOR, type SafetyRailResult } from '../safety-rail.js';
import type { Counterfactual } from './counterfactual.js';
import { fmtPercent, fmtScore, fmtValue, joinAnd } from './format.js';
import { withNeutralValues } from './neutral-inputs.js';
import { conditionText, matches, type RuleSet } from './rule-extraction.js';

const RAIL_NOTE = ` The safety rail keeps the reported level at least ${SAFETY_RAIL_FLOOR} whatever the model says.`;

/** States the verified counterfactual: every number is an input or the model's re-scored value. */
export function counterfactualText(
  spec: ScreeningModelSpec,
  score: ModelScore,
  found: Counterfactual | null,
  rail: SafetyRailResult,
): string {
  const railNote = rail.triggered ? RAIL_NOTE : '';
  if (!found) {
    const names = Object.keys(spec.counterfactual_targets).join(', ');
    return `No counterfactual: none of the modifiable inputs the model uses (${names}) was provided at a value that raises the score.${railNote}`;
  }
  const changes = joinAnd(found.changes.map((c) => `${c.input} changed from ${fmtValue(c.from)} to ${fmtValue(c.to)}`));
  const now = `${fmtScore(score.score)} (${score.level})`;
  const then = `${fmtScore(found.rescoredScore)} (${found.rescoredLevel})`;
  if (found.reachesLowerLevel) return `If ${changes}, the model re-scores this case at ${then} instead of ${now}.${railNote}`;
  return `No feasible change to the modifiable inputs lowers the model's level below ${score.level}; the largest reduction found (${changes}) re-scores at ${then} instead of ${now}.${railNote}`;
}

/** The part of the rule text that depends on the rules alone, made once per rule set (once per model version). */
const ruleSetTexts = new WeakMap<RuleSet, string>();
function ruleSetText(rules: RuleSet): string {
  let text = ruleSetTexts.get(rules);
  if (text === undefined) {
    const lines = rules.rules.map(
      (rule, i) => `${i === 0 ? 'IF' : 'ELSE IF'} ${rule.conditions.map(conditionText).join(' AND ') || 'true'} THEN risk = ${rule.level}`,
    );
    const fidelity = `Fidelity: these rules agree with the model on ${fmtPercent(rules.fidelity)} of ${fmtValue(rules.cohortSize)} synthetic reference profiles (depth-${rules.depth} tree fitted to the model's levels).`;
    text = `${lines.join('\n')}\n${fidelity}`;
    ruleSetTexts.set(rules, text);
  }
  return text;
}

/** The extracted rules, their fidelity next to them, and the rule this case falls under. */
export function ruleText(spec: ScreeningModelSpec, rules: RuleSet, inputs: ModelInputs, score: ModelScore): string {
  const neutral = withNeutralValues(spec, inputs);
  const own = rules.rules.find((rule) => matches(rule.conditions, neutral));
  const mine = own ? ` This case falls under the rule giving ${own.level}; the model itself gives ${score.level}.` : '';
  return `${ruleSetText(rules)}${mine}`;
}
