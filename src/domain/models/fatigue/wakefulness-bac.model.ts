import { Type } from 'typebox';
import { defineModel } from '../model.js';

/**
 * Blood-alcohol equivalent of sustained wakefulness, from the published anchors rather than a fitted line.
 *
 * Anchors (hours of sustained wakefulness → BAC, % w/v, whose impairment matched):
 *   17 h → 0.05 %  Dawson & Reid 1997 ("after 17 h of sustained wakefulness … equivalent to … a BAC of 0.05%");
 *                  Williamson & Feyer 2000 put the 0.05 % equivalence at 17–19 h without sleep, which brackets it.
 *   24 h → 0.10 %  Dawson & Reid 1997 ("after 24 h … equivalent to … a BAC of roughly 0.10%").
 *
 * Rule:
 * - 17 ≤ h ≤ 24: linear interpolation between the two anchors.
 * - h < 17: extrapolated down the same segment, floored at 0. The segment reaches 0 at exactly 10 h, the start of
 *   the 10-26 h span over which Dawson & Reid report the decline; below 10 h the value is 0. Warned as extrapolated.
 * - h > 24: extrapolated up the same segment, warned; beyond 28 h (the longest wakefulness both studies tested)
 *   also warned as outside the studied range.
 * Not used: Dawson & Reid's regression (0.004 % per hour between 10 and 26 h), which is a fitted line.
 */
const ANCHORS = [
  { hours: 17, bac: 0.05 },
  { hours: 24, bac: 0.1 },
] as const;
const [LOW, HIGH] = ANCHORS;
/** Longest sustained wakefulness tested by Dawson & Reid 1997 and by Williamson & Feyer 2000 (28 h). */
const STUDIED_MAX_HOURS = 28;

export const wakefulnessBacModel = defineModel({
  id: 'wakefulness-bac',
  version: '1.0.0',
  title: 'Blood-alcohol equivalent of hours awake (published anchors)',
  citation:
    'Dawson D, Reid K. Fatigue, alcohol and performance impairment. Nature 1997;388(6639):235, doi:10.1038/40775 (17 h awake ≈ BAC 0.05 %, 24 h ≈ 0.10 %). ' +
    'Williamson AM, Feyer AM. Moderate sleep deprivation produces impairments in cognitive and motor performance equivalent to legally prescribed levels of alcohol intoxication. Occup Environ Med 2000;57(10):649-655, doi:10.1136/oem.57.10.649 (17-19 h without sleep ≈ 0.05 %). ' +
    'Linear interpolation between the anchors only; values outside 17-24 h are extrapolated and flagged.',
  inputSchema: Type.Object(
    {
      hours_awake: Type.Number({ minimum: 0, maximum: 72, description: 'hours of continuous wakefulness since the last main sleep' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    bac_equivalent_percent: Type.Number({ description: 'blood-alcohol concentration (% w/v, g/100 mL) with comparable performance impairment; unrounded' }),
  }),
  compute({ hours_awake }) {
    const fraction = (hours_awake - LOW.hours) / (HIGH.hours - LOW.hours);
    const bac_equivalent_percent = Math.max(0, LOW.bac + (HIGH.bac - LOW.bac) * fraction);
    const warnings: string[] = [];
    if (hours_awake < LOW.hours) {
      warnings.push(
        `${hours_awake} h is below the 17 h anchor: extrapolated along the 17-24 h anchor segment (0 at or below 10 h)`,
      );
    } else if (hours_awake > HIGH.hours) {
      warnings.push(`${hours_awake} h is above the 24 h anchor: extrapolated along the 17-24 h anchor segment`);
    }
    if (hours_awake > STUDIED_MAX_HOURS) {
      warnings.push(`${hours_awake} h is outside the studied range (the source studies kept people awake for at most 28 h)`);
    }
    return { outputs: { bac_equivalent_percent }, warnings };
  },
});
