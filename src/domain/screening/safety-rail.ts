import { phq9Model } from '../models/questionnaires/phq9.model.js';
import type { RiskLevel } from './model/model-spec.js';
import type { ScreeningInput } from './screening-input.js';

/**
 * The safety rail, independent of any model: a PHQ-9 item 9 response above 0 ("thoughts that you would be better off
 * dead, or of hurting yourself") or an explicit self-harm flag always means a clinician reviews the case, the crisis
 * resource comes first, and the level is at least `high`. Item 9 predicts suicide attempt and death whatever the total
 * (Simon GE et al. Does response on the PHQ-9 depression questionnaire predict subsequent suicide attempt or suicide
 * death? Psychiatr Serv 2013;64(12):1195-1202); Kroenke 2001 asks for follow-up of any positive item 9.
 */
export const SAFETY_RAIL_FLOOR: RiskLevel = 'high';

export interface SafetyRailResult {
  triggered: boolean;
  /** The PHQ-9 item 9 response (0-3), when items were given. */
  item9: number | null;
  selfHarmFlag: boolean;
  reasons: string[];
}

export function checkSafetyRail(input: ScreeningInput): SafetyRailResult {
  const items = input.survey_data?.phq9_items;
  const item9 = items ? items[8]! : null;
  const item9Positive = items ? phq9Model.compute({ items }).outputs.item9_positive : false;
  const selfHarmFlag = input.survey_data?.self_harm_flag === true;
  const reasons: string[] = [];
  if (item9Positive) reasons.push(`PHQ-9 item 9 (thoughts of death or self-harm) answered ${item9} of 3`);
  if (selfHarmFlag) reasons.push('self-harm flag set');
  return { triggered: reasons.length > 0, item9, selfHarmFlag, reasons };
}
