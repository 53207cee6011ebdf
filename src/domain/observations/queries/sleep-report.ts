/**
 * Twin `GET /health/sleep`: sleep sessions built from the stored `sleep_stage` samples (sleep/ buildSleepSessions),
 * each with its documented summaries (summaries/: sleepQualityScore, restlessness), the mean HRV (SDNN) and
 * respiratory rate measured during it, and the window's sleep debt (sleepDebt over the 14 nights ending at end_date).
 *
 * A night is dated by the LOCAL DATE OF WAKING (SleepSession.night_date, sleep/README.md rule 2): the night of
 * 1→2 December is `2025-12-02`. The window keeps the sessions whose date is in [start_date, end_date]; naps are
 * sessions too (`nap: true`) but the averages are over main sleeps only (naps get no quality score).
 */
import { buildSleepSessions, type SleepSession } from '../sleep/index.js';
import { sourceRank, type SourcePriority } from '../sources/index.js';
import { DAY_MS, type ObservationReader, type StoredObservation } from '../store/index.js';
import { restlessness, sleepDebt, sleepQualityScore, type RestlessnessLevel, type SleepDebt } from '../summaries/index.js';
import type { Abstention } from './abstention.js';
import { ageOn, dateKey, type DateWindow } from './calendar.js';
import { readAll } from './store-access.js';
import { rowSourceClass, sleepSampleOf } from './stored-rows.js';

/** Longest window, days: a night has tens of stage samples, so 92 nights stay a few thousand rows. */
export const SLEEP_MAX_DAYS = 92;

/** Samples are read this far beyond the window: a night's first sample precedes its wake-up date by up to a day, plus the zone's offset. */
const MARGIN_MS = 2 * DAY_MS;

export interface SleepSessionReport {
  /** local date of waking */
  readonly date: string;
  readonly nap: boolean;
  readonly sleepStartMs: number;
  readonly sleepEndMs: number;
  /** asleep time (deep + core + rem + unspecified) */
  readonly totalSleepMinutes: number;
  /** sleep_start → sleep_end, awake time inside included */
  readonly sleepPeriodMinutes: number;
  readonly timeInBedMinutes: number | null;
  readonly stages: {
    readonly deep: number;
    readonly core: number;
    readonly rem: number;
    readonly awake: number;
    readonly unspecified: number;
  };
  readonly efficiency: number | null;
  readonly awakenings: number;
  readonly wasoMinutes: number;
  readonly qualityScore: number | null;
  readonly hrvAvg: number | null;
  readonly respiratoryRateAvg: number | null;
  readonly restlessness: RestlessnessLevel | null;
  /** the session's best source under the person's priority */
  readonly source: string;
  readonly sources: readonly string[];
  /** why a field is null, by Twin field name */
  readonly dataSufficiency: Readonly<Record<string, Abstention>>;
}

export interface SleepReport {
  readonly sessions: readonly SleepSessionReport[];
  readonly summary: {
    readonly avgDurationMinutes: number | null;
    readonly avgQualityScore: number | null;
    readonly sleepDebt: SleepDebt | null;
    readonly mainSleeps: number;
    readonly naps: number;
    readonly dataSufficiency: Readonly<Record<string, Abstention>>;
  };
}

export interface SleepReportQuery {
  readonly personId: string;
  readonly window: DateWindow;
  readonly dateOfBirth: string | null;
  readonly priority: SourcePriority;
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export async function sleepReport(reader: ObservationReader, q: SleepReportQuery): Promise<SleepReport> {
  const debtFromKey = q.window.toKey - 14 * DAY_MS;
  const fromMs = Math.min(q.window.fromKey, debtFromKey) - MARGIN_MS;
  const toMs = q.window.toKey + MARGIN_MS;
  const [stageRows, hrvRows, respiratoryRows] = await Promise.all([
    readAll(reader, q.personId, ['sleep_stage'], fromMs, toMs),
    readAll(reader, q.personId, ['hrv_sdnn'], fromMs, toMs),
    readAll(reader, q.personId, ['respiratory_rate'], fromMs, toMs),
  ]);

  const classes = new Map(stageRows.map((r) => [r.source_name, rowSourceClass(r)] as const));
  const rank = (source: string): number => sourceRank(q.priority, { source, sourceClass: classes.get(source) ?? 'app' });
  const { sessions } = buildSleepSessions(stageRows.flatMap(sleepSampleOf), { sourceRank: rank });

  const inWindow = sessions.filter((s) => {
    const key = dateKey(s.night_date)!;
    return key >= q.window.fromKey && key < q.window.toKey;
  });
  const reports = inWindow.map((s) => sessionReport(s, q.dateOfBirth, rank, hrvRows, respiratoryRows));

  const main = reports.filter((r) => !r.nap);
  const scores = main.flatMap((r) => (r.qualityScore === null ? [] : [r.qualityScore]));
  const summarySufficiency: Record<string, Abstention> = {};
  if (main.length === 0) {
    const none = { reason: 'no_sessions', message: 'no main sleep session is dated in the window' };
    summarySufficiency['avg_duration_minutes'] = none;
    summarySufficiency['avg_quality_score'] = none;
  } else if (scores.length === 0) {
    summarySufficiency['avg_quality_score'] = { reason: 'no_scores', message: 'no session in the window has a quality score' };
  }
  const debt = sleepDebt({
    as_of: q.window.endDate,
    nights: sessions.map((s) => ({ night_date: s.night_date, total_sleep_minutes: s.total_sleep_minutes })),
    age_years: ageOn(q.dateOfBirth, q.window.endDate),
  });
  if (debt.value === null) summarySufficiency['sleep_debt_hours'] = { reason: debt.reason, message: debt.message };

  return {
    sessions: reports,
    summary: {
      avgDurationMinutes: mean(main.map((r) => r.totalSleepMinutes)),
      avgQualityScore: mean(scores),
      sleepDebt: debt.value === null ? null : debt,
      mainSleeps: main.length,
      naps: reports.length - main.length,
      dataSufficiency: summarySufficiency,
    },
  };
}

function sessionReport(
  s: SleepSession,
  dateOfBirth: string | null,
  rank: (source: string) => number,
  hrvRows: readonly StoredObservation[],
  respiratoryRows: readonly StoredObservation[],
): SleepSessionReport {
  const start = Date.parse(s.sleep_start);
  const end = Date.parse(s.sleep_end);
  const during = (rows: readonly StoredObservation[]) =>
    rows.filter((r) => r.start_ms >= start && r.start_ms <= end && r.value !== null).map((r) => r.value as number);
  const hrv = during(hrvRows);
  const respiratory = during(respiratoryRows);
  const age = ageOn(dateOfBirth, s.night_date);
  const quality = sleepQualityScore(s, age);
  const restless = restlessness(s, age);

  const sufficiency: Record<string, Abstention> = {};
  if (quality.value === null) sufficiency['quality_score'] = { reason: quality.reason, message: quality.message };
  if (restless.value === null) sufficiency['restlessness'] = { reason: restless.reason, message: restless.message };
  if (hrv.length === 0) sufficiency['hrv_avg'] = { reason: 'no_samples', message: 'no HRV (SDNN) sample was recorded during the session' };
  if (respiratory.length === 0) {
    sufficiency['respiratory_rate_avg'] = { reason: 'no_samples', message: 'no respiratory-rate sample was recorded during the session' };
  }
  const sources = [...s.sources].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    date: s.night_date,
    nap: s.nap,
    sleepStartMs: start,
    sleepEndMs: end,
    totalSleepMinutes: s.total_sleep_minutes,
    sleepPeriodMinutes: Math.round((end - start) / 60_000),
    timeInBedMinutes: s.time_in_bed_minutes,
    stages: {
      deep: s.stages.deep_minutes,
      core: s.stages.core_minutes,
      rem: s.stages.rem_minutes,
      awake: s.stages.awake_minutes,
      unspecified: s.stages.unspecified_minutes,
    },
    efficiency: s.efficiency,
    awakenings: s.awakenings,
    wasoMinutes: s.awake_after_sleep_onset_minutes,
    qualityScore: quality.value,
    hrvAvg: mean(hrv),
    respiratoryRateAvg: mean(respiratory),
    restlessness: restless.value,
    source: sources[0] ?? '',
    sources,
    dataSufficiency: sufficiency,
  };
}
