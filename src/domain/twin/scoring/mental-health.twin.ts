/**
 * Mental-health twin: the latest PHQ-9 and GAD-7 (severity bands) carry the score; passive signals (sleep regularity
 * and duration, a fall in activity against the personal baseline) are secondary and never score on their own: they
 * are not validated measures of depression or anxiety. docs/models.md § mental health.
 */
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import { durationDraft, regularityDraft } from './sleep.twin.js';
import { parseInstantMs } from './shared/calendar.js';
import { baselineBefore, recentMean } from './shared/daily-window.js';
import type { DoseResponse } from './shared/dose-response.js';
import { ladderScore, scoreOn } from './shared/dose-response.js';
import { gad7Model, phq9Model } from '../../models/index.js';
import { runModel } from '../model-inputs/index.js';
import type { SleepSignals } from './shared/sleep-signals.js';
import { SufficiencyLog } from './shared/sufficiency.js';
import { twinResult, weightCoverage } from './shared/twin-result.js';
import type { ComponentDraft } from './shared/weighted-score.js';

export const MENTAL_HEALTH_WEIGHTS = { phq9: 45, gad7: 35, sleep_regularity: 7, sleep_duration: 7, activity_change: 6 } as const;
const TOTAL_WEIGHT = 100;
/** Both instruments ask about the last 2 weeks; an answer is used for two such periods, then it is too old. */
export const QUESTIONNAIRE_MAX_AGE_DAYS = 28;
/** A positive PHQ-9 item 9 needs clinical follow-up whatever the total: the twin never shows better than "poor". */
export const ITEM9_CAP = 49;

export const PHQ9_LADDER = ['minimal', 'mild', 'moderate', 'moderately_severe', 'severe'] as const;
export const GAD7_LADDER = ['minimal', 'mild', 'moderate', 'severe'] as const;

export const ACTIVITY_RATIO_CURVE: DoseResponse = {
  anchors: [
    [0.5, 0],
    [1, 100],
  ],
  source:
    'our convention (steps at or above the personal baseline → 100, half of it → 0), motivated by Schuch et al. 2018, Am J Psychiatry (less activity, more incident depression); a secondary signal with a small weight',
};

const DAY_MS = 86_400_000;

/** Item scores that reproduce a known total (and item 9): the library scores items, the snapshot keeps totals. */
function itemsFor(total: number, count: number, last: number | null): number[] | null {
  const fixedLast = last ?? 0;
  let rest = total - fixedLast;
  const free = last === null ? count : count - 1;
  if (!Number.isInteger(total) || !Number.isInteger(fixedLast) || fixedLast < 0 || fixedLast > 3 || rest < 0 || rest > 3 * free)
    return null;
  const items = Array.from({ length: free }, () => {
    const item = Math.min(3, rest);
    rest -= item;
    return item;
  });
  return last === null ? items : [...items, fixedLast];
}

export function scoreMentalHealth(ctx: ScoringContext, sleep: SleepSignals): TwinScore {
  const f = ctx.features;
  const log = new SufficiencyLog();
  const drafts: ComponentDraft[] = [];
  const notes: string[] = [];
  let cap: { max: number; why: string } | null = null;
  const fresh = (at: string, name: string): boolean => {
    const ageDays = (ctx.asOfMs - parseInstantMs(at, `questionnaires.${name}.at`)) / DAY_MS;
    if (ageDays < 0) notes.push(`${name} dated after as_of: not used`);
    else if (ageDays > QUESTIONNAIRE_MAX_AGE_DAYS)
      notes.push(`${name} is ${Math.floor(ageDays)} days old (more than ${QUESTIONNAIRE_MAX_AGE_DAYS}): not used`);
    return ageDays >= 0 && ageDays <= QUESTIONNAIRE_MAX_AGE_DAYS;
  };
  const need = `answered in the last ${QUESTIONNAIRE_MAX_AGE_DAYS} days`;

  const phq9 = f.questionnaires.phq9;
  const phq9Items = phq9 ? itemsFor(phq9.total, 9, phq9.item9) : null;
  if (phq9 && fresh(phq9.at, 'phq9') && phq9Items) {
    const result = runModel(phq9Model, { items: phq9Items });
    if (result.ok) {
      log.have('questionnaires.phq9');
      const { severity, total, item9_positive } = result.outputs;
      drafts.push({
        id: 'phq9',
        label: `PHQ-9 depression (${severity})`,
        value: total,
        unit: 'points',
        subScore: ladderScore(PHQ9_LADDER, severity),
        weight: MENTAL_HEALTH_WEIGHTS.phq9,
        model: result.ref,
      });
      if (item9_positive)
        cap = {
          max: ITEM9_CAP,
          why: 'PHQ-9 item 9 is positive (thoughts of death or self-harm): assess suicide risk regardless of the total (Kroenke et al. 2001)',
        };
    }
  } else {
    if (phq9 && !phq9Items) notes.push('phq9 total/item 9 impossible (total 0-27, item 9 0-3 and at most the total): not used');
    log.lack('questionnaires.phq9', `a PHQ-9 ${need}`);
  }

  const gad7 = f.questionnaires.gad7;
  const gad7Items = gad7 ? itemsFor(gad7.total, 7, null) : null;
  if (gad7 && fresh(gad7.at, 'gad7') && gad7Items) {
    const result = runModel(gad7Model, { items: gad7Items });
    if (result.ok) {
      log.have('questionnaires.gad7');
      const { severity, total } = result.outputs;
      drafts.push({
        id: 'gad7',
        label: `GAD-7 anxiety (${severity})`,
        value: total,
        unit: 'points',
        subScore: ladderScore(GAD7_LADDER, severity),
        weight: MENTAL_HEALTH_WEIGHTS.gad7,
        model: result.ref,
      });
    }
  } else {
    if (gad7 && !gad7Items) notes.push('gad7 total impossible (0-21): not used');
    log.lack('questionnaires.gad7', `a GAD-7 ${need}`);
  }
  const questionnaires = drafts.length;

  const regularity = regularityDraft(sleep, MENTAL_HEALTH_WEIGHTS.sleep_regularity);
  if (regularity) drafts.push({ ...regularity, label: `${regularity.label} — secondary signal` });
  else log.lack('nights (regularity)', 'main sleeps on at least 7 consecutive nights');
  const duration = durationDraft(sleep, MENTAL_HEALTH_WEIGHTS.sleep_duration);
  if (duration) drafts.push({ ...duration, label: `${duration.label} — secondary signal` });
  else log.lack('nights (duration)', 'main sleeps on at least 4 of the last 7 nights');
  const steps = recentMean(f.days, 'steps', ctx.today);
  const baseline = baselineBefore(f.days, 'steps', ctx.today);
  if (steps.value !== null && baseline && baseline.value > 0) {
    log.have('days.steps');
    const ratio = steps.value / baseline.value;
    drafts.push({
      id: 'activity_vs_baseline',
      label: `Steps against personal baseline (${Math.round(baseline.value)}/day) — secondary signal`,
      value: ratio,
      unit: 'ratio',
      subScore: scoreOn(ACTIVITY_RATIO_CURVE, ratio),
      weight: MENTAL_HEALTH_WEIGHTS.activity_change,
      model: null,
    });
  } else log.lack('days.steps', 'steps on at least 4 of the last 7 days and 7 of the 28 days before them');

  if (questionnaires > 0 && drafts.length > questionnaires)
    notes.push('passive signals (sleep, activity) are secondary: 20 % of the weight at most');
  return twinResult('mental_health', ctx, {
    drafts: questionnaires > 0 ? drafts : [],
    log,
    insufficient:
      questionnaires > 0
        ? null
        : `no PHQ-9 or GAD-7 ${need}: passive signals alone do not measure depression or anxiety, so they never make a mental-health score`,
    windowDays: QUESTIONNAIRE_MAX_AGE_DAYS,
    coverage: weightCoverage(questionnaires > 0 ? drafts : [], TOTAL_WEIGHT),
    cap,
    notes,
  });
}
