/**
 * Sleep twin: habitual duration against the NSF need for the person's age, efficiency, regularity (SRI) and the
 * 14-night sleep debt. docs/models.md § sleep.
 */
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import type { DoseResponse } from './shared/dose-response.js';
import { scoreOn } from './shared/dose-response.js';
import type { SleepSignals } from './shared/sleep-signals.js';
import { MIN_RECENT_NIGHTS } from './shared/sleep-signals.js';
import { SufficiencyLog } from './shared/sufficiency.js';
import { twinResult } from './shared/twin-result.js';
import type { ComponentDraft } from './shared/weighted-score.js';

export const SLEEP_WEIGHTS = { duration: 35, efficiency: 15, regularity: 20, debt: 30 } as const;
const WINDOW_NIGHTS = 14;

export const EFFICIENCY_CURVE: DoseResponse = {
  anchors: [
    [0.74, 0],
    [0.85, 100],
  ],
  source: 'Ohayon et al. 2017, Sleep Health (NSF sleep quality: efficiency ≥ 85 % good, ≤ 74 % poor)',
};

export const REGULARITY_CURVE: DoseResponse = {
  anchors: [
    [0, 0],
    [73.8, 70],
    [81, 85],
    [86.3, 100],
  ],
  source:
    'Windred et al. 2024, Sleep 47(1):zsad253 (UK Biobank, 60,977 adults: SRI median 81.0, IQR 73.8-86.3; the four more regular quintiles had 20-48 % lower all-cause mortality than the least regular); SRI 0 = no more regular than chance (Phillips et al. 2017)',
};

export const SLEEP_DEBT_CURVE: DoseResponse = {
  anchors: [
    [0, 100],
    [14, 50],
    [28, 0],
  ],
  source:
    'Belenky et al. 2003, J Sleep Res (≈ 1 h short a night, 7 h in bed: performance fell and had not recovered after 3 recovery nights); Van Dongen et al. 2003, Sleep (≈ 2 h short a night for 14 nights, 6 h in bed: as impaired as after a night without sleep)',
};

/** Exported so the mental-health twin scores its passive sleep signals the same way. */
export function durationDraft(sleep: SleepSignals, weight: number): ComponentDraft | null {
  if (sleep.durationHours === null || sleep.durationCurve === null) return null;
  return {
    id: 'sleep_duration',
    label: 'Average sleep duration (last 7 nights)',
    value: sleep.durationHours,
    unit: 'h',
    subScore: scoreOn(sleep.durationCurve, sleep.durationHours),
    weight,
    model: null,
  };
}

export function regularityDraft(sleep: SleepSignals, weight: number): ComponentDraft | null {
  if (!sleep.regularity.ok) return null;
  return {
    id: 'sleep_regularity',
    label: `Sleep regularity index (last ${sleep.regularity.nights} nights)`,
    value: sleep.regularity.sri,
    unit: 'SRI',
    subScore: scoreOn(REGULARITY_CURVE, sleep.regularity.sri),
    weight,
    model: sleep.regularity.ref,
  };
}

export function scoreSleep(ctx: ScoringContext, sleep: SleepSignals): TwinScore {
  const log = new SufficiencyLog();
  const drafts: ComponentDraft[] = [];
  const notes: string[] = [];

  const duration = durationDraft(sleep, SLEEP_WEIGHTS.duration);
  if (duration) {
    drafts.push(duration);
    log.have('nights.asleep_minutes');
    if (sleep.ageAssumed) notes.push('age unknown: the NSF duration range for adults 26-64 was used');
  } else if (sleep.durationCurve === null) {
    log.lack('profile.age_years', 'an age of 6 or more: the NSF duration recommendations start at 6 years');
  } else {
    log.lack('nights.asleep_minutes', `main sleeps on at least ${MIN_RECENT_NIGHTS} of the last 7 nights (found ${sleep.recent.length})`);
  }

  if (sleep.efficiency) {
    drafts.push({
      id: 'sleep_efficiency',
      label: 'Average sleep efficiency (last 7 nights)',
      value: sleep.efficiency.value,
      unit: 'fraction',
      subScore: scoreOn(EFFICIENCY_CURVE, sleep.efficiency.value),
      weight: SLEEP_WEIGHTS.efficiency,
      model: null,
    });
    log.have('nights.efficiency');
  } else {
    log.lack('nights.efficiency', `time-in-bed data (efficiency) on at least ${MIN_RECENT_NIGHTS} of the last 7 nights`);
  }

  const regularity = regularityDraft(sleep, SLEEP_WEIGHTS.regularity);
  if (regularity && sleep.regularity.ok) {
    drafts.push(regularity);
    log.have('nights.sleep_start/sleep_end');
    notes.push(...sleep.regularity.warnings);
  } else if (!sleep.regularity.ok) {
    log.lack('nights.sleep_start/sleep_end', sleep.regularity.need);
  }

  if (sleep.debt.value !== null) {
    const hours = sleep.debt.debt_minutes / 60;
    drafts.push({
      id: 'sleep_debt',
      label: `Sleep debt (last 14 nights, need ${sleep.debt.need_minutes / 60} h)`,
      value: hours,
      unit: 'h',
      subScore: scoreOn(SLEEP_DEBT_CURVE, hours),
      weight: SLEEP_WEIGHTS.debt,
      model: null,
    });
    log.have('nights (14-night debt)');
  } else {
    log.lack('nights (14-night debt)', sleep.debt.message);
  }

  return twinResult('sleep', ctx, {
    drafts,
    log,
    insufficient: duration ? null : 'the recent sleep duration is the core of the sleep twin and could not be measured',
    windowDays: WINDOW_NIGHTS,
    coverage: sleep.nightsIn14 / WINDOW_NIGHTS,
    notes,
  });
}
