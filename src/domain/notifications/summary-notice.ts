/**
 * Daily summaries and weekly reports, from the person's own data (pure: the caller reads the snapshot). A daily summary
 * sent on local date D covers the day before (steps, resting heart rate) and the night that ended on D (sleep); a weekly
 * report sent on D covers the seven days before D and the seven nights that ended D-6…D. A missing number says
 * "no data", never a guess. Email carries the numbers; push and SMS only say the summary is ready.
 */
import type { TwinFeatures } from '../twin/index.js';
import { addDays } from './local-schedule.js';
import type { Notice } from './notice.js';

export type SummaryKind = 'daily_summary' | 'weekly_report';

export interface SummaryFacts {
  readonly features: TwinFeatures;
  /** rounded mean of the twins with a score, null when none has one */
  readonly overallScore: number | null;
  readonly activeAlerts: number;
}

const NO_DATA = 'no data';
const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');
const duration = (minutes: number): string => `${Math.floor(minutes / 60)} h ${Math.round(minutes % 60)} min`;
const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const present = <T>(values: (T | null)[]): T[] => values.filter((v): v is T => v !== null);

export interface SummaryNumbers {
  readonly from: string;
  readonly to: string;
  readonly steps: number | null;
  readonly stepsDays: number;
  readonly sleepMinutes: number | null;
  readonly sleepNights: number;
  readonly restingHr: number | null;
  readonly restingHrDays: number;
}

/** The numbers for the occasion (local date `date`): means over the days that have data, with how many did. */
export function summaryNumbers(kind: SummaryKind, date: string, f: TwinFeatures): SummaryNumbers {
  const span = kind === 'daily_summary' ? 1 : 7;
  const from = addDays(date, -span);
  const to = addDays(date, -1);
  const days = f.days.filter((d) => d.date >= from && d.date <= to);
  const nights = f.nights.filter((n) => n.date > from && n.date <= date);
  const steps = present(days.map((d) => d.steps));
  const rhr = present(days.map((d) => d.resting_hr_bpm));
  const sleep = nights.map((n) => n.asleep_minutes);
  return {
    from,
    to,
    steps: mean(steps),
    stepsDays: steps.length,
    sleepMinutes: mean(sleep),
    sleepNights: sleep.length,
    restingHr: mean(rhr),
    restingHrDays: rhr.length,
  };
}

export function summaryNotice(kind: SummaryKind, date: string, facts: SummaryFacts): Notice {
  const n = summaryNumbers(kind, date, facts.features);
  const daily = kind === 'daily_summary';
  const of = (count: number, total: number) => (daily ? '' : ` (mean of ${count} of ${total} ${total === 1 ? 'day' : 'days'})`);
  const lines = daily ? [`Your daily summary for ${n.to}`, ''] : [`Your weekly report for ${n.from} to ${n.to}`, ''];
  lines.push(`Steps${daily ? '' : ' per day'}: ${n.steps === null ? NO_DATA : thousands(n.steps) + of(n.stepsDays, 7)}`);
  lines.push(
    `Sleep${daily ? ' last night' : ' per night'}: ${n.sleepMinutes === null ? NO_DATA : duration(n.sleepMinutes) + (daily ? '' : ` (mean of ${n.sleepNights} of 7 nights)`)}`,
  );
  lines.push(`Resting heart rate: ${n.restingHr === null ? NO_DATA : `${Math.round(n.restingHr)} bpm${of(n.restingHrDays, 7)}`}`);
  lines.push(
    `Overall twin score: ${facts.overallScore === null ? `${NO_DATA} (not enough data to score)` : `${facts.overallScore} / 100`}`,
  );
  lines.push(`Active alerts: ${facts.activeAlerts}`);
  lines.push(
    '',
    'Sign in to Homeostat for trends and details.',
    'You can change or turn off these messages in your notification preferences.',
  );
  const title = daily ? 'Daily summary' : 'Weekly report';
  return {
    kind,
    subject: `Homeostat: ${title.toLowerCase()} ${daily ? n.to : `${n.from} to ${n.to}`}`,
    emailText: lines.join('\n'),
    push: { title, body: `Your ${title.toLowerCase()} is ready.`, tag: kind, urgency: 'low' },
    sms: `Homeostat: your ${title.toLowerCase()} is ready. Sign in to see it.`,
  };
}
