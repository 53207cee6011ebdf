import { forecastFatigue, shiftAround, type FatiguePoint } from '../../twin/model-inputs/index.js';
import { TWIN_FATIGUE_FORECAST } from '../../twin/scoring/shared/alertness.js';
import type { TwinFeatures } from '../../twin/twin-features.js';
import type { AlertCandidate } from './types.js';

/** KSS 7 "sleepy, but no effort to stay awake" and 8 "some effort" (Åkerstedt & Gillberg 1990, docs/alerts.md). */
export const KSS_SLEEPY = 7;
export const KSS_SEVERE = 8;
/** Only a shift starting within this many hours is looked at: further ahead, "no sleep until then" is not credible. */
export const SHIFT_LOOKAHEAD_HOURS = 12;
/** The forecast is read up to the end of the shift, at most this far ahead. */
const MAX_HORIZON_HOURS = 24;
const HOUR_MS = 3_600_000;

/**
 * Fatigue before or during a shift: the three-process model (the twins' own forecast, from the measured sleeps and
 * assuming no more sleep) predicts sleepiness reaching KSS 7 between now and the end of the person's current or next
 * shift (stated in the health profile; one starting within 12 h). KSS ≥ 8 at the peak → high and action required,
 * else medium. No shift stated, or a forecast the data cannot support: no call.
 */
export function detectFatigueBeforeShift(features: TwinFeatures): AlertCandidate[] {
  const { shift_start_local: start, shift_end_local: end } = features.occupation;
  if (start === null || end === null) return [];
  const asOfMs = Date.parse(features.as_of);
  const result = forecastFatigue(features, { ...TWIN_FATIGUE_FORECAST, horizonHours: MAX_HORIZON_HOURS });
  if (!result.ok) return [];
  const { forecast } = result;
  const shift = shiftAround(features.occupation, asOfMs, forecast.clock);
  if (shift === null || (!shift.current && shift.startMs - asOfMs > SHIFT_LOOKAHEAD_HOURS * HOUR_MS)) return [];

  const window: FatiguePoint[] = [forecast.now, ...forecast.ahead].filter((p) => p.atMs <= shift.endMs);
  const crossing = window.find((p) => p.kss >= KSS_SLEEPY);
  if (crossing === undefined) return [];
  const peak = Math.max(...window.map((p) => p.kss));
  const severe = peak >= KSS_SEVERE;
  const when = crossing.atMs < shift.startMs ? 'before' : 'during';
  const at = forecast.clock.format(forecast.clock.toLocal(crossing.atMs)).slice(11);
  return [
    {
      kind: 'fatigue_shift',
      condition_key: 'fatigue_shift',
      severity: severe ? 'high' : 'medium',
      title: severe ? 'Severe sleepiness predicted around your shift' : 'Sleepiness predicted around your shift',
      message:
        `The fatigue model predicts sleepiness reaching KSS ${KSS_SLEEPY} at ${at} (local), ${when} your ${start}-${end} shift, ` +
        `peaking at ${peak.toFixed(1)}, unless you sleep before then.`,
      recommended_actions: [
        'Take a short nap (20-40 minutes) before the shift',
        'Avoid driving and safety-critical tasks when sleepy; arrange breaks or a second person',
        'Plan a full sleep after the shift',
      ],
      action_required: severe,
      trigger: {
        type: 'fatigue_forecast',
        window: { from: features.as_of.slice(0, 10), to: new Date(shift.endMs).toISOString().slice(0, 10), days: 1 },
        values: {
          shift_start_local: start,
          shift_end_local: end,
          crossing_at: new Date(crossing.atMs).toISOString(),
          hours_awake_at_crossing: Math.round(crossing.hoursAwake * 10) / 10,
          peak_kss: Math.round(peak * 10) / 10,
        },
        thresholds: { kss_sleepy: KSS_SLEEPY, kss_severe: KSS_SEVERE },
        model: forecast.model,
      },
    },
  ];
}
