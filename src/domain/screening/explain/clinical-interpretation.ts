import { gad7Model } from '../../models/questionnaires/gad7.model.js';
import { phq9Model } from '../../models/questionnaires/phq9.model.js';
import type { ModelInputs } from '../model/model-inputs.js';
import type { RiskLevel, ScreeningModelSpec } from '../model/model-spec.js';
import type { ModelScore } from '../model/scoring.js';
import type { SafetyRailResult } from '../safety-rail.js';
import type { ScreeningInput } from '../screening-input.js';
import { fmtPercent, fmtScore, fmtValue, joinAnd } from './format.js';

const BAND_LABEL: Record<string, string> = {
  minimal: 'minimal',
  mild: 'mild',
  moderate: 'moderate',
  moderately_severe: 'moderately severe',
  severe: 'severe',
};

/** PHQ-9 / GAD-7 totals with their published bands (Kroenke 2001, Spitzer 2006), scored by the questionnaire models' bands. */
function questionnaireFacts(inputs: ModelInputs): string[] {
  const facts: string[] = [];
  const phq9 = inputs.phq9_score;
  if (phq9 !== undefined) facts.push(`PHQ-9 ${phq9} (${BAND_LABEL[phq9Band(phq9)]} range)`);
  const gad7 = inputs.gad7_score;
  if (gad7 !== undefined) facts.push(`GAD-7 ${gad7} (${BAND_LABEL[gad7Band(gad7)]} range)`);
  return facts;
}

/** The bands depend only on the total, so any item vector with that total gives it. */
const itemsFor = (total: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
/** Bands by total, computed once per total (a few dozen values) rather than on every request. */
const memoByTotal = (band: (total: number) => string): ((total: number) => string) => {
  const known = new Map<number, string>();
  return (total) => {
    let found = known.get(total);
    if (found !== undefined) return found;
    found = band(total);
    if (known.size < 64) known.set(total, found); // totals are validated (0-27), so this never fills
    return found;
  };
};
const phq9Band = memoByTotal((total) => phq9Model.compute({ items: itemsFor(total, 9) }).outputs.severity);
const gad7Band = memoByTotal((total) => gad7Model.compute({ items: itemsFor(total, 7) }).outputs.severity);

function wearableFacts(inputs: ModelInputs): string[] {
  const facts: string[] = [];
  if (inputs.sleep_hours !== undefined) facts.push(`${fmtValue(inputs.sleep_hours)} h sleep`);
  if (inputs.sleep_efficiency !== undefined) facts.push(`sleep efficiency ${fmtPercent(inputs.sleep_efficiency)}`);
  if (inputs.sleep_interruptions !== undefined) facts.push(`${fmtValue(inputs.sleep_interruptions)} sleep interruptions`);
  if (inputs.hrv_rmssd !== undefined) facts.push(`RMSSD ${fmtValue(inputs.hrv_rmssd)} ms (short-term normative mean 42 ms)`);
  if (inputs.steps_per_day !== undefined) facts.push(`${fmtValue(inputs.steps_per_day)} steps/day`);
  if (inputs.active_minutes !== undefined) facts.push(`${fmtValue(inputs.active_minutes)} active min/day`);
  if (inputs.resting_heart_rate !== undefined) facts.push(`resting heart rate ${fmtValue(inputs.resting_heart_rate)} bpm (not weighted)`);
  return facts;
}

function emrFacts(input: ScreeningInput, inputs: ModelInputs): string[] {
  const emr = input.emr_data;
  if (!emr) return [];
  const facts: string[] = [];
  if (emr.diagnosis_codes?.length) facts.push(`recorded diagnoses ${emr.diagnosis_codes.join(', ')}`);
  if (emr.medications?.length) facts.push(`${emr.medications.length} recorded medication${emr.medications.length === 1 ? '' : 's'}`);
  if (inputs.therapy_adherence !== undefined) {
    facts.push(
      `therapy attendance ${emr.therapy_sessions_attended}/${emr.therapy_sessions_scheduled} sessions (${fmtPercent(inputs.therapy_adherence)})`,
    );
  }
  return facts;
}

export interface InterpretationFacts {
  spec: ScreeningModelSpec;
  input: ScreeningInput;
  inputs: ModelInputs;
  score: ModelScore;
  level: RiskLevel;
  rail: SafetyRailResult;
}

/**
 * A clinician-facing summary generated from the facts of this case only: every number in it is an input, a published
 * band, or a value the model computed. Template-based on purpose: no free text that could state what the data does not.
 */
export function clinicalInterpretation({ spec, input, inputs, score, level, rail }: InterpretationFacts): string {
  const sentences: string[] = [];
  sentences.push(`Screening level ${level} (model score ${fmtScore(score.score)} of 100, ${spec.id} v${spec.version}).`);
  if (rail.triggered) sentences.push(`Safety rail: ${joinAnd(rail.reasons)}; a clinician must review this case whatever the score.`);
  const drivers = score.contributions
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 3);
  if (drivers.length > 0) {
    const labels = drivers.map(
      (d) => `${spec.features.find((f) => f.name === d.name)?.label.toLowerCase() ?? d.name} (+${fmtScore(d.points)})`,
    );
    sentences.push(`The score is driven by ${joinAnd(labels)}.`);
  } else {
    sentences.push('None of the provided inputs carries risk evidence in this model.');
  }
  const survey = questionnaireFacts(inputs);
  if (survey.length > 0) sentences.push(`Questionnaires: ${joinAnd(survey)}.`);
  const wearable = wearableFacts(inputs);
  if (wearable.length > 0) sentences.push(`Wearable: ${joinAnd(wearable)}.`);
  const emr = emrFacts(input, inputs);
  if (emr.length > 0) sentences.push(`Records: ${joinAnd(emr)}.`);
  const missing = [...new Set(score.missingInputs)];
  sentences.push(
    missing.length > 0
      ? `Confidence ${score.confidence.toFixed(2)} measures input completeness only: ${joinAnd(missing)} not provided (missing inputs add no risk).`
      : `Confidence ${score.confidence.toFixed(2)}: every weighted input was provided (completeness, not calibration).`,
  );
  sentences.push('A screening aid for clinicians, not a diagnosis.');
  return sentences.join(' ');
}
