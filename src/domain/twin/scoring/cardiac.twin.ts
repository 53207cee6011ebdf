/**
 * Cardiac twin: 10-year cardiovascular risk (PREVENT, else PCE), resting heart rate (level and change against the
 * personal baseline), HRV against the personal baseline, and daily steps. docs/models.md § cardiac.
 */
import type { TwinScore } from '../twin-score.js';
import { cardiacTenYearRisk } from '../model-inputs/index.js';
import type { ScoringContext } from './context.js';
import { addDays } from './shared/calendar.js';
import { baselineBefore, dayCoverage, MIN_RECENT_DAYS, recentMean } from './shared/daily-window.js';
import type { DoseResponse, RelativeRiskCurve } from './shared/dose-response.js';
import { scoreOn, scoreOnRisk } from './shared/dose-response.js';
import { SufficiencyLog } from './shared/sufficiency.js';
import { twinResult } from './shared/twin-result.js';
import type { ComponentDraft } from './shared/weighted-score.js';

/** 2018/2019 ACC/AHA 10-year ASCVD categories placed on the status bands: low → excellent, borderline → good, intermediate → fair, high → poor. */
export const TEN_YEAR_RISK_CURVE: DoseResponse = {
  anchors: [
    [0, 100],
    [5, 85],
    [7.5, 70],
    [20, 50],
    [40, 0],
  ],
  source:
    'Grundy et al. 2019 and Arnett et al. 2019, Circulation (ACC/AHA: low < 5 %, borderline 5-7.5 %, intermediate 7.5-20 %, high ≥ 20 %); 40 % → 0 is our end point (twice the high threshold)',
};

export const CARDIAC_WEIGHTS = { ten_year_risk: 35, resting_hr: 20, resting_hr_change: 10, hrv_change: 10, steps: 25 } as const;
/** A cardiac score needs components carrying at least this much nominal weight: the risk equation, or two wearable signals. */
export const CARDIAC_MIN_WEIGHT = 30;
const WINDOW_DAYS = 35;

/** Zhang et al. 2016: RR 1.09 per 10 bpm, a linear dose-response from the lowest category (≈ 45 bpm). */
export const RESTING_HR_CURVE: RelativeRiskCurve = {
  anchors: Array.from({ length: 9 }, (_, k) => [45 + 10 * k, 1.09 ** k] as const),
  source:
    'Zhang, Shen & Qi 2016, CMAJ 188(3):E53-E63 (46 cohorts, 1.2 M people: all-cause mortality RR 1.09 per 10 bpm of resting heart rate)',
};

export const RESTING_HR_CHANGE_CURVE: DoseResponse = {
  anchors: [
    [0, 100],
    [4, 50],
    [10, 0],
  ],
  source:
    'Alavi et al. 2022, Nat Med (NightSignal: + 3 bpm over the personal median = yellow, + 4 = red alert); Quer et al. 2020, PLoS One (a ≥ 10 bpm weekly swing is rare within a person)',
};

export const HRV_RATIO_CURVE: DoseResponse = {
  anchors: [
    [0.7, 0],
    [0.85, 50],
    [1, 100],
  ],
  source:
    'our convention (no published threshold for a fall against one’s own baseline), motivated by Hillebrand et al. 2013, Europace (lower SDNN predicts first cardiovascular events); weight kept low',
};

/** Paluch et al. 2022 quartile medians and HRs (vs the lowest quartile), re-expressed against the most active quartile. */
const PALUCH_QUARTILES = [
  [3553, 1],
  [5801, 0.6],
  [7842, 0.55],
  [10901, 0.47],
] as const;
export const STEPS_CURVE: RelativeRiskCurve = {
  anchors: PALUCH_QUARTILES.map(([steps, hr]) => [steps, hr / 0.47] as const),
  source:
    'Paluch et al. 2022, Lancet Public Health 7(3):e219-e228 (15 cohorts, 47,471 adults: all-cause mortality HR 1, 0.60, 0.55, 0.47 at quartile medians 3,553, 5,801, 7,842, 10,901 steps/day)',
};

export function scoreCardiac(ctx: ScoringContext): TwinScore {
  const f = ctx.features;
  const log = new SufficiencyLog();
  const drafts: ComponentDraft[] = [];
  const notes: string[] = [];
  const extraModels: string[] = [];

  const risk = cardiacTenYearRisk(f);
  if (risk.ok) {
    const { equation, category, risk10y, model, models, inputs, warnings } = risk.value;
    const percent = 100 * risk10y;
    drafts.push({
      id: 'ten_year_cvd_risk',
      label: `10-year ASCVD risk (${equation}${category ? `, ${category}` : ''})`,
      value: percent,
      unit: '%',
      subScore: scoreOn(TEN_YEAR_RISK_CURVE, percent),
      weight: CARDIAC_WEIGHTS.ten_year_risk,
      model,
    });
    extraModels.push(...models.filter((m) => m !== model));
    inputs.forEach((input) => log.have(input));
    notes.push(...warnings);
  } else {
    risk.missing.forEach((m) => log.lack(m.input, m.need));
    // A range or applicability refusal is worth a note; plain missing inputs are already in data_sufficiency.
    if (/not (applicable|used)|could not be computed/.test(risk.reason)) notes.push(`10-year risk not computed: ${risk.reason}`);
  }

  const recentDays = `${MIN_RECENT_DAYS} of the 7 days before today`;
  const rhr = recentMean(f.days, 'resting_hr_bpm', ctx.today);
  const rhrBaseline = baselineBefore(f.days, 'resting_hr_bpm', ctx.today);
  if (rhr.value !== null) {
    log.have('days.resting_hr_bpm');
    drafts.push({
      id: 'resting_hr',
      label: 'Resting heart rate (7-day mean)',
      value: rhr.value,
      unit: 'bpm',
      subScore: scoreOnRisk(RESTING_HR_CURVE, rhr.value),
      weight: CARDIAC_WEIGHTS.resting_hr,
      model: null,
    });
    if (rhrBaseline) {
      const change = rhr.value - rhrBaseline.value;
      drafts.push({
        id: 'resting_hr_vs_baseline',
        label: `Resting heart rate against personal baseline (${rhrBaseline.value.toFixed(1)} bpm)`,
        value: change,
        unit: 'bpm',
        subScore: scoreOn(RESTING_HR_CHANGE_CURVE, change),
        weight: CARDIAC_WEIGHTS.resting_hr_change,
        model: null,
      });
    } else {
      log.lack('days.resting_hr_bpm (baseline)', 'resting heart rate on at least 7 of the 28 days before the last week');
    }
  } else {
    log.lack('days.resting_hr_bpm', `resting heart rate on at least ${recentDays}`);
  }

  const hrv = recentMean(f.days, 'hrv_sdnn_ms', ctx.today);
  const hrvBaseline = baselineBefore(f.days, 'hrv_sdnn_ms', ctx.today);
  if (hrv.value !== null && hrvBaseline && hrvBaseline.value > 0) {
    log.have('days.hrv_sdnn_ms');
    const ratio = hrv.value / hrvBaseline.value;
    drafts.push({
      id: 'hrv_vs_baseline',
      label: `HRV (SDNN) against personal baseline (${hrvBaseline.value.toFixed(1)} ms)`,
      value: ratio,
      unit: 'ratio',
      subScore: scoreOn(HRV_RATIO_CURVE, ratio),
      weight: CARDIAC_WEIGHTS.hrv_change,
      model: null,
    });
  } else {
    log.lack('days.hrv_sdnn_ms', `HRV (SDNN) on at least ${recentDays} and on 7 of the 28 days before them`);
  }

  const steps = recentMean(f.days, 'steps', ctx.today);
  if (steps.value !== null) {
    log.have('days.steps');
    drafts.push({
      id: 'daily_steps',
      label: 'Daily steps (7-day mean)',
      value: steps.value,
      unit: 'steps/day',
      subScore: scoreOnRisk(STEPS_CURVE, steps.value),
      weight: CARDIAC_WEIGHTS.steps,
      model: null,
    });
  } else {
    log.lack('days.steps', `step counts on at least ${recentDays}`);
  }

  const presentWeight = drafts.reduce((sum, d) => sum + d.weight, 0);
  return twinResult('cardiac', ctx, {
    drafts,
    log,
    insufficient:
      presentWeight >= CARDIAC_MIN_WEIGHT
        ? null
        : `the components present carry ${presentWeight} % of the weight; at least ${CARDIAC_MIN_WEIGHT} % is needed`,
    windowDays: WINDOW_DAYS,
    coverage: dayCoverage(f.days, 'resting_hr_bpm', { from: addDays(ctx.today, -WINDOW_DAYS), to: addDays(ctx.today, -1) }),
    extraModels,
    notes,
  });
}
