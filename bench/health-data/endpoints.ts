/** The endpoints the vitals benchmark measures, with the windows and the checks their first answer must pass. */
import type { SeedManifest } from './seed.js';

const DAY_MS = 86_400_000;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => isoDate(Date.parse(date) + days * DAY_MS);

export interface Endpoint {
  readonly name: string;
  readonly path: string;
  readonly auth: boolean;
  /** Checks a 200 body; returns what is wrong, or null. */
  readonly check: (body: unknown) => string | null;
  /** The same bytes on every request (so each answer's length is checked too). */
  readonly stableBody: boolean;
  /** Held to the p95 goal. */
  readonly goal: boolean;
}

interface VitalsBody {
  data: Array<{ timestamp: string; date?: string; metric: string; sample_count: number }>;
  pagination: { total_count: number; has_more: boolean };
  summary: { sample_count: number } | null;
}

function vitalsCheck(expected: number, first: string, last: string, daily: boolean): (body: unknown) => string | null {
  return (raw) => {
    const body = raw as VitalsBody;
    if (!Array.isArray(body.data)) return 'no data array';
    if (body.data.length !== expected) return `${body.data.length} points, expected ${expected}`;
    if (body.pagination.total_count !== expected || body.pagination.has_more) return `pagination ${JSON.stringify(body.pagination)}`;
    if (body.data.some((p) => p.metric !== 'heart_rate' || !(p.sample_count > 0))) return 'a point is not a heart-rate point with samples';
    for (let i = 1; i < body.data.length; i++) if (body.data[i]!.timestamp <= body.data[i - 1]!.timestamp) return 'points out of order';
    const ends = daily ? [body.data[0]!.date, body.data.at(-1)!.date] : [body.data[0]!.timestamp, body.data.at(-1)!.timestamp];
    if (ends[0] !== first || ends[1] !== last) return `points run ${ends[0]} … ${ends[1]}, expected ${first} … ${last}`;
    return null;
  };
}

export function endpoints(manifest: SeedManifest): Endpoint[] {
  const last = manifest.lastDate;
  const dailyDays = Math.min(365, manifest.settings.days);
  const dailyStart = addDays(last, -(dailyDays - 1));
  // Hourly windows are UTC days: end the window the day before the last local date, so every UTC hour of it has data
  // whatever the offset (a summer last day ends at 23:00 UTC).
  const hourlyEnd = addDays(last, -1);
  const hourlyStart = addDays(hourlyEnd, -29);
  const vitals = (from: string, to: string, granularity: string) =>
    `/v1/health/vitals?start_date=${from}&end_date=${to}&metric=heart_rate&granularity=${granularity}&limit=1000`;
  return [
    { name: 'health', path: '/health', auth: false, check: () => null, stableBody: false, goal: false },
    {
      name: 'vitals_daily_365d',
      path: vitals(dailyStart, last, 'daily'),
      auth: true,
      check: vitalsCheck(dailyDays, dailyStart, last, true),
      stableBody: true,
      goal: true,
    },
    {
      name: 'vitals_hourly_30d',
      path: vitals(hourlyStart, hourlyEnd, 'hourly'),
      auth: true,
      check: vitalsCheck(30 * 24, `${hourlyStart}T00:00:00Z`, `${hourlyEnd}T23:00:00Z`, false),
      stableBody: true,
      goal: true,
    },
    {
      name: 'activity_day',
      path: `/v1/health/activity?date=${addDays(last, -1)}`,
      auth: true,
      check: (raw) => {
        const body = raw as { date: string; steps: number | null; active_minutes: number | null };
        return body.date === addDays(last, -1) && body.steps !== null && body.steps > 0
          ? null
          : `unexpected activity ${JSON.stringify(body).slice(0, 200)}`;
      },
      stableBody: true,
      goal: false,
    },
    {
      name: 'sleep_7d',
      path: `/v1/health/sleep?start_date=${addDays(last, -7)}&end_date=${addDays(last, -1)}`,
      auth: true,
      check: (raw) => {
        const body = raw as { sleep_sessions: Array<{ nap: boolean }>; summary: { main_sleeps: number } };
        const main = body.sleep_sessions.filter((s) => !s.nap).length;
        return main === 7 && body.summary.main_sleeps === 7 ? null : `${main} main sleeps, expected 7`;
      },
      stableBody: true,
      goal: false,
    },
  ];
}
