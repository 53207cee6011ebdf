/**
 * Curves and components the fatigue, driving and occupational twins share: predicted sleepiness (KSS), hours awake
 * as a blood-alcohol equivalent, and sleep obtained in the last 24/48 h. docs/models.md § fatigue and § driving.
 */
import type { DoseResponse, RelativeRiskCurve } from './dose-response.js';
import { scoreOn, scoreOnRisk } from './dose-response.js';
import { wakefulnessBacModel } from '../../../models/index.js';
import {
  peakKss,
  runModel,
  type FatigueForecast,
  type FatigueForecastOptions,
  type FatigueForecastResult,
} from '../../model-inputs/index.js';
import type { TwinScore } from '../../twin-score.js';
import type { ScoringContext } from '../context.js';
import { recentNightCoverage } from './night-coverage.js';
import { RECENT_NIGHTS, type SleepSignals } from './sleep-signals.js';
import { SufficiencyLog } from './sufficiency.js';
import { twinResult } from './twin-result.js';
import type { ComponentDraft } from './weighted-score.js';

/** How far ahead the twins read the forecast (a shift's length): "now" and the peak over their own horizon. */
export const FATIGUE_HORIZON_HOURS = 8;
export const FATIGUE_MIN_NIGHTS = 3;
/** A week: long enough for the model's starting S0 to have washed out of "now". */
export const FATIGUE_MAX_NIGHTS = 7;
/** A snapshot whose last main sleep ended longer ago than this cannot tell "awake since" from "sleep not recorded". */
export const MAX_HOURS_SINCE_LAST_SLEEP = 24;

/** The fatigue forecast the twins share (computed once per snapshot in ../index.ts). */
export const TWIN_FATIGUE_FORECAST: FatigueForecastOptions = {
  lookbackHours: null,
  minNights: FATIGUE_MIN_NIGHTS,
  maxNights: FATIGUE_MAX_NIGHTS,
  maxHoursSinceSleep: MAX_HOURS_SINCE_LAST_SLEEP,
  horizonHours: FATIGUE_HORIZON_HOURS,
};

export const KSS_CURVE: DoseResponse = {
  anchors: [
    [3, 100],
    [7, 50],
    [9, 0],
  ],
  source:
    'Åkerstedt & Gillberg 1990, Int J Neurosci (KSS 1-9; 3 = "alert"); Kaida et al. 2006, Clin Neurophysiol (KSS ≥ 7 = sleepy, with EEG and performance signs); ' +
    'Åkerstedt et al. 2014, J Sleep Res (review: KSS tracks insufficient sleep and impaired waking function; 9 = "fighting sleep")',
};

export const BAC_EQUIVALENT_CURVE: DoseResponse = {
  anchors: [
    [0, 100],
    [0.05, 50],
    [0.1, 0],
  ],
  source:
    'Dawson & Reid 1997, Nature (17 h awake ≈ 0.05 %, 24 h ≈ 0.10 % BAC); WHO Global status report on road safety 2018 (0.05 g/dL: the recommended drink-driving limit)',
};

export const SLEEP_LAST_24H_CURVE: DoseResponse = {
  anchors: [
    [0, 0],
    [5, 50],
    [7, 100],
  ],
  source:
    'Dawson & McCulloch 2005, Sleep Med Rev (prior sleep-wake model: < 5 h in the last 24 h → fatigue-related error likely); Hirshkowitz et al. 2015 (7 h: NSF lower recommended edge)',
};

export const SLEEP_LAST_48H_CURVE: DoseResponse = {
  anchors: [
    [0, 0],
    [12, 50],
    [14, 100],
  ],
  source:
    'Dawson & McCulloch 2005, Sleep Med Rev (< 12 h in the last 48 h → fatigue-related error likely); Hirshkowitz et al. 2015 (2 × 7 h)',
};

/** Odds of a culpable crash by hours slept in the last 24 h, category midpoints, reference 7-9 h. */
export const CRASH_RISK_BY_SLEEP_CURVE: RelativeRiskCurve = {
  anchors: [
    [3.5, 15.1],
    [4.5, 2.9],
    [5.5, 1.9],
    [6.5, 1.3],
    [7, 1],
  ],
  source: 'Tefft 2018, Sleep 41(10):zsy144 (culpable crash odds: < 4 h 15.1, 4-5 h 2.9, 5-6 h 1.9, 6-7 h 1.3, vs 7-9 h)',
};

export function kssNowDraft(prediction: FatigueForecast, weight: number): ComponentDraft {
  const kss = prediction.now.kss;
  return {
    id: 'predicted_kss_now',
    label: 'Predicted sleepiness now (KSS)',
    value: kss,
    unit: 'KSS',
    subScore: scoreOn(KSS_CURVE, kss),
    weight,
    model: prediction.model,
  };
}

export function kssPeakDraft(prediction: FatigueForecast, hours: number, weight: number): ComponentDraft {
  const kss = peakKss(prediction, hours);
  return {
    id: `predicted_kss_peak_${hours}h`,
    label: `Peak predicted sleepiness over the next ${hours} h awake (KSS)`,
    value: kss,
    unit: 'KSS',
    subScore: scoreOn(KSS_CURVE, kss),
    weight,
    model: prediction.model,
  };
}

/** Hours awake, scored on their blood-alcohol equivalent; the model's extrapolation warnings are not repeated. */
export function hoursAwakeDraft(prediction: FatigueForecast, weight: number): ComponentDraft | null {
  const result = runModel(wakefulnessBacModel, { hours_awake: Math.max(0, prediction.hoursAwake) });
  if (!result.ok) return null;
  return {
    id: 'hours_awake',
    label: `Hours awake (≈ ${result.outputs.bac_equivalent_percent.toFixed(3)} % BAC equivalent)`,
    value: prediction.hoursAwake,
    unit: 'h',
    subScore: scoreOn(BAC_EQUIVALENT_CURVE, result.outputs.bac_equivalent_percent),
    weight,
    model: result.ref,
  };
}

export const sleepLast24hDraft = (prediction: FatigueForecast, weight: number, curve: 'fatigue' | 'crash'): ComponentDraft => ({
  id: 'sleep_last_24h',
  label: 'Sleep in the last 24 h',
  value: prediction.sleptLast24h,
  unit: 'h',
  subScore:
    curve === 'fatigue'
      ? scoreOn(SLEEP_LAST_24H_CURVE, prediction.sleptLast24h)
      : scoreOnRisk(CRASH_RISK_BY_SLEEP_CURVE, prediction.sleptLast24h),
  weight,
  model: null,
});

export const sleepLast48hDraft = (prediction: FatigueForecast, weight: number): ComponentDraft => ({
  id: 'sleep_last_48h',
  label: 'Sleep in the last 48 h',
  value: prediction.sleptLast48h,
  unit: 'h',
  subScore: scoreOn(SLEEP_LAST_48H_CURVE, prediction.sleptLast48h),
  weight,
  model: null,
});

/**
 * A twin made only of the fatigue forecast (fatigue, driving): insufficient, saying what sleep data it needs, without
 * a forecast; otherwise the components `build` drafts from it, with the model's warnings passed on.
 */
export function forecastTwin(
  twin: 'fatigue' | 'driving',
  ctx: ScoringContext,
  sleep: SleepSignals,
  result: FatigueForecastResult,
  build: (forecast: FatigueForecast) => { drafts: ComponentDraft[]; notes: string[] },
): TwinScore {
  const log = new SufficiencyLog();
  const window = { windowDays: RECENT_NIGHTS, coverage: recentNightCoverage(sleep) };
  if (!result.ok) {
    log.lack('nights', result.need);
    return twinResult(twin, ctx, { ...window, drafts: [], log, insufficient: result.need, notes: [] });
  }
  log.have('nights');
  const { drafts, notes } = build(result.forecast);
  return twinResult(twin, ctx, { ...window, drafts, log, insufficient: null, notes: [...notes, ...result.forecast.warnings] });
}
