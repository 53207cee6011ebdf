/**
 * Sleep samples → sleep sessions, one per night (plus naps). Pure: no I/O, no clock, no machine time zone.
 * Every rule used here is written down, with its reason, in README.md beside this file.
 */
import { formatInstant, localAtOffset, localInZone, type LocalDateTime } from './local-time.js';
import { normalizeSamples, type NormalizedSample, type SleepSample, type SleepWarning } from './sleep-sample.js';
import { isAsleep, type SleepStage } from './sleep-stage.js';
import { unionTimeline, type Segment } from './sleep-timeline.js';

const MINUTE_MS = 60_000;

export interface SleepSessionOptions {
  /** a gap with no sample of at least this many minutes starts a new session (default 180) */
  readonly gapMinutes?: number;
  /** a session is a nap when its total sleep is below this many minutes … (default 180) */
  readonly napMaxSleepMinutes?: number;
  /** … and it ends (local time, minutes after midnight) in [napEndFrom, napEndTo) (defaults 600 = 10:00, 1200 = 20:00) */
  readonly napEndFromMinuteOfDay?: number;
  readonly napEndToMinuteOfDay?: number;
  /**
   * Source priority, lower wins; decides only between conflicting specific stages (awake/core/rem/deep) from
   * different sources. Default: all sources equal. See `rankFromPriorityList`.
   */
  readonly sourceRank?: (source: string) => number;
}

export const SLEEP_SESSION_DEFAULTS = {
  gapMinutes: 180,
  napMaxSleepMinutes: 180,
  napEndFromMinuteOfDay: 10 * 60,
  napEndToMinuteOfDay: 20 * 60,
} as const;

/** The zone the night was dated in. */
export type SessionTimeZone =
  | { readonly kind: 'iana'; readonly time_zone: string }
  | { readonly kind: 'utc_offset'; readonly utc_offset_minutes: number }
  | { readonly kind: 'utc_assumed' };

export interface SleepStageMinutes {
  readonly deep_minutes: number;
  /** HealthKit "core" = Twin's `light_minutes` */
  readonly core_minutes: number;
  readonly rem_minutes: number;
  /** asleep without a stage (pre-watchOS 9 Apple Watch, phone apps, manual entries) */
  readonly unspecified_minutes: number;
  readonly awake_minutes: number;
}

export interface SleepSession {
  /** local date (YYYY-MM-DD) on which the sleep ended: the morning you wake up */
  readonly night_date: string;
  readonly nap: boolean;
  /** UTC instants where sleep begins / ends on the union timeline */
  readonly sleep_start: string;
  readonly sleep_end: string;
  /** extent of the session (all its samples) when it has in_bed samples, else null */
  readonly in_bed_start: string | null;
  readonly in_bed_end: string | null;
  /** covered time of the session (in_bed ∪ every stage) when it has in_bed samples, else null */
  readonly time_in_bed_minutes: number | null;
  /** asleep stages only (deep + core + rem + unspecified) */
  readonly total_sleep_minutes: number;
  readonly stages: SleepStageMinutes;
  /** awake time between sleep_start and sleep_end (WASO) */
  readonly awake_after_sleep_onset_minutes: number;
  /** total sleep ÷ time in bed (0…1, 4 decimals) when in_bed samples exist, else null */
  readonly efficiency: number | null;
  /** awake episodes between two stretches of sleep */
  readonly awakenings: number;
  readonly sources: string[];
  readonly time_zone: SessionTimeZone;
}

export interface SleepSessionsResult {
  readonly sessions: SleepSession[];
  readonly warnings: SleepWarning[];
}

/** `['Apple Watch', 'Oura']` → rank by position; sources not in the list come after all listed ones. */
export function rankFromPriorityList(priority: readonly string[]): (source: string) => number {
  const ranks = new Map(priority.map((s, i) => [s, i] as const));
  return (source) => ranks.get(source) ?? priority.length;
}

export function buildSleepSessions(input: readonly SleepSample[], options: SleepSessionOptions = {}): SleepSessionsResult {
  const opts: ResolvedOptions = {
    gapMinutes: options.gapMinutes ?? SLEEP_SESSION_DEFAULTS.gapMinutes,
    napMaxSleepMinutes: options.napMaxSleepMinutes ?? SLEEP_SESSION_DEFAULTS.napMaxSleepMinutes,
    napEndFromMinuteOfDay: options.napEndFromMinuteOfDay ?? SLEEP_SESSION_DEFAULTS.napEndFromMinuteOfDay,
    napEndToMinuteOfDay: options.napEndToMinuteOfDay ?? SLEEP_SESSION_DEFAULTS.napEndToMinuteOfDay,
    sourceRank: options.sourceRank ?? (() => 0),
  };
  const { samples, warnings } = normalizeSamples(input);
  const sessions: SleepSession[] = [];
  for (const group of groupSamples(samples, opts.gapMinutes * MINUTE_MS)) {
    const session = summarise(group, opts, warnings);
    if (session) sessions.push(session);
  }
  sessions.sort((a, b) => (a.sleep_start < b.sleep_start ? -1 : a.sleep_start > b.sleep_start ? 1 : 0));
  return { sessions, warnings };
}

/** Clusters of samples separated by gaps (no sample at all) of at least `gapMs`. */
function groupSamples(samples: readonly NormalizedSample[], gapMs: number): NormalizedSample[][] {
  const sorted = [...samples].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const groups: NormalizedSample[][] = [];
  let current: NormalizedSample[] = [];
  let coveredUntil = -Infinity;
  for (const s of sorted) {
    if (current.length > 0 && s.startMs - coveredUntil >= gapMs) {
      groups.push(current);
      current = [];
    }
    current.push(s);
    coveredUntil = Math.max(coveredUntil, s.endMs);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

type ResolvedOptions = Required<SleepSessionOptions>;

function summarise(group: readonly NormalizedSample[], opts: ResolvedOptions, warnings: SleepWarning[]): SleepSession | null {
  const rank = opts.sourceRank;
  const segments = unionTimeline(group.map((s) => ({ startMs: s.startMs, endMs: s.endMs, stage: s.stage, rank: rank(s.source) })));
  const asleep = segments.filter((s) => isAsleep(s.stage));
  const first = asleep[0];
  const last = asleep[asleep.length - 1];
  const extentStart = Math.min(...group.map((s) => s.startMs));
  const extentEnd = Math.max(...group.map((s) => s.endMs));
  if (!first || !last) {
    warnings.push({
      code: 'no_sleep_in_session',
      message: `samples from ${formatInstant(extentStart)} to ${formatInstant(extentEnd)} contain no sleep; no session made`,
    });
    return null;
  }
  const sleepStartMs = first.startMs;
  const sleepEndMs = last.endMs;

  const ms: Record<SleepStage, number> = { in_bed: 0, asleep_unspecified: 0, awake: 0, asleep_core: 0, asleep_deep: 0, asleep_rem: 0 };
  let coveredMs = 0;
  let wasoMs = 0;
  for (const seg of segments) {
    const d = seg.endMs - seg.startMs;
    ms[seg.stage] += d;
    coveredMs += d;
    if (seg.stage === 'awake' && seg.startMs >= sleepStartMs && seg.endMs <= sleepEndMs) wasoMs += d;
  }
  const sleepMs = ms.asleep_deep + ms.asleep_core + ms.asleep_rem + ms.asleep_unspecified;
  const hasInBed = group.some((s) => s.stage === 'in_bed');

  const total = roundMinutes(sleepMs);
  const [deep = 0, core = 0, rem = 0, unspecified = 0] = apportionMinutes([ms.asleep_deep, ms.asleep_core, ms.asleep_rem, ms.asleep_unspecified], total);

  const zone = sessionZone(group);
  if (zone.kind === 'utc_assumed') {
    warnings.push({
      code: 'time_zone_unknown',
      message: `session ending ${formatInstant(sleepEndMs)}: no IANA zone or UTC offset on any sample; dated in UTC`,
    });
  }
  const localEnd = localTime(sleepEndMs, zone);
  const nap =
    sleepMs < opts.napMaxSleepMinutes * MINUTE_MS &&
    localEnd.minuteOfDay >= opts.napEndFromMinuteOfDay &&
    localEnd.minuteOfDay < opts.napEndToMinuteOfDay;

  return {
    night_date: localEnd.date,
    nap,
    sleep_start: formatInstant(sleepStartMs),
    sleep_end: formatInstant(sleepEndMs),
    in_bed_start: hasInBed ? formatInstant(extentStart) : null,
    in_bed_end: hasInBed ? formatInstant(extentEnd) : null,
    time_in_bed_minutes: hasInBed ? roundMinutes(coveredMs) : null,
    total_sleep_minutes: total,
    stages: { deep_minutes: deep, core_minutes: core, rem_minutes: rem, unspecified_minutes: unspecified, awake_minutes: roundMinutes(ms.awake) },
    awake_after_sleep_onset_minutes: roundMinutes(wasoMs),
    efficiency: hasInBed ? Math.round((sleepMs / coveredMs) * 10_000) / 10_000 : null,
    awakenings: countAwakenings(segments),
    sources: [...new Set(group.map((s) => s.source))].sort(),
    time_zone: zone,
  };
}

/** Awake episodes between two stretches of sleep: each non-asleep stretch between sleeps that contains awake time. */
function countAwakenings(segments: readonly Segment[]): number {
  let count = 0;
  let seenSleep = false;
  let awakeSinceSleep = false;
  for (const seg of segments) {
    if (isAsleep(seg.stage)) {
      if (seenSleep && awakeSinceSleep) count++;
      seenSleep = true;
      awakeSinceSleep = false;
    } else if (seg.stage === 'awake' && seenSleep) {
      awakeSinceSleep = true;
    }
  }
  return count;
}

/**
 * The zone that dates the session: an IANA zone beats an offset (it knows DST); among samples with the same kind of
 * information, the one ending last (closest to waking up) wins; remaining ties go to the smallest zone name / offset
 * so the answer never depends on input order.
 */
function sessionZone(group: readonly NormalizedSample[]): SessionTimeZone {
  let iana: NormalizedSample | undefined;
  let offset: NormalizedSample | undefined;
  for (const s of group) {
    if (s.timeZone !== null && (!iana || s.endMs > iana.endMs || (s.endMs === iana.endMs && s.timeZone < iana.timeZone!))) iana = s;
    if (s.utcOffsetMinutes !== null && (!offset || s.endMs > offset.endMs || (s.endMs === offset.endMs && s.utcOffsetMinutes < offset.utcOffsetMinutes!))) offset = s;
  }
  if (iana) return { kind: 'iana', time_zone: iana.timeZone! };
  if (offset) return { kind: 'utc_offset', utc_offset_minutes: offset.utcOffsetMinutes! };
  return { kind: 'utc_assumed' };
}

function localTime(instantMs: number, zone: SessionTimeZone): LocalDateTime {
  switch (zone.kind) {
    case 'iana':
      return localInZone(instantMs, zone.time_zone);
    case 'utc_offset':
      return localAtOffset(instantMs, zone.utc_offset_minutes);
    case 'utc_assumed':
      return localAtOffset(instantMs, 0);
  }
}

/** Whole minutes, half up. Monotone, so a ≤ b in milliseconds stays a ≤ b in minutes. */
export function roundMinutes(ms: number): number {
  return Math.round(ms / MINUTE_MS);
}

/**
 * Whole minutes for parts whose sum must equal `total` (= roundMinutes(sum of parts)): floor each part, then hand the
 * missing minutes to the largest remainders (ties: earlier part first). Largest-remainder (Hamilton) apportionment.
 */
export function apportionMinutes(partsMs: readonly number[], total: number): number[] {
  const floors = partsMs.map((p) => Math.floor(p / MINUTE_MS));
  let missing = total - floors.reduce((a, b) => a + b, 0);
  const order = partsMs
    .map((p, i) => ({ i, rem: p - floors[i]! * MINUTE_MS }))
    .filter((x) => x.rem > 0)
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing--;
  }
  return floors;
}
